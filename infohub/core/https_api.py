"""The APIs refuse plain HTTP in production instead of redirecting it.

A redirect helps a person typing an address; an API client that sent a bearer token
over plain HTTP has already exposed it, and following a redirect would hide the mistake.
So with ``INFOHUB_API_HTTPS_ONLY`` (on when production redirects to HTTPS), a request to
``/api/`` that did not come over HTTPS answers 403 in the error shape, and the
redirect exempts ``/api/``. Whether a request came over HTTPS is Django's
``request.is_secure()``, which trusts ``SECURE_PROXY_SSL_HEADER`` behind our proxies.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from infohub.core.http_errors import error_response

Handler = Callable[[HttpRequest], HttpResponse]


class ApiHttpsOnlyMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.INFOHUB_API_HTTPS_ONLY
            and request.path_info.startswith("/api/")
            and not request.is_secure()
        ):
            message = _("The API answers only over HTTPS. Send the request to https:// again.")
            return error_response(403, message=message, code="https_required")
        return self.get_response(request)
