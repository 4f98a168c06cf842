"""The search itself: growing circles, exact distances, each service once."""

import datetime as dt
import math
import uuid
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from infohub.directory.models import ListingStatus, Location, ServiceAtLocation
from infohub.directory.nearby.geometry import bounding_box, haversine_km
from infohub.directory.nearby.places import LISTED_STATUSES, Place, filtered, load_places

DEFAULT_RADIUS_KM = 50.0
MAX_RADIUS_KM = 500.0
FIRST_RADIUS_KM = 2.0
GROWTH = 8.0
MAX_LIMIT = 50
# Places read at a time when open_now must be checked place by place.
CHUNK = 50


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
