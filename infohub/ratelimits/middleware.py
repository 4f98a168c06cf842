"""Slow down one client sending too many requests to search, the JSON API or the webhooks.

Each route group has its own limit per window (settings ``INFOHUB_RATE_LIMIT_*``). The
client is its address behind our trusted proxies, or the bearer token of an API call,
so two integrations behind one address are counted apart. The key is a keyed hash:
the counters never hold an address or a token. A request with a token the API refuses
(401) also counts against its address, so inventing tokens does not escape the limit.
Every other route is left alone; the portal's forms keep their own daily limits.
"""

import logging
import re
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from infohub.core.client_ip import client_ip
from infohub.core.http_errors import error_response
from infohub.protection.hashing import keyed_hash
from infohub.ratelimits.services import (
    CounterStoreError,
    Window,
    rate_count,
    rate_hit,
    window_current,
)

Handler = Callable[[HttpRequest], HttpResponse]

logger = logging.getLogger("infohub.ratelimits")

_PURPOSE = "rate_limit"


def _search_pages() -> re.Pattern[str]:
    codes = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    return re.compile(rf"^/(?:{codes})/search/")


def route_group(path: str) -> str | None:
    """The limited group a path belongs to, or None when no limit applies."""
    if path.startswith("/api/v1/search") or _search_pages().match(path):
        return "search"
    if path.startswith(("/api/v1/", "/api/hsds/")):
        return "api"
    if path.startswith("/channels/"):
        return "webhooks"
    return None


def _limit(group: str) -> int:
    limits: dict[str, int] = settings.INFOHUB_RATE_LIMITS
    return limits[group]


def _bearer(request: HttpRequest) -> str | None:
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    return (token.strip() or None) if scheme.lower() == "bearer" else None


def _message() -> str:
    return _("Too many requests from your connection. Wait a moment and try again.")


def _refusal(request: HttpRequest, *, api: bool, retry_after: int) -> HttpResponse:
    if api:
        response: HttpResponse = error_response(
            429, message=_message(), details={"retry_after": retry_after}
        )
    else:
        context = {"base_template": "base.html", "message": _message()}
        response = render(request, "error.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitMiddleware:
    """Count each limited request and answer 429 once its client is over the limit."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        group = route_group(request.path_info)
        if group is None or not settings.INFOHUB_RATE_LIMITS_ENABLED:
            return self.get_response(request)
        window = window_current(seconds=settings.INFOHUB_RATE_LIMIT_WINDOW_SECONDS)
        address = client_ip(request) or "unknown"
        token = _bearer(request)
        key = keyed_hash(f"token:{token}" if token else f"ip:{address}", purpose=_PURPOSE)
        refused_tokens = keyed_hash(f"refused-token:{address}", purpose=_PURPOSE)
        try:
            over = rate_hit(group=group, key=key, window=window) > _limit(group)
            if token and not over:
                refused = rate_count(group=group, key=refused_tokens, window=window)
                over = refused >= _limit(group)
        except (DatabaseError, CounterStoreError):
            # The limit protects the service; it is no reason to fail a request the view
            # may still answer (a health check, a read during a database hiccup).
            logger.warning("rate limit counters unavailable; %s request let through", group)
            return self.get_response(request)
        if over:
            return self._refuse(request, group, window)
        response = self.get_response(request)
        if token and response.status_code == 401:
            try:
                rate_hit(group=group, key=refused_tokens, window=window)
            except (DatabaseError, CounterStoreError):
                logger.warning("rate limit counters unavailable; refused token not counted")
        return response

    def _refuse(self, request: HttpRequest, group: str, window: Window) -> HttpResponse:
        api = group != "search" or request.path_info.startswith("/api/")
        return _refusal(request, api=api, retry_after=window.retry_after(timezone.now()))
