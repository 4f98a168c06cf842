"""The one JSON error shape: ``{"error": {"code", "message", "details"}}``.

It lives in core because both the API and the platform's own handlers (404 and 500
under ``/api/``, a domain error the API did not handle) answer in it.
"""

import logging
from http import HTTPStatus
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

from infohub.core.errors import DomainError

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


def domain_error_response(exc: DomainError) -> JsonResponse:
    """The error's own status and code, with its message in the active language."""
    return error_response(exc.status, code=exc.code, message=str(exc))


def server_error_response(request: HttpRequest, exc: BaseException) -> JsonResponse:
    """Log the failure (the formatter withholds its message) and answer 500."""
    logger.error("unhandled %s in API request", type(exc).__name__, exc_info=exc)
    return error_response(500, details={"request_id": getattr(request, "request_id", None)})
