"""Nearby search at scale: the 10 nearest of 100,000 places, against a full scan in the same run.

A synthetic directory (fixed seed) is written with bulk_create into a temporary
database: 100,000 published services, each at its own place with an address and a
weekday schedule, 80% of the places clustered around 40 towns in Costa Rica, the
Dominican Republic, Guatemala, Mexico and Haiti (a few kilometres of spread), the rest
scattered over the region. Queries are points near a town (most visitors are in one)
or anywhere in the region. Ours is ``nearby(limit=10, radius_km=500)``: a growing box on
the indexed latitude/longitude in SQL, exact distances in Python, then the ten places
read with their schedules (open now). The baseline, on the same points, reads every
listed row, computes every distance, sorts, and reads the same ten places the same
way. Both must give the same services. Printed: p50, p95 and mean of each, and the
ratios. Timings are reported, never judged.

The database is a temporary SQLite file, or a throwaway PostgreSQL database when
DATABASE_URL points to PostgreSQL (bin/with-postgres). Size: BENCH_NEARBY_LOCATIONS
(default 100000); queries: BENCH_NEARBY_QUERIES (default 300, a fifth of them for the
full scan, which is slow).
"""

import math
import os
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.support import temporary_database
from bench.timing import latency_line, percentile

SEED = 20261122
DEFAULT_LOCATIONS = 100_000
DEFAULT_QUERIES = 300
LIMIT = 10
WARM_UP = 5
CLUSTERED = 0.8
SPREAD_KM = 4.0
REGION = (8.0, 33.0, -118.0, -68.0)  # south, north, west, east
TOWNS = [
    (9.93, -84.08), (10.90, -85.02), (8.53, -82.84), (10.63, -85.44), (9.99, -84.12),
    (18.49, -69.86), (19.45, -70.70), (19.55, -71.71), (18.43, -68.97), (19.79, -70.69),
    (14.63, -90.51), (14.68, -92.14), (14.56, -89.35), (15.47, -90.37), (14.84, -91.52),
    (14.90, -92.26), (32.51, -117.04), (19.43, -99.13), (16.75, -93.12), (31.69, -106.42),
    (17.99, -92.93), (25.69, -100.32), (20.97, -89.62), (21.16, -86.85), (29.07, -110.96),
    (18.59, -72.31), (19.76, -72.20), (19.55, -71.73), (18.23, -72.54), (19.45, -72.68),
    (18.51, -72.64), (15.50, -88.03), (14.07, -87.19), (13.69, -89.19), (12.13, -86.25),
    (8.98, -79.52), (9.36, -79.90), (17.25, -88.77), (23.13, -82.38), (18.00, -76.79),
]  # fmt: skip


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


def locations_wanted() -> int:
    return int(os.environ.get("BENCH_NEARBY_LOCATIONS", DEFAULT_LOCATIONS))


def queries_wanted() -> int:
    return int(os.environ.get("BENCH_NEARBY_QUERIES", DEFAULT_QUERIES))


def near(rng: random.Random, town: tuple[float, float], km: float) -> Point:
    lat = town[0] + rng.gauss(0, km / 111.2)
    lon = town[1] + rng.gauss(0, km / (111.2 * math.cos(math.radians(town[0]))))
    return Point(round(lat, 6), round(lon, 6))


def anywhere(rng: random.Random) -> Point:
    south, north, west, east = REGION
    return Point(round(rng.uniform(south, north), 6), round(rng.uniform(west, east), 6))


def places(rng: random.Random, count: int) -> list[Point]:
    return [
        near(rng, rng.choice(TOWNS), SPREAD_KM) if rng.random() < CLUSTERED else anywhere(rng)
        for _ in range(count)
    ]


def query_points(rng: random.Random, count: int) -> list[Point]:
    return [near(rng, rng.choice(TOWNS), 10.0) if i % 5 else anywhere(rng) for i in range(count)]


def store(points: list[Point], rng: random.Random) -> None:
    """Write the directory with bulk_create: no import checks, no audit."""
    import datetime as dt  # noqa: PLC0415

    from django.db import transaction  # noqa: PLC0415 - needs Django set up

    from infohub.directory.models import (  # noqa: PLC0415
        Address,
        ListingStatus,
        Location,
        Organization,
        Schedule,
        Service,
        ServiceAtLocation,
    )

    def new_id() -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    organizations = [
        Organization(id=new_id(), name=f"Org {n}", description="Bench.")
        for n in range(max(1, len(points) // 10))
    ]
    rows: dict[type, list[Any]] = {Service: [], Location: [], ServiceAtLocation: []}
    rows |= {Address: [], Schedule: []}
    for n, point in enumerate(points):
        service = Service(
            id=new_id(),
            organization_id=organizations[n % len(organizations)].id,
            name=f"Servicio {n}",
            status="active",
            listing_status=ListingStatus.PUBLISHED,
        )
        location = Location(
            id=new_id(), location_type="physical", latitude=point.lat, longitude=point.lon
        )
        rows[Service].append(service)
        rows[Location].append(location)
        rows[ServiceAtLocation].append(
            ServiceAtLocation(id=new_id(), service_id=service.id, location_id=location.id)
        )
        rows[Address].append(
            Address(
                id=new_id(),
                location_id=location.id,
                address_1=f"Calle {n}",
                city="Ciudad",
                state_province="Provincia",
                postal_code="00000",
                country=rng.choice(("CR", "DO", "GT", "MX", "HT")),
                address_type="physical",
            )
        )
        rows[Schedule].append(
            Schedule(
                id=new_id(),
                service_id=service.id,
                freq="WEEKLY",
                byday="MO,TU,WE,TH,FR",
                opens_at=dt.time(8),
                closes_at=dt.time(16),
            )
        )
    with transaction.atomic():
        Organization.objects.bulk_create(organizations, batch_size=2000)
        for model in (Service, Location, ServiceAtLocation, Address, Schedule):
            model.objects.bulk_create(rows[model], batch_size=2000)


def ensure_coordinate_index() -> str:
    """The index the box needs; made here when the schema does not have one yet.

    PostgreSQL then gets its statistics, as autovacuum would give them after a large
    import; SQLite gets none, as Django never runs ANALYZE there.
    """
    from django.db import connection  # noqa: PLC0415

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "directory_location")
        found = [
            f"index {name} on ({', '.join(details['columns'])}) from the schema"
            for name, details in constraints.items()
            if details["index"] and details["columns"][:1] == ["latitude"]
        ]
        if not found:
            cursor.execute(
                "CREATE INDEX bench_location_lat_lon ON directory_location (latitude, longitude)"
            )
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    return found[0] if found else "index on (latitude, longitude) made here (none in the schema)"


def brute_force(point: Point) -> list[Any]:
    """Every listed row, every distance, sorted; the ten services read like ours."""
    from django.utils import timezone  # noqa: PLC0415

    from infohub.directory.nearby import (  # noqa: PLC0415
        Candidate,
        haversine_km,
        listed_service_at_locations,
        load_places,
    )

    rows = listed_service_at_locations().values_list(
        "id", "service_id", "location_id", "location__latitude", "location__longitude"
    )
    candidates = [
        Candidate(haversine_km(point.lat, point.lon, lat, lon), service, location, sal)
        for sal, service, location, lat, lon in rows
        if lat is not None and lon is not None
    ]
    candidates.sort(key=lambda c: (c.distance_km, c.service_id, c.location_id))
    chosen, seen = [], set()
    for candidate in candidates:
        if candidate.service_id not in seen:
            seen.add(candidate.service_id)
            chosen.append(candidate)
            if len(chosen) == LIMIT:
                break
    places = load_places(
        [(c.sal_id, c.service_id, c.location_id) for c in chosen], at=timezone.now()
    )
    return [places[c.sal_id] for c in chosen]


def ours(point: Point) -> list[Any]:
    from infohub.directory.nearby import MAX_RADIUS_KM, nearby  # noqa: PLC0415

    return nearby(lat=point.lat, lon=point.lon, radius_km=MAX_RADIUS_KM, limit=LIMIT)


def timed(
    search: Callable[[Point], list[Any]], points: list[Point]
) -> tuple[list[float], list[list[uuid.UUID]]]:
    for point in points[:WARM_UP]:
        search(point)
    timings, answers = [], []
    for point in points:
        started = time.perf_counter()
        found = search(point)
        timings.append((time.perf_counter() - started) * 1000)
        answers.append([place.service.id for place in found])
    return timings, answers


def print_latency(label: str, timings: list[float]) -> None:
    print(latency_line(label, timings, width=26))


def main() -> int:
    import django  # noqa: PLC0415

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infohub.settings")
    django.setup()
    from django.db import connection  # noqa: PLC0415

    rng = random.Random(SEED)
    count = locations_wanted()
    points = places(rng, count)
    queries = query_points(rng, queries_wanted())
    baseline_queries = queries[: max(WARM_UP + 1, len(queries) // 5)]
    with temporary_database():
        started = time.perf_counter()
        store(points, rng)
        print(
            f"{connection.vendor}: {count} places ({CLUSTERED:.0%} around {len(TOWNS)} towns), "
            f"stored with bulk_create in {time.perf_counter() - started:.1f} s"
        )
        print(f"  {ensure_coordinate_index()}")
        our_timings, our_answers = timed(ours, queries)
        base_timings, base_answers = timed(brute_force, baseline_queries)
    mismatches = sum(1 for a, b in zip(our_answers, base_answers, strict=False) if a != b)
    print(f"\n{len(queries)} points (4 in 5 near a town), the {LIMIT} nearest services:")
    print_latency("ours, nearby()", our_timings)
    print_latency(f"full scan ({len(baseline_queries)} points)", base_timings)
    for q in (50, 95):
        ratio = percentile(our_timings, q) / percentile(base_timings, q)
        print(f"  ratio ours / full scan p{q}   {ratio:6.3f}  ({1 / ratio:,.0f}x faster)")
    same = len(baseline_queries) - mismatches
    print(f"same services as the full scan: {same}/{len(baseline_queries)}")
    return 1 if mismatches else 0
