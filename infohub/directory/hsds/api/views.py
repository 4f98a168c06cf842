"""The HSDS API's endpoints: plain Django views that answer HSDS JSON or the one error shape."""

import functools
import math
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt

from infohub.core.http_errors import error_response, server_error_response
from infohub.directory.hsds.api import params, serializers
from infohub.directory.hsds.api.selectors import (
    ServiceAtLocationFilters,
    ServiceFilters,
    TermFilters,
    nearest_first,
    organization_list_public,
    postcode_centroid,
    service_at_location_get_public,
    service_at_location_list_public,
    service_get_public,
    service_list_public,
    taxonomy_list_public,
    taxonomy_term_list_public,
)
from infohub.directory.hsds.api.serializers import JsonObject, Shape, serialize
from infohub.directory.hsds.schema import HSDS_VERSION
from infohub.directory.models import HsdsRecord, ServiceAtLocation, Taxonomy, TaxonomyTerm

OFFICIAL_OPENAPI = (
    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
)
ALLOWED_METHODS = ("GET", "HEAD")
# Open Referral UK's compliance rule: any web page may read the public directory. Only
# these endpoints say so (a few lines here rather than a CORS library for one read-only
# API); staff and personal endpoints send no CORS header, so browsers keep them same-origin.
ANY_ORIGIN = {"Access-Control-Allow-Origin": "*"}
PREFLIGHT = {
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Accept-Language, Content-Type",
    "Access-Control-Max-Age": "86400",
}

Render = Callable[[list[Any]], list[JsonObject]]
Endpoint = Callable[..., JsonObject]


def hsds_endpoint(view: Endpoint) -> Callable[..., HttpResponse]:
    """Answer GET and HEAD with the view's JSON, in the language the request asks for.

    Any origin may read it (``ANY_ORIGIN``), and OPTIONS answers a browser's preflight.

    A bad parameter is a 422, an unknown or hidden id a 404, anything unexpected a
    500, all in the API's error shape (infohub.core.http_errors). The endpoints change
    nothing, so CSRF protection has nothing to protect: without the exemption, a POST
    would be refused as a forgery (403) rather than as a method not allowed (405).
    """

    @csrf_exempt
    @functools.wraps(view)
    def endpoint(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":  # a browser's CORS preflight
            response = HttpResponse(status=204, headers=PREFLIGHT)
        elif request.method not in ALLOWED_METHODS:
            response = error_response(405)
            response["Allow"] = ", ".join(ALLOWED_METHODS)
        else:
            response = _answer(view, request, kwargs)
        for name, value in ANY_ORIGIN.items():
            response[name] = value
        return response

    return endpoint


def _answer(view: Endpoint, request: HttpRequest, kwargs: dict[str, Any]) -> HttpResponse:
    try:
        lang = params.language(request)
        data = view(request, lang, **kwargs)
    except params.BadParameterError as problem:
        return error_response(
            422, details=[{"loc": ["query", problem.name], "msg": problem.message}]
        )
    except Http404:
        return error_response(404)
    except Exception as exc:  # the same answer as the main API's for a failure
        return server_error_response(request, exc)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Language"] = lang
    patch_vary_headers(response, ["Accept-Language"])
    return response


def _uuid(record_id: str) -> uuid.UUID:
    """A path id; a malformed one is not found, like an unknown one."""
    try:
        return uuid.UUID(record_id)
    except ValueError:
        raise Http404 from None


def _one(shape: Shape, row: HsdsRecord | None, lang: str) -> JsonObject:
    if row is None:
        raise Http404
    (data,) = serialize(shape, [row], lang)
    return data


def _page(rows: QuerySet[Any] | Sequence[Any], paging: params.Paging, render: Render) -> JsonObject:
    """The HSDS page object (components/schemas/Page of the HSDS OpenAPI) with its contents."""
    total = rows.count() if isinstance(rows, QuerySet) else len(rows)
    # A page past the end is empty without asking the database for an offset it may refuse.
    end = paging.offset + paging.per_page
    on_page = list(rows[paging.offset : end]) if paging.offset < total else []
    contents = render(on_page)
    total_pages = math.ceil(total / paging.per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": paging.page,
        "size": len(contents),
        "first_page": paging.page == 1,
        "last_page": paging.page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def _renderer(shape: Shape, lang: str) -> Render:
    return lambda rows: serialize(shape, rows, lang)


@hsds_endpoint
def root(request: HttpRequest, lang: str) -> JsonObject:
    return {"version": HSDS_VERSION, "openapi_url": OFFICIAL_OPENAPI}


def _service_filters(query: Any) -> ServiceFilters:
    return ServiceFilters(
        search=params.text(query, "search"),
        organization_id=params.identifier(query, "organization_id"),
        taxonomy_term_id=params.identifier(query, "taxonomy_term_id"),
        taxonomy_id=params.identifier(query, "taxonomy_id"),
        modified_after=params.modified_after(query),
    )


@hsds_endpoint
def service_list(request: HttpRequest, lang: str) -> JsonObject:
    query = request.GET
    params.response_format(query)
    paging = params.paging(query)
    filters = _service_filters(query)
    minimal, full = params.boolean(query, "minimal"), params.boolean(query, "full")
    if minimal and full:
        raise params.BadParameterError("minimal", "cannot be true together with full")
    services = service_list_public(filters)
    if minimal:
        return _page(services, paging, lambda rows: serializers.minimal_services(rows, lang))
    shape = serializers.SERVICE_FULL if full else serializers.SERVICE_LIST
    return _page(services, paging, _renderer(shape, lang))


@hsds_endpoint
def service_detail(request: HttpRequest, lang: str, record_id: str) -> JsonObject:
    return _one(serializers.SERVICE_FULL, service_get_public(_uuid(record_id)), lang)


def _organization_shape(query: Any, *, listing: bool) -> Shape:
    full_service = params.boolean(query, "full_service")
    full = params.boolean(query, "full") if listing else True
    if full_service:
        return serializers.ORGANIZATION_FULL_SERVICES
    return serializers.ORGANIZATION_FULL if full else serializers.ORGANIZATION_LIST


@hsds_endpoint
def organization_list(request: HttpRequest, lang: str) -> JsonObject:
    query = request.GET
    params.response_format(query)
    paging = params.paging(query)
    shape = _organization_shape(query, listing=True)
    organizations = organization_list_public(params.text(query, "search"))
    return _page(organizations, paging, _renderer(shape, lang))


@hsds_endpoint
def organization_detail(request: HttpRequest, lang: str, record_id: str) -> JsonObject:
    shape = _organization_shape(request.GET, listing=False)
    organization = organization_list_public(None).filter(id=_uuid(record_id)).first()
    return _one(shape, organization, lang)


@hsds_endpoint
def service_at_location_list(request: HttpRequest, lang: str) -> JsonObject:
    query = request.GET
    params.response_format(query)
    paging = params.paging(query)
    base = _service_filters(query)
    postcode = params.text(query, "postcode")
    near = params.proximity(query, postcode=postcode)
    # A distance alone is measured from the postcode's centre, and then replaces the
    # postcode filter: places just over the boundary are near too.
    filters = ServiceAtLocationFilters(
        **asdict(base), postcode=postcode if near is None or near.point else None
    )
    full = params.boolean(query, "full")
    shape = serializers.SERVICE_AT_LOCATION_FULL if full else serializers.SERVICE_AT_LOCATION_LIST
    render = _renderer(shape, lang)
    rows = service_at_location_list_public(filters)
    if near is None:
        return _page(rows, paging, render)
    centre = near.point or (postcode_centroid(postcode) if postcode else None)
    if centre is None:
        return _page([], paging, render)

    def render_nearest(ids: list[uuid.UUID]) -> list[JsonObject]:
        found = ServiceAtLocation.objects.in_bulk(ids)
        return render([found[record_id] for record_id in ids])

    return _page(nearest_first(rows, centre, near.metres), paging, render_nearest)


@hsds_endpoint
def service_at_location_detail(request: HttpRequest, lang: str, record_id: str) -> JsonObject:
    row = service_at_location_get_public(_uuid(record_id))
    return _one(serializers.SERVICE_AT_LOCATION_FULL, row, lang)


@hsds_endpoint
def taxonomy_list(request: HttpRequest, lang: str) -> JsonObject:
    query = request.GET
    params.response_format(query)
    paging = params.paging(query)
    taxonomies = taxonomy_list_public(params.text(query, "search"))
    return _page(taxonomies, paging, _renderer(serializers.TAXONOMY, lang))


@hsds_endpoint
def taxonomy_detail(request: HttpRequest, lang: str, record_id: str) -> JsonObject:
    taxonomy = Taxonomy.objects.filter(id=_uuid(record_id)).first()
    return _one(serializers.TAXONOMY, taxonomy, lang)


@hsds_endpoint
def taxonomy_term_list(request: HttpRequest, lang: str) -> JsonObject:
    query = request.GET
    params.response_format(query)
    paging = params.paging(query)
    filters = TermFilters(
        search=params.text(query, "search"),
        taxonomy_id=params.identifier(query, "taxonomy_id"),
        parent_id=params.identifier(query, "parent_id"),
        top_only=params.boolean(query, "top_only"),
    )
    terms = taxonomy_term_list_public(filters)
    return _page(terms, paging, _renderer(serializers.TAXONOMY_TERM, lang))


@hsds_endpoint
def taxonomy_term_detail(request: HttpRequest, lang: str, record_id: str) -> JsonObject:
    term = TaxonomyTerm.objects.filter(id=_uuid(record_id)).first()
    return _one(serializers.TAXONOMY_TERM, term, lang)
