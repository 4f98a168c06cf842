"""Refuse request input no text field accepts, and bodies over the limit, before any view.

One place for the API and the pages alike: a NUL byte or another control character in
a query string, a form field or a JSON string is refused (422 in the API's error shape,
a 400 page in the reader's language), and a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``
answers 413. Without this, PostgreSQL answered 500 to NUL and SQLite stored it silently,
and Django's ``RequestDataTooBig`` surfaced in the API as a 500.

The messaging webhook (``/channels/``) is left alone: its providers' payloads are checked
by signature and parsed by the channel kinds, and a provider must never see a refusal
for what one person typed.
"""

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from infohub.core.http_errors import error_response

Handler = Callable[[HttpRequest], HttpResponse]

# C0 controls but tab, newline and carriage return; DEL; lone surrogates, which JSON
# escapes can carry but no database can store.
FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")

EXEMPT_PREFIXES = ("/channels/",)
API_PREFIX = "/api/"
STAFF_PREFIXES = ("/admin/", "/accounts/", "/staff/")
_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def has_forbidden_characters(text: str) -> bool:
    return FORBIDDEN.search(text) is not None


def _walk_json(value: Any, loc: list[str]) -> Iterator[list[str]]:
    if isinstance(value, str):
        if has_forbidden_characters(value):
            yield loc
    elif isinstance(value, dict):
        for key, item in value.items():
            if has_forbidden_characters(key):
                yield loc
            yield from _walk_json(item, [*loc, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk_json(item, [*loc, str(index)])


def _walk_fields(fields: Any, source: str) -> Iterator[list[str]]:
    for key, values in fields.lists():
        if has_forbidden_characters(key) or any(has_forbidden_characters(v) for v in values):
            # The field's name only when it is clean: it is echoed back.
            yield [source] if has_forbidden_characters(key) else [source, key]


def _json_body(request: HttpRequest) -> Any:
    if not (request.content_type or "").endswith("json"):
        return None
    try:
        return json.loads(request.body)
    except ValueError:
        return None  # malformed JSON is the parser's to report


def forbidden_input(request: HttpRequest) -> list[str] | None:
    """Where the first forbidden character is, as a location; may raise RequestDataTooBig."""
    if request.method in _BODY_METHODS and request.path_info.startswith(API_PREFIX):
        request.body  # noqa: B018 -- reading it checks its size before anything else does
    sources = (
        _walk_fields(request.GET, "query"),
        _walk_fields(request.POST, "form"),
        _walk_json(_json_body(request), ["body"]),
    )
    for found in sources:
        for loc in found:
            return loc
    return None


def _too_large_message() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return _("The request is larger than the limit of %(size)s (%(bytes)s bytes).") % {
        "size": filesizeformat(limit),
        "bytes": limit,
    }


def _forbidden_message() -> str:
    return _(
        "The text sent contains characters that are not allowed, such as a NUL byte or "
        "another control character. Remove them and try again."
    )


def _page(request: HttpRequest, message: str, status: int) -> HttpResponse:
    staff = request.path_info.startswith(STAFF_PREFIXES)
    context = {"base_template": "staff_base.html" if staff else "base.html", "message": message}
    return render(request, "error.html", context, status=status)


class RequestInputMiddleware:
    """Answer forbidden characters and bodies over the limit before any view runs."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(EXEMPT_PREFIXES):
            return self.get_response(request)
        api = request.path_info.startswith(API_PREFIX)
        try:
            loc = forbidden_input(request)
        except RequestDataTooBig:
            message = _too_large_message()
            details = {"limit_bytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
            if api:
                return error_response(413, message=message, details=details)
            return _page(request, message, 413)
        if loc is None:
            return self.get_response(request)
        message = _forbidden_message()
        if api:
            return error_response(422, message=message, details=[{"loc": loc, "msg": message}])
        return _page(request, message, 400)
