"""The API's one error shape: ``{"error": {"code", "message", "details"}}``.

Every error leaves the API through ``error_response``, whether it comes from a view,
validation, authentication, URL routing or an unexpected exception.
"""

import logging
from http import HTTPStatus
from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

logger = logging.getLogger("infohub.api")

_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "validation_error",
    429: "rate_limited",
    500: "server_error",
}


def code_for_status(status: int) -> str:
    return _CODES.get(status, HTTPStatus(status).phrase.lower().replace(" ", "_"))


def message_for_status(status: int) -> str:
    messages = {
        401: _("Authentication is required: send a valid token as 'Authorization: Bearer ...'."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
        422: _("The request is not valid."),
        500: _("Something went wrong on our side. Quote the request id when reporting it."),
    }
    return messages.get(status, HTTPStatus(status).phrase)


def error_response(
    status: int, *, message: str | None = None, details: Any = None, code: str | None = None
) -> JsonResponse:
    body = {
        "error": {
            "code": code or code_for_status(status),
            "message": message or message_for_status(status),
            "details": details,
        }
    }
    return JsonResponse(body, status=status)


def _validation_details(exc: ValidationError) -> list[dict[str, Any]]:
    # Echo where and why, never the rejected value: it may be personal data.
    return [
        {"loc": [str(part) for part in error.get("loc", ())], "msg": str(error.get("msg", ""))}
        for error in exc.errors
    ]


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def on_validation(request: HttpRequest, exc: ValidationError) -> JsonResponse:
        return error_response(422, details=_validation_details(exc))

    @api.exception_handler(AuthenticationError)
    def on_authentication(request: HttpRequest, exc: AuthenticationError) -> JsonResponse:
        return error_response(401)

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> JsonResponse:
        return error_response(exc.status_code, message=str(exc))

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> JsonResponse:
        return error_response(404)

    @api.exception_handler(Exception)
    def on_unexpected(request: HttpRequest, exc: Exception) -> JsonResponse:
        return server_error_response(request, exc)


def server_error_response(request: HttpRequest, exc: BaseException) -> JsonResponse:
    """Log the failure (the formatter withholds its message) and answer 500."""
    logger.error("unhandled %s in API request", type(exc).__name__, exc_info=exc)
    return error_response(500, details={"request_id": getattr(request, "request_id", None)})
