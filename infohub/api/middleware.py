"""Give API errors produced outside the API's views (routing, 405s) the one error shape."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from infohub.core.http_errors import error_response

API_PREFIX = "/api/"


class ApiErrorShapeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path_info.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            shaped = error_response(response.status_code)
            shaped["Cache-Control"] = "no-store"
            if response.has_header("Allow"):
                shaped["Allow"] = response["Allow"]
            return shaped
        return response
