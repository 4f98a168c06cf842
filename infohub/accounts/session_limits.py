"""An absolute limit on a staff session's life, on top of the idle timeout.

The idle timeout (``INFOHUB_SESSION_IDLE_MINUTES``) ends a session nobody uses; a session
kept busy (a tab that reloads, a stolen cookie used steadily) would otherwise live for
ever. Every sign-in (password, single sign-on, a test's ``force_login``) goes through
Django's ``login``, whose ``user_logged_in`` signal stamps the session; a session past
``INFOHUB_SESSION_MAX_HOURS`` since that stamp, or without one, is signed out and sent to
the sign-in page. Fails closed: a session whose stamp cannot be read is ended.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

SIGNED_IN_AT = "infohub_signed_in_at"


def stamp_sign_in(*, request: HttpRequest | None, **kwargs: Any) -> None:
    """``user_logged_in`` receiver: remember when this session was signed in."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(timezone.now().timestamp())


def session_too_old(request: HttpRequest, *, now: dt.datetime | None = None) -> bool:
    stamp = request.session.get(SIGNED_IN_AT)
    if not isinstance(stamp, int):
        return True
    limit = dt.timedelta(hours=settings.INFOHUB_SESSION_MAX_HOURS)
    return (now or timezone.now()).timestamp() - stamp > limit.total_seconds()


class AbsoluteSessionLimitMiddleware:
    """Sign out a session that has lived longer than the limit, however busy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and session_too_old(request):
            logout(request)
            return redirect(settings.LOGIN_URL)
        return self.get_response(request)
