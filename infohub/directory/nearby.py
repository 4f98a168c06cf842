"""Nearby search: published services ordered by distance from a point, and what a reader sees.

**How.** No GIS: coordinates are two float columns, so the search runs the same on
SQLite and PostgreSQL. A bounding box around the circle is a range condition on the
indexed latitude and longitude columns, answered by the database; the exact
great-circle (haversine) distance of the rows inside it is computed in Python, which
drops the box's corners, sorts and cuts. The circle starts small (2 km) and grows, as
much as the density seen so far says is needed (two to eight times), up to the radius
asked for, stopping as soon as enough results lie inside it: nothing outside can be
nearer, so the answer is exact, and a dense city does not fetch thousands of rows for
ten results.

**What is listed.** Published services whose HSDS status is active or temporarily
closed, each once, at its nearest place that matches (with ``open_now``, its nearest
place open now). Coordinates out of range are ignored.

**Confidential locations are left out entirely.** A confidential location never takes
part in a public search: not in the results, not in a distance, not in a municipality's
centre. A distance, even rounded, and the ordering of results would let anyone with a
few searches locate the place. Its service is still listed at its other, public places;
a service offered only at confidential places is found through its page or a hub, never
by distance. The rules about phones and schedules attached to such a place are in
``public_phones`` and ``place_schedules``.
"""

import datetime as dt
import math
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Avg, Count, Max, Min, Q, QuerySet
from django.utils import timezone

from infohub.directory.models import (
    Address,
    Attribute,
    CostOption,
    DirectoryTranslation,
    Language,
    ListingStatus,
    Location,
    LocationType,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    TaxonomyTerm,
)
from infohub.directory.opening import Zone, applicable_schedules, is_open, zone_for_address

EARTH_RADIUS_KM = 6371.0088
DEFAULT_RADIUS_KM = 50.0
MAX_RADIUS_KM = 500.0
FIRST_RADIUS_KM = 2.0
GROWTH = 8.0
MAX_LIMIT = 50
# Statuses a visitor may still go to; inactive and defunct services are not listed.
LISTED_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)
# Places read at a time when open_now must be checked place by place.
CHUNK = 50
# Widens the box a little, so rounding never leaves out a point on its edge.
MARGIN_DEGREES = 1e-6


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class BoundingBox:
    min_lat: float
    max_lat: float
    # Longitude ranges: one, two when the circle crosses the antimeridian, none near a pole.
    lon_ranges: tuple[tuple[float, float], ...]

    def condition(self, prefix: str = "") -> Q:
        box = Q(**{f"{prefix}latitude__gte": self.min_lat, f"{prefix}latitude__lte": self.max_lat})
        if self.lon_ranges:
            box &= reduce(
                or_,
                (
                    Q(**{f"{prefix}longitude__gte": low, f"{prefix}longitude__lte": high})
                    for low, high in self.lon_ranges
                ),
            )
        return box


def bounding_box(lat: float, lon: float, radius_km: float) -> BoundingBox:
    """The smallest latitude/longitude box that holds the circle (a spherical Earth)."""
    angle = radius_km / EARTH_RADIUS_KM  # radians
    dlat = math.degrees(angle) + MARGIN_DEGREES
    min_lat, max_lat = lat - dlat, lat + dlat
    # The widest longitude the circle reaches, at the latitude where it touches the box.
    ratio = math.sin(angle) / math.cos(math.radians(lat)) if abs(lat) < 90 else 2.0
    if min_lat <= -90 or max_lat >= 90 or angle >= math.pi / 2 or ratio >= 1:
        return BoundingBox(max(min_lat, -90.0), min(max_lat, 90.0), ())
    dlon = math.degrees(math.asin(ratio)) + MARGIN_DEGREES
    low, high = lon - dlon, lon + dlon
    ranges: tuple[tuple[float, float], ...]
    if low < -180:
        ranges = ((low + 360, 180.0), (-180.0, high))
    elif high > 180:
        ranges = ((low, 180.0), (-180.0, high - 360))
    else:
        ranges = ((low, high),)
    return BoundingBox(min_lat, max_lat, ranges)


# Which services and places may be listed.


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


# Places: a service at a location, with what deciding and showing it needs.


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


# The search.


@dataclass(frozen=True)
class Candidate:
    distance_km: float
    service_id: uuid.UUID
    location_id: uuid.UUID
    sal_id: uuid.UUID


def candidates_within(
    rows: QuerySet[ServiceAtLocation], *, lat: float, lon: float, radius_km: float
) -> list[Candidate]:
    """Listed rows whose place lies within the circle, nearest first (ties by id, so stable).

    The query is driven by the box on the location's coordinates: the places in the
    box are a subquery, and the service's listing is checked here rather than in SQL,
    so that no planner prefers walking every published service (SQLite without
    statistics would).
    """
    box = bounding_box(lat, lon, radius_km)
    in_box = Location.objects.filter(box.condition(), confidential=False).order_by().values("id")
    values = (
        rows.filter(location_id__in=in_box)
        .order_by()
        .values_list(
            "id",
            "service_id",
            "location_id",
            "location__latitude",
            "location__longitude",
            "location__confidential",
            "service__listing_status",
            "service__status",
        )
    )
    found = []
    for sal_id, service_id, location_id, place_lat, place_lon, *checks in values:
        confidential, listing, status = checks
        if confidential or listing != ListingStatus.PUBLISHED or status not in LISTED_STATUSES:
            continue
        # The box's range conditions leave out NULLs; values out of range are ignored.
        if place_lat is None or place_lon is None or not -180 <= place_lon <= 180:
            continue
        distance = haversine_km(lat, lon, place_lat, place_lon)
        if distance <= radius_km:
            found.append(Candidate(distance, service_id, location_id, sal_id))
    found.sort(key=lambda c: (c.distance_km, c.service_id, c.location_id))
    return found


def _nearest_per_service(candidates: list[Candidate], limit: int) -> list[Candidate]:
    chosen: list[Candidate] = []
    seen: set[uuid.UUID] = set()
    for candidate in candidates:
        if candidate.service_id not in seen:
            seen.add(candidate.service_id)
            chosen.append(candidate)
            if len(chosen) == limit:
                break
    return chosen


@dataclass
class _OpenNowSearch:
    """Open now needs each place's schedules: places are read a chunk at a time, nearest
    first, and kept across the growing circles."""

    limit: int
    at: dt.datetime
    places: dict[uuid.UUID, Place] = field(default_factory=dict)

    def choose(self, candidates: list[Candidate]) -> list[Place]:
        chosen: list[Place] = []
        seen: set[uuid.UUID] = set()
        for start in range(0, len(candidates), CHUNK):
            batch = [c for c in candidates[start : start + CHUNK] if c.service_id not in seen]
            missing = [(c.sal_id, c.service_id, c.location_id) for c in batch]
            self.places |= load_places([m for m in missing if m[0] not in self.places], at=self.at)
            for candidate in batch:
                place = self.places.get(candidate.sal_id)
                if candidate.service_id in seen or place is None or place.open_now is not True:
                    continue
                seen.add(candidate.service_id)
                place.distance_km = candidate.distance_km
                chosen.append(place)
                if len(chosen) == self.limit:
                    return chosen
        return chosen


def _with_places(chosen: list[Candidate], at: dt.datetime) -> list[Place]:
    places = load_places(((c.sal_id, c.service_id, c.location_id) for c in chosen), at=at)
    found = []
    for candidate in chosen:
        place = places.get(candidate.sal_id)
        if place is not None:
            place.distance_km = candidate.distance_km
            found.append(place)
    return found


def nearby(
    *,
    lat: float,
    lon: float,
    radius_km: float = DEFAULT_RADIUS_KM,
    term_ids: set[uuid.UUID] | None = None,
    language: str | None = None,
    open_now: bool = False,
    limit: int = 10,
    at: dt.datetime | None = None,
) -> list[Place]:
    """Up to ``limit`` listed services within ``radius_km`` of the point, nearest first.

    Each is a Place with its distance; see the module docstring for what is listed.
    ``term_ids`` keeps services tagged with one of those taxonomy terms, ``language``
    those where that language (an ISO 639 code) is spoken, ``open_now`` those open at
    ``at`` (now by default).
    """
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError("coordinates out of range")
    at = at or timezone.now()
    radius_km = min(max(radius_km, 0.0), MAX_RADIUS_KM)
    limit = min(max(limit, 1), MAX_LIMIT)
    rows = filtered(ServiceAtLocation.objects.all(), term_ids=term_ids, language=language)
    open_search = _OpenNowSearch(limit=limit, at=at) if open_now else None
    searched = min(FIRST_RADIUS_KM, radius_km)
    before = 0
    while True:
        candidates = candidates_within(rows, lat=lat, lon=lon, radius_km=searched)
        done = searched >= radius_km
        if open_search is not None:
            found = len(places := open_search.choose(candidates))
            if found == limit or done:
                return places
        else:
            found = len(chosen := _nearest_per_service(candidates, limit))
            if found == limit or done:
                return _with_places(chosen, at)
        searched = min(next_radius(searched, found=found, wanted=limit, before=before), radius_km)
        before = found


def next_radius(radius_km: float, *, found: int, wanted: int, before: int = 0) -> float:
    """The next circle: as wide as the density seen so far says ``wanted`` needs, with a
    margin; at least twice the last one, at most GROWTH times: that when the last circle
    found nothing more than the one ``before`` it."""
    if found <= before:
        return radius_km * GROWTH
    estimate = radius_km * math.sqrt(wanted / found) * 1.25
    return min(max(estimate, radius_km * 2), radius_km * GROWTH)


# Municipalities: where the portal's "near" can start without the visitor's position.


@dataclass(frozen=True)
class Municipality:
    key: str
    country: str
    state_province: str
    city: str
    lat: float
    lon: float
    # Half the diagonal of the box around its places: a search from the centre this
    # wide reaches every one of them.
    spread_km: float

    @property
    def label(self) -> str:
        if not self.state_province or self.state_province == self.city:
            return self.city
        return f"{self.city}, {self.state_province}"


def municipality_key(country: str, state_province: str, city: str) -> str:
    return "|".join((country, state_province, city))


def municipality_list() -> list[Municipality]:
    """Cities with a listed service at a public place with coordinates, centred on those places.

    Confidential places count for nothing here, not even for a city's centre.
    """
    places = Location.objects.filter(
        confidential=False,
        latitude__gte=-90,
        latitude__lte=90,
        longitude__gte=-180,
        longitude__lte=180,
        id__in=listed_service_at_locations().values("location_id"),
    )
    rows = (
        Address.objects.filter(location__in=places)
        .exclude(city="")
        .values("country", "state_province", "city")
        .annotate(
            lat=Avg("location__latitude"),
            lon=Avg("location__longitude"),
            min_lat=Min("location__latitude"),
            max_lat=Max("location__latitude"),
            min_lon=Min("location__longitude"),
            max_lon=Max("location__longitude"),
            places=Count("location", distinct=True),
        )
        .order_by("country", "city", "state_province")
    )
    return [
        Municipality(
            key=municipality_key(r["country"], r["state_province"], r["city"]),
            country=r["country"],
            state_province=r["state_province"],
            city=r["city"],
            lat=r["lat"],
            lon=r["lon"],
            spread_km=haversine_km(r["min_lat"], r["min_lon"], r["max_lat"], r["max_lon"]) / 2,
        )
        for r in rows
    ]


# What a reader sees about listed services: phones, languages, costs, translations.


def public_phones(
    *, service_ids: Iterable[uuid.UUID], places: Iterable[Place]
) -> tuple[dict[uuid.UUID, list[Phone]], dict[uuid.UUID, list[Phone]]]:
    """Phones of services (not tied to any place) and of public places, in one query.

    A phone that names a place must name a public one: a number that belongs to a
    confidential place is never shown, even when it also names the service. Phones
    reached only through a contact are not shown (the contact may be at such a place).
    Returns (by service id, by service-at-location id).
    """
    service_ids = set(service_ids)
    places = list(places)
    sal_ids = {p.service_at_location_id: p for p in places}
    location_ids = {p.location.id for p in places}
    rows = Phone.objects.filter(
        Q(service_id__in=service_ids)
        | Q(service_at_location_id__in=sal_ids)
        | Q(location_id__in=location_ids),
        contact__isnull=True,
    ).order_by("number", "id")
    by_service: dict[uuid.UUID, list[Phone]] = defaultdict(list)
    by_place: dict[uuid.UUID, list[Phone]] = defaultdict(list)
    for phone in rows:
        if phone.location_id is None and phone.service_at_location_id is None:
            if phone.service_id in service_ids:
                by_service[phone.service_id].append(phone)
            continue
        if phone.location_id is not None and phone.location_id not in location_ids:
            continue
        if phone.service_at_location_id is not None and phone.service_at_location_id not in sal_ids:
            continue
        for place in places:
            if _phone_belongs(phone, place):
                by_place[place.service_at_location_id].append(phone)
    return by_service, by_place


def _phone_belongs(phone: Phone, place: Place) -> bool:
    if phone.service_at_location_id is not None:
        return phone.service_at_location_id == place.service_at_location_id
    return phone.location_id == place.location.id and phone.service_id in (None, place.service.id)


def spoken_languages(
    *, service_ids: Iterable[uuid.UUID], location_ids: Iterable[uuid.UUID]
) -> tuple[dict[uuid.UUID, list[Language]], dict[uuid.UUID, list[Language]]]:
    """Languages spoken by services and at public places: (by service id, by location id)."""
    location_ids = set(location_ids)
    rows = Language.objects.filter(
        Q(service_id__in=set(service_ids), location__isnull=True)
        | Q(location_id__in=location_ids, location__confidential=False)
    ).order_by("code", "name", "id")
    by_service: dict[uuid.UUID, list[Language]] = defaultdict(list)
    by_location: dict[uuid.UUID, list[Language]] = defaultdict(list)
    for language in rows:
        if language.location_id is not None:
            by_location[language.location_id].append(language)
        elif language.service_id is not None:
            by_service[language.service_id].append(language)
    return by_service, by_location


def current_cost_options(
    *, service_ids: Iterable[uuid.UUID], today: dt.date
) -> dict[uuid.UUID, list[CostOption]]:
    rows = (
        CostOption.objects.filter(service_id__in=set(service_ids))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by("amount", "id")
    )
    found: dict[uuid.UUID, list[CostOption]] = defaultdict(list)
    for option in rows:
        found[option.service_id].append(option)
    return found


# {(table, record id): {field: {lang: text}}}, for selectors.text_for.
Translations = dict[tuple[str, uuid.UUID], dict[str, dict[str, str]]]


def translations_of(records: Iterable[tuple[str, uuid.UUID]]) -> Translations:
    """The translations of rows of several tables, in one query."""
    wanted = set(records)
    found: Translations = defaultdict(lambda: defaultdict(dict))
    rows = DirectoryTranslation.objects.filter(record_id__in={r for _t, r in wanted})
    for table, record_id, field_name, lang, text in rows.values_list(
        "table", "record_id", "field", "lang", "text"
    ):
        if (table, record_id) in wanted:
            found[table, record_id][field_name][lang] = text
    return found
