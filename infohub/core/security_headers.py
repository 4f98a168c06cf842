"""``Permissions-Policy`` on every response: browser features no page needs are switched off.

Django sets the other security headers itself (``SecurityMiddleware``, the CSP from
django-csp); this one it does not, and a package for one header is not worth a dependency.
"""

from collections.abc import Callable, Mapping, Sequence

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Handler = Callable[[HttpRequest], HttpResponse]


def permissions_policy(features: Mapping[str, Sequence[str]]) -> str:
    """The header's value: ``camera=()`` for none, ``geolocation=(self)`` for our pages only."""
    return ", ".join(f"{name}=({' '.join(allowed)})" for name, allowed in features.items())


class PermissionsPolicyMiddleware:
    """Add ``Permissions-Policy``; placed before WhiteNoise so static files carry it too."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response
        self.value = permissions_policy(settings.INFOHUB_PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.value)
        return response
