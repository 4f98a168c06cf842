"""Which area each /api/v1/ route belongs to, for the scopes of API tokens.

The one place that maps routes to areas, by the first segment of the route. A token
route whose segment is missing here is refused (deny by default); ``me`` and the API's
own pages need no area. Public routes (``auth=None``) never reach the token check.
"""

from django.http import HttpRequest

from infohub.accounts.errors import TokenScopeError
from infohub.accounts.models import ApiToken
from infohub.accounts.tokens import Area, scopes_allow

API_PREFIX = "api/v1/"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

ROUTE_AREAS: dict[str, Area | None] = {
    "": None,
    "me": None,
    "openapi.json": None,
    "docs": None,
    "consultations": Area.CASEWORK,
    "people": Area.CASEWORK,
    "referrals": Area.CASEWORK,
    "hubs": Area.DIRECTORY,
    "hub-directory": Area.DIRECTORY,
    "services": Area.DIRECTORY,
    "listings": Area.DIRECTORY,
    "articles": Area.CONTENT,
    "news": Area.CONTENT,
    "pathways": Area.CONTENT,
    "search": Area.CONTENT,
}


def route_segment(request: HttpRequest) -> str | None:
    """The first segment of the resolved /api/v1/ route, or None outside it."""
    match = request.resolver_match
    if match is None or not match.route.startswith(API_PREFIX):
        return None
    return match.route.removeprefix(API_PREFIX).split("/", 1)[0]


def token_check_scope(*, token: ApiToken, request: HttpRequest) -> None:
    """Raise TokenScopeError unless ``token`` may make ``request``."""
    segment = route_segment(request)
    if segment is None or segment not in ROUTE_AREAS:
        raise TokenScopeError
    area = ROUTE_AREAS[segment]
    if area is None:
        return
    if not scopes_allow(token.scopes, area=area, write=request.method in WRITE_METHODS):
        raise TokenScopeError
