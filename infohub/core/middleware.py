"""Cross-cutting HTTP behaviour: request ids, language memory, private responses, domain errors."""

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from infohub.core.client_ip import client_ip
from infohub.core.errors import DomainError
from infohub.core.http_errors import domain_error_response
from infohub.core.request_context import RequestContext, bound_context, new_request_id

Handler = Callable[[HttpRequest], HttpResponse]

# Accept a caller's request id only if it cannot smuggle anything into logs.
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

# Paths whose responses may carry personal data or staff-only information.
PRIVATE_PREFIXES = ("/api/", "/admin/", "/accounts/", "/staff/")
# Pages whose error page keeps the staff header (sign-out, language form).
STAFF_PREFIXES = ("/admin/", "/accounts/", "/staff/")


class RequestContextMiddleware:
    """Give each request an id (echoed in ``X-Request-ID``) and remember the client IP."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else new_request_id()
        context = RequestContext(request_id=request_id, ip=client_ip(request))
        request.request_id = request_id  # type: ignore[attr-defined]
        with bound_context(context):
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class LanguageCookieMiddleware:
    """Remember the language of a language-prefixed page in the language cookie.

    The picker is a set of plain links (no form, no JavaScript); visiting ``/ht/``
    makes ``/`` send the visitor back to Kreyòl next time.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response
        self.codes = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        prefix = request.path_info.strip("/").split("/", 1)[0]
        if prefix in self.codes and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != prefix:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                prefix,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
                secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
                httponly=True,
            )
        return response


class PrivateResponseMiddleware:
    """Forbid caching of staff pages, API responses and anything a signed-in user sees."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        if signed_in or request.path_info.startswith(PRIVATE_PREFIXES):
            response["Cache-Control"] = "no-store"
        return response


class DomainErrorMiddleware:
    """Answer a domain error no view caught with its status and message, never a 500.

    Views that re-show a form with the message still catch the error themselves; this
    is for the others. Under ``/api/`` the answer is the API's error shape.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError):
            return None
        if request.path_info.startswith("/api/"):
            return domain_error_response(exception)
        staff = request.path_info.startswith(STAFF_PREFIXES)
        context = {
            "base_template": "staff_base.html" if staff else "base.html",
            "message": str(exception),
        }
        return render(request, "error.html", context, status=exception.status)
