"""The JSON API under /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs)."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Schema
from ninja.pagination import paginate

from infohub.accounts.access import access_hub, signed_in_user
from infohub.accounts.models import Hub
from infohub.accounts.selectors import hub_list_visible, user_memberships
from infohub.api.auth import BearerToken
from infohub.api.errors import install_error_handlers
from infohub.api.openapi import DocumentedAPI
from infohub.api.schemas import HubOut, MembershipOut, MeOut
from infohub.articles.api import router as articles_router
from infohub.core.pagination import LimitOffsetPagination
from infohub.counselling.api import router as consultations_router
from infohub.counselling.api_people import router as people_router
from infohub.directory.hubs.api import router as hub_directory_router
from infohub.directory.nearby.api import router as nearby_router
from infohub.news.api import router as news_router
from infohub.pathways.api import router as pathways_router
from infohub.referrals.api import router as referrals_router
from infohub.search.api import router as search_router

api = DocumentedAPI(
    title="infohub API",
    version="1",
    description="Information hubs on migration. Errors always have the shape "
    '{"error": {"code": ..., "message": ..., "details": ...}}.',
    urls_namespace="api-v1",
    auth=BearerToken(),
)
install_error_handlers(api)
api.add_router("", articles_router)
api.add_router("", news_router)
api.add_router("", search_router)
api.add_router("", nearby_router)
api.add_router("", hub_directory_router)
api.add_router("", pathways_router)
api.add_router("", consultations_router)
api.add_router("", people_router)
api.add_router("", referrals_router)


@api.get("/me", response=MeOut, tags=["accounts"])
def me(request: HttpRequest) -> MeOut:
    """The account the token belongs to, with its roles."""
    user = signed_in_user(request)
    roles = [
        MembershipOut(
            role=m.role,
            hub_id=m.hub.public_id if m.hub else None,
            organisation_id=m.organisation.public_id if m.organisation else None,
        )
        for m in user_memberships(user=user)
    ]
    return MeOut(id=user.public_id, username=user.username, roles=roles)


class HubFilters(Schema):
    country: str | None = None


@api.get("/hubs", response=list[HubOut], tags=["hubs"])
@paginate(LimitOffsetPagination)
def hub_list(request: HttpRequest, filters: Query[HubFilters]) -> QuerySet[Hub]:
    """Hubs the token's account works in."""
    hubs = hub_list_visible(user=signed_in_user(request)).order_by("name", "pk")
    if filters.country:
        hubs = hubs.filter(country=filters.country.upper())
    return hubs


@api.get("/hubs/{hub_id}", response=HubOut, tags=["hubs"])
def hub_detail(request: HttpRequest, hub_id: str) -> Hub:
    return access_hub(user=signed_in_user(request), public_id=hub_id)
