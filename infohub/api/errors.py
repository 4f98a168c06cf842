"""The API's error handlers; every error leaves the API in the one shape.

The shape itself is ``infohub.core.http_errors``: ``{"error": {"code", "message",
"details"}}``, whether the error comes from a view, validation, authentication, a
domain error, URL routing or an unexpected exception.
"""

from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from django.utils import translation
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from infohub.core.errors import DomainError
from infohub.core.http_errors import (
    code_for_status,
    domain_error_response,
    error_response,
    message_for_status,
    server_error_response,
)

# Re-exported for the modules that still import the shape from here.
__all__ = [
    "code_for_status",
    "error_response",
    "install_error_handlers",
    "message_for_status",
    "server_error_response",
]


def _validation_details(exc: ValidationError) -> list[dict[str, Any]]:
    # Echo where and why, never the rejected value: it may be personal data.
    return [
        {"loc": [str(part) for part in error.get("loc", ())], "msg": str(error.get("msg", ""))}
        for error in exc.errors
    ]


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def on_validation(request: HttpRequest, exc: ValidationError) -> JsonResponse:
        # Schema validation speaks English (pydantic's messages), so the whole answer
        # does, and says so: one language per response, as pages mark theirs with lang.
        with translation.override("en"):
            response = error_response(422, details=_validation_details(exc))
        response["Content-Language"] = "en"
        return response

    @api.exception_handler(AuthenticationError)
    def on_authentication(request: HttpRequest, exc: AuthenticationError) -> JsonResponse:
        return error_response(401)

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> JsonResponse:
        return error_response(exc.status_code, message=str(exc))

    @api.exception_handler(DomainError)
    def on_domain_error(request: HttpRequest, exc: DomainError) -> JsonResponse:
        return domain_error_response(exc)

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> JsonResponse:
        return error_response(404)

    @api.exception_handler(Exception)
    def on_unexpected(request: HttpRequest, exc: Exception) -> JsonResponse:
        return server_error_response(request, exc)
