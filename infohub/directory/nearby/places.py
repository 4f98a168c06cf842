"""Which services at which places may be listed; a place, with what deciding and showing needs."""

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from infohub.directory.models import (
    Address,
    Attribute,
    Language,
    ListingStatus,
    Location,
    LocationType,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    TaxonomyTerm,
)
from infohub.directory.opening import Zone, applicable_schedules, is_open, zone_for_address

# Statuses a visitor may still go to; inactive and defunct services are not listed.
LISTED_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)


def listed_service_at_locations() -> QuerySet[ServiceAtLocation]:
    """Published, active or temporarily closed services at places that are not confidential."""
    return ServiceAtLocation.objects.filter(
        service__listing_status=ListingStatus.PUBLISHED,
        service__status__in=LISTED_STATUSES,
        location__confidential=False,
    )


def term_and_descendants(term: TaxonomyTerm) -> set[uuid.UUID]:
    """A taxonomy term and the terms below it (HSDS ``parent_id``), a few levels deep."""
    found = {term.id}
    level = {term.id}
    for _depth in range(5):
        level = set(
            TaxonomyTerm.objects.filter(parent_id__in=level)
            .exclude(id__in=found)
            .values_list("id", flat=True)
        )
        if not level:
            break
        found |= level
    return found


def term_by_id_or_code(value: str) -> TaxonomyTerm | None:
    try:
        return TaxonomyTerm.objects.filter(id=uuid.UUID(value)).first()
    except ValueError:
        return TaxonomyTerm.objects.filter(code=value).order_by("id").first()


def _speaks(language: str) -> Q:
    return Q(code__iexact=language) | Q(code__istartswith=f"{language}-")


def filtered(
    rows: QuerySet[ServiceAtLocation],
    *,
    term_ids: set[uuid.UUID] | None = None,
    language: str | None = None,
) -> QuerySet[ServiceAtLocation]:
    """Services tagged with one of ``term_ids``; services or places where ``language`` is spoken."""
    if term_ids is not None:
        tagged = Attribute.objects.filter(link_entity="service", taxonomy_term_id__in=term_ids)
        rows = rows.filter(service_id__in=tagged.values("link_id"))
    if language:
        spoken = Language.objects.filter(_speaks(language))
        rows = rows.filter(
            Q(service_id__in=spoken.filter(service__isnull=False).values("service_id"))
            | Q(location_id__in=spoken.filter(location__isnull=False).values("location_id"))
        )
    return rows


@dataclass
class Place:
    service_at_location_id: uuid.UUID
    service: Service
    location: Location
    address: Address | None
    zone: Zone | None
    schedules: Sequence[Schedule]
    open_now: bool | None
    distance_km: float | None = None

    @property
    def coordinates(self) -> tuple[float, float] | None:
        lat, lon = self.location.latitude, self.location.longitude
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None
        return lat, lon


def main_address(addresses: Iterable[Address]) -> Address | None:
    """The physical address first; a postal one when there is nothing else."""
    ordered = sorted(addresses, key=lambda a: (a.address_type != LocationType.PHYSICAL, str(a.id)))
    return ordered[0] if ordered else None


def place_schedules(
    schedules: Iterable[Schedule],
    *,
    sal_id: uuid.UUID,
    service_id: uuid.UUID,
    location_id: uuid.UUID,
) -> Sequence[Schedule]:
    """The schedules of a service at a place, from rows already read (see applicable_schedules).

    A schedule tied to another place is never used, so hours entered for a confidential
    place do not reach a public one.
    """
    at_location, of_service, of_location = [], [], []
    for s in schedules:
        if s.service_at_location_id == sal_id or (
            s.service_id == service_id and s.location_id == location_id
        ):
            at_location.append(s)
        elif s.service_id == service_id and s.location_id is None and not s.service_at_location_id:
            of_service.append(s)
        elif s.location_id == location_id and s.service_id is None and not s.service_at_location_id:
            of_location.append(s)
    return applicable_schedules(
        at_location=at_location, of_service=of_service, of_location=of_location
    )


def load_places(
    triples: Iterable[tuple[uuid.UUID, uuid.UUID, uuid.UUID]], *, at: dt.datetime
) -> dict[uuid.UUID, Place]:
    """Places by service-at-location id, from (sal id, service id, location id), in 4 queries.

    The caller vouches that every triple is listed (listed_service_at_locations).
    """
    triples = list(triples)
    if not triples:
        return {}
    service_ids = {t[1] for t in triples}
    location_ids = {t[2] for t in triples}
    services = Service.objects.select_related("organization").in_bulk(service_ids)
    locations = Location.objects.filter(confidential=False).in_bulk(location_ids)
    addresses: dict[uuid.UUID, list[Address]] = defaultdict(list)
    for row in Address.objects.filter(location_id__in=location_ids):
        if row.location_id is not None:
            addresses[row.location_id].append(row)
    schedules = list(
        Schedule.objects.filter(
            Q(service_at_location_id__in=[t[0] for t in triples])
            | Q(service_id__in=service_ids)
            | Q(location_id__in=location_ids)
        )
    )
    places = {}
    for sal_id, service_id, location_id in triples:
        location = locations.get(location_id)
        if location is None:
            continue
        service = services[service_id]
        address = main_address(addresses[location_id])
        zone = None
        if address is not None:
            zone = zone_for_address(
                country=address.country, state_province=address.state_province, city=address.city
            )
        chosen = place_schedules(
            schedules, sal_id=sal_id, service_id=service_id, location_id=location_id
        )
        if service.status == ServiceStatus.TEMPORARILY_CLOSED:
            open_now: bool | None = False
        else:
            open_now = is_open(chosen, at=at, place_zone=zone)
        places[sal_id] = Place(
            service_at_location_id=sal_id,
            service=service,
            location=location,
            address=address,
            zone=zone,
            schedules=chosen,
            open_now=open_now,
        )
    return places
