"""Reads for the HSDS API: which rows are public, and the filters of its lists.

A row is public unless it is an unpublished service or a confidential location, or it
points to a row that is not public, directly or through others: a phone of a
confidential location, the service at that location, that service-at-location's
contacts and their phones. The rule is the export's (infohub.directory.hsds.exports), worked
out in SQL: ``visible(table)`` excludes the hidden rows with one subquery, so a row
that is not public cannot be reached through any nesting of any endpoint.
"""

import datetime as dt
import functools
import re
import uuid
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Avg, Q, QuerySet, TextField, Value
from django.db.models.functions import Lower, Replace

from infohub.directory.hsds.api.params import Point
from infohub.directory.hsds.tables import tables
from infohub.directory.models import (
    Address,
    Attribute,
    DirectoryTranslation,
    HsdsRecord,
    ListingStatus,
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from infohub.directory.nearby.geometry import bounding_box, haversine_km

# The text fields a search looks in, per table; their translations are searched too.
SEARCHED_FIELDS: dict[str, tuple[str, ...]] = {
    "service": ("name", "alternate_name", "description"),
    "organization": ("name", "alternate_name", "description"),
    "location": ("name", "alternate_name", "description"),
    "service_at_location": ("description",),
    "taxonomy": ("name", "description"),
    "taxonomy_term": ("name", "description", "code"),
}
MAX_SEARCH_WORDS = 10

RecordT = TypeVar("RecordT", bound=HsdsRecord)


def _withheld_in_itself(name: str) -> Q | None:
    if name == "service":
        return ~Q(listing_status=ListingStatus.PUBLISHED)
    if name == "location":
        return Q(confidential=True)
    return None


@functools.cache
def hidden_ids(name: str) -> QuerySet[HsdsRecord, Any] | None:
    """The ids of the rows of table ``name`` that are not public, as a subquery.

    None when no row of the table can be hidden. Polymorphic links (attributes,
    metadata) are not followed: the API only nests them under a row that is shown.
    The subquery is built once per process (building it costs more than running it);
    it is never evaluated on its own, so it holds no rows.
    """
    table = tables()[name]
    condition = _withheld_in_itself(name)
    for column in table.foreign_keys:
        parent_hidden = hidden_ids(column.references) if column.references else None
        if parent_hidden is not None:
            link = Q(**{f"{column.attname}__in": parent_hidden})
            condition = link if condition is None else condition | link
    if condition is None:
        return None
    return table.model._default_manager.filter(condition).values("id")


def visible(name: str) -> QuerySet[HsdsRecord]:
    """The public rows of table ``name``."""
    rows = tables()[name].model._default_manager.all()
    hidden = hidden_ids(name)
    return rows if hidden is None else rows.exclude(id__in=hidden)


def _text_match(name: str, word: str, prefix: str = "") -> Q:
    translated = DirectoryTranslation.objects.filter(
        table=name, field__in=SEARCHED_FIELDS[name], text__icontains=word
    ).values("record_id")
    match = Q(**{f"{prefix}id__in": translated})
    for field in SEARCHED_FIELDS[name]:
        match |= Q(**{f"{prefix}{field}__icontains": word})
    return match


def _search(
    rows: QuerySet[RecordT], search: str | None, *tables: tuple[str, str]
) -> QuerySet[RecordT]:
    """Rows where every word of ``search`` is in a searched field of one of ``tables``.

    ``tables`` are pairs of a table name and the lookup prefix that reaches it.
    """
    if not search:
        return rows
    for word in search.split()[:MAX_SEARCH_WORDS]:
        match = Q()
        for name, prefix in tables:
            match |= _text_match(name, word, prefix)
        rows = rows.filter(match)
    return rows


def _term_links(
    term_id: uuid.UUID | None, taxonomy_id: uuid.UUID | None
) -> QuerySet[Attribute, Any] | None:
    """The ids of the rows an attribute links to the term, or to any term of the taxonomy.

    HSDS attributes name the linked table in ``link_entity``, but data in the wild puts
    other values there; ids are UUIDs, so the id alone is enough.
    """
    if term_id is None and taxonomy_id is None:
        return None
    attributes = Attribute.objects.all()
    if term_id is not None:
        attributes = attributes.filter(taxonomy_term_id=term_id)
    if taxonomy_id is not None:
        attributes = attributes.filter(taxonomy_term__taxonomy_detail_id=taxonomy_id)
    return attributes.values("link_id")


@dataclass(frozen=True)
class ServiceFilters:
    search: str | None = None
    organization_id: uuid.UUID | None = None
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: uuid.UUID | None = None
    modified_after: dt.datetime | None = None


def service_list_public(filters: ServiceFilters) -> QuerySet[Service]:
    services: QuerySet[Service] = visible("service")  # type: ignore[assignment]
    services = _search(services, filters.search, ("service", ""))
    if filters.organization_id is not None:
        services = services.filter(organization_id=filters.organization_id)
    links = _term_links(filters.taxonomy_term_id, filters.taxonomy_id)
    if links is not None:
        services = services.filter(id__in=links)
    if filters.modified_after is not None:
        services = services.filter(last_modified__gte=filters.modified_after)
    return services.order_by("name", "id")


def service_get_public(record_id: uuid.UUID) -> Service | None:
    return service_list_public(ServiceFilters()).filter(id=record_id).first()


def _normalised_postcode(postcode: str) -> str:
    return re.sub(r"[\s-]", "", postcode).lower()


def _addresses_in(postcode: str) -> QuerySet[Address]:
    text: TextField[str, str] = TextField()
    without_spaces = Replace("postal_code", Value(" ", text), Value("", text))
    normalised = Lower(Replace(without_spaces, Value("-", text), Value("", text)))
    return Address.objects.annotate(normalised=normalised).filter(
        normalised=_normalised_postcode(postcode)
    )


def postcode_centroid(postcode: str) -> Point | None:
    """The mean position of the public locations with an address in ``postcode``.

    Confidential locations never count: a centre moved by one would tell where it is.
    """
    located = visible("location").filter(
        id__in=_addresses_in(postcode).values("location_id"),
        latitude__isnull=False,
        longitude__isnull=False,
    )
    centre = located.aggregate(latitude=Avg("latitude"), longitude=Avg("longitude"))
    if centre["latitude"] is None or centre["longitude"] is None:
        return None
    return Point(latitude=centre["latitude"], longitude=centre["longitude"])


@dataclass(frozen=True)
class ServiceAtLocationFilters(ServiceFilters):
    postcode: str | None = None


def service_at_location_list_public(
    filters: ServiceAtLocationFilters,
) -> QuerySet[ServiceAtLocation]:
    rows: QuerySet[ServiceAtLocation] = visible("service_at_location")  # type: ignore[assignment]
    rows = _search(
        rows,
        filters.search,
        ("service", "service__"),
        ("location", "location__"),
        ("service_at_location", ""),
    )
    if filters.organization_id is not None:
        rows = rows.filter(service__organization_id=filters.organization_id)
    links = _term_links(filters.taxonomy_term_id, filters.taxonomy_id)
    if links is not None:
        # The term may be on the service, or on this service at this location.
        rows = rows.filter(Q(id__in=links) | Q(service_id__in=links))
    if filters.modified_after is not None:
        rows = rows.filter(service__last_modified__gte=filters.modified_after)
    if filters.postcode is not None:
        rows = rows.filter(location_id__in=_addresses_in(filters.postcode).values("location_id"))
    return rows.order_by("service__name", "id")


def service_at_location_get_public(record_id: uuid.UUID) -> ServiceAtLocation | None:
    return service_at_location_list_public(ServiceAtLocationFilters()).filter(id=record_id).first()


def nearest_first(
    rows: QuerySet[ServiceAtLocation], centre: Point, metres: float
) -> list[uuid.UUID]:
    """The ids of ``rows`` whose location is within ``metres`` of ``centre``, nearest first."""
    box = bounding_box(centre.latitude, centre.longitude, metres / 1000)
    rows = rows.filter(box.condition("location__"), location__longitude__isnull=False)
    found = []
    for record_id, latitude, longitude in rows.values_list(
        "id", "location__latitude", "location__longitude"
    ):
        if latitude is None or longitude is None:
            continue
        away = 1000 * haversine_km(centre.latitude, centre.longitude, latitude, longitude)
        if away <= metres:
            found.append((away, str(record_id), record_id))
    return [record_id for _, _, record_id in sorted(found)]


def organization_list_public(search: str | None) -> QuerySet[Organization]:
    organizations: QuerySet[Organization] = visible("organization")  # type: ignore[assignment]
    return _search(organizations, search, ("organization", "")).order_by("name", "id")


def taxonomy_list_public(search: str | None) -> QuerySet[Taxonomy]:
    return _search(Taxonomy.objects.all(), search, ("taxonomy", "")).order_by("name", "id")


@dataclass(frozen=True)
class TermFilters:
    search: str | None = None
    taxonomy_id: uuid.UUID | None = None
    parent_id: uuid.UUID | None = None
    top_only: bool = False


def taxonomy_term_list_public(filters: TermFilters) -> QuerySet[TaxonomyTerm]:
    terms = _search(TaxonomyTerm.objects.all(), filters.search, ("taxonomy_term", ""))
    if filters.taxonomy_id is not None:
        terms = terms.filter(taxonomy_detail_id=filters.taxonomy_id)
    if filters.parent_id is not None:
        terms = terms.filter(parent_id=filters.parent_id)
    if filters.top_only:
        terms = terms.filter(parent_id__isnull=True)
    return terms.order_by("name", "id")
