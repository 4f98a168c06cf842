"""Nearby search: exact distances from a box in SQL, each service once, no confidential place."""

import math
import random
import uuid
from pathlib import Path
from typing import Any

import pytest
import time_machine

from infohub.demo.directory import (
    SHELTER_LAT,
    SHELTER_LON,
    SHELTER_SERVICE,
    load_demo_directory,
    service_id,
)
from infohub.directory.hsds.imports import hsds_import
from infohub.directory.models import ListingStatus, Location, Service, TaxonomyTerm
from infohub.directory.nearby import (
    Place,
    bounding_box,
    haversine_km,
    listed_service_at_locations,
    municipality_list,
    nearby,
    next_radius,
    term_and_descendants,
)
from infohub.directory.services import location_confidential_set, service_listing_status_set
from infohub.directory.tests.conftest import (
    OFFICE,
    SERVICE,
    SHELTER,
    import_sample,
    uid,
    write_package,
)
from infohub.directory.tests.conftest import SHELTER_SERVICE as SAMPLE_SHELTER_SERVICE

pytestmark = pytest.mark.django_db

TAPACHULA = (14.905, -92.263)
DAJABON = (19.548, -71.708)


@pytest.fixture
def demo() -> None:
    load_demo_directory()


def ids(places: list[Place]) -> list[uuid.UUID]:
    return [p.service.id for p in places]


def distances(places: list[Place]) -> list[float]:
    return [p.distance_km for p in places if p.distance_km is not None]


def city(place: Place) -> str:
    return place.address.city if place.address else ""


def zone_name(place: Place) -> str | None:
    return getattr(place.zone, "key", None)


def coordinates(location: Location) -> tuple[float, float]:
    assert location.latitude is not None
    assert location.longitude is not None
    return location.latitude, location.longitude


def brute_force(lat: float, lon: float, radius_km: float) -> list[uuid.UUID]:
    """Every listed row, the exact distance to each, each service at its nearest place."""
    best: dict[uuid.UUID, tuple[float, uuid.UUID]] = {}
    rows = listed_service_at_locations().values_list(
        "service_id", "location_id", "location__latitude", "location__longitude"
    )
    for service, location, place_lat, place_lon in rows:
        if place_lat is None or place_lon is None:
            continue
        distance = haversine_km(lat, lon, place_lat, place_lon)
        if distance <= radius_km and (service not in best or (distance, location) < best[service]):
            best[service] = (distance, location)
    return sorted(best, key=lambda s: (best[s], s))


def small_directory(tmp_path: Path, places: list[dict[str, Any]], **extra_tables: Any) -> None:
    """One organization; one published service per place, at that place."""
    rows = {
        "organization": [{"id": uid(1), "name": "Org", "description": "Org."}],
        "service": [],
        "location": [],
        "service_at_location": [],
        **extra_tables,
    }
    for n, place in enumerate(places):
        service = place.get("service", uid(100 + n))
        if not any(s["id"] == service for s in rows["service"]):
            rows["service"].append(
                {"id": service, "organization_id": uid(1), "name": f"S{n}", "status": "active"}
            )
        rows["location"].append(
            {
                "id": uid(200 + n),
                "location_type": "physical",
                "latitude": str(place["lat"]),
                "longitude": str(place["lon"]),
            }
        )
        rows["service_at_location"].append(
            {"id": uid(300 + n), "service_id": service, "location_id": uid(200 + n)}
        )
    hsds_import(
        path=write_package(tmp_path / "package", rows), listing_status=ListingStatus.PUBLISHED
    )


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("seed", range(6))
def test_results_are_the_nearest_services_a_full_scan_finds(seed):
    rng = random.Random(seed)  # noqa: S311 - reproducible test points
    town = rng.choice([TAPACHULA, DAJABON, (9.93, -84.08), (18.59, -72.31), (32.51, -117.04)])
    lat, lon = town[0] + rng.uniform(-0.2, 0.2), town[1] + rng.uniform(-0.2, 0.2)
    radius = rng.choice([5, 30, 120, 500])
    limit = rng.choice([1, 3, 10, 50])

    found = nearby(lat=lat, lon=lon, radius_km=radius, limit=limit)

    assert ids(found) == brute_force(lat, lon, radius)[:limit]
    assert len(distances(found)) == len(found)
    assert distances(found) == sorted(distances(found))
    assert all(d <= radius for d in distances(found))


@pytest.mark.usefixtures("demo")
def test_each_service_appears_once_at_its_nearest_place():
    consular = uuid.UUID(service_id("mx-cdmx", "consular"))

    found = nearby(lat=TAPACHULA[0], lon=TAPACHULA[1], radius_km=20, limit=50)

    assert ids(found).count(consular) == 1
    place = next(p for p in found if p.service.id == consular)
    assert city(place) == "Tapachula"
    assert distances([place])[0] < 5


@pytest.mark.usefixtures("demo")
def test_a_confidential_place_is_never_a_result_not_even_from_its_own_doorstep():
    found = nearby(lat=SHELTER_LAT, lon=SHELTER_LON, radius_km=500, limit=50)

    assert uuid.UUID(SHELTER_SERVICE) not in ids(found)
    assert all(not p.location.confidential for p in found)
    assert distances(found)[0] > 0.1


def test_a_service_with_a_confidential_place_is_found_at_its_public_one_only(tmp_path):
    import_sample(tmp_path / "p")
    location_confidential_set(
        location=Location.objects.get(id=SHELTER), confidential=True, actor=None
    )
    shelter = coordinates(Location.objects.get(id=SHELTER))
    office = Location.objects.get(id=OFFICE)

    found = nearby(lat=shelter[0], lon=shelter[1], radius_km=500, limit=10)

    # The advice service works at the office and at the shelter: only the office counts.
    assert ids(found) == [uuid.UUID(SERVICE)]
    assert found[0].location == office
    expected = haversine_km(*shelter, *coordinates(office))
    assert distances(found) == [pytest.approx(expected)]
    assert uuid.UUID(SAMPLE_SHELTER_SERVICE) not in ids(found)


@pytest.mark.usefixtures("demo")
def test_municipality_centres_ignore_confidential_places():
    tapachula = next(m for m in municipality_list() if m.city == "Tapachula")
    public = [
        coordinates(location)
        for location in Location.objects.filter(
            confidential=False,
            addresses__city="Tapachula",
            id__in=listed_service_at_locations().values("location_id"),
        )
    ]

    assert tapachula.lat == pytest.approx(sum(lat for lat, _lon in public) / len(public))
    assert tapachula.lon == pytest.approx(sum(lon for _lat, lon in public) / len(public))


def test_a_city_with_only_a_confidential_place_is_not_offered(tmp_path):
    import_sample(tmp_path / "p")
    location_confidential_set(
        location=Location.objects.get(id=SHELTER), confidential=True, actor=None
    )

    assert [m.city for m in municipality_list()] == ["San José"]


@pytest.mark.usefixtures("demo")
def test_unlisted_and_closed_for_good_services_are_left_out(tmp_path):
    legal_aid = Service.objects.get(id=service_id("mx-tapachula", "legal-aid"))
    health = Service.objects.get(id=service_id("mx-tapachula", "health"))
    service_listing_status_set(service=legal_aid, status=ListingStatus.SUSPENDED, actor=None)
    # HSDS status comes from the provider's data, through an import.
    defunct = {
        "id": str(health.id),
        "organization_id": str(health.organization_id),
        "name": health.name,
        "status": "defunct",
    }
    hsds_import(path=write_package(tmp_path / "update", {"service": [defunct]}))

    found = ids(nearby(lat=TAPACHULA[0], lon=TAPACHULA[1], radius_km=20, limit=50))

    assert legal_aid.id not in found
    assert health.id not in found
    assert found


@pytest.mark.usefixtures("demo")
def test_a_temporarily_closed_service_is_listed_as_closed_now():
    closed = uuid.UUID(service_id("ht-ouanaminthe", "legal-aid"))

    with time_machine.travel("2026-03-02 15:00 +0000", tick=False):  # Monday 10:00 in Haiti
        found = nearby(lat=DAJABON[0], lon=DAJABON[1], radius_km=10, limit=50)

    place = next(p for p in found if p.service.id == closed)
    assert place.open_now is False


@pytest.mark.usefixtures("demo")
def test_open_now_is_worked_out_in_each_places_time_zone_at_a_frozen_time():
    # 12:45 UTC on a Monday in January: 08:45 in Dajabón, 07:45 in Ouanaminthe.
    with time_machine.travel("2026-01-05 12:45 +0000", tick=False):
        everything = nearby(lat=DAJABON[0], lon=DAJABON[1], radius_km=10, limit=50)
        open_now = nearby(lat=DAJABON[0], lon=DAJABON[1], radius_km=10, limit=50, open_now=True)

    by_id = {p.service.id: p for p in everything}
    child_protection = by_id[uuid.UUID(service_id("do-dajabon", "child-protection"))]
    trafficking = by_id[uuid.UUID(service_id("ht-ouanaminthe", "counter-trafficking"))]
    assert (child_protection.open_now, zone_name(child_protection)) == (
        True,
        "America/Santo_Domingo",
    )
    assert (trafficking.open_now, zone_name(trafficking)) == (False, "America/Port-au-Prince")
    assert set(ids(open_now)) == {s for s, p in by_id.items() if p.open_now}
    assert trafficking.service.id not in ids(open_now)


@pytest.mark.usefixtures("demo")
def test_a_category_keeps_services_tagged_with_it_or_a_narrower_term():
    legal = TaxonomyTerm.objects.get(code="legal-aid")
    found = nearby(lat=TAPACHULA[0], lon=TAPACHULA[1], radius_km=500, limit=50, term_ids={legal.id})

    assert ids(found)
    assert all(p.service.name.startswith("Asesoría legal") for p in found)


def test_narrower_terms_count_as_their_broader_term(tmp_path):
    terms = [
        {"id": uid(70), "name": "Legal", "description": "Legal"},
        {"id": uid(71), "name": "Asylum", "description": "Asylum", "parent_id": uid(70)},
        {"id": uid(72), "name": "Appeals", "description": "Appeals", "parent_id": uid(71)},
    ]
    attribute = {"id": uid(80), "link_id": uid(100), "taxonomy_term_id": uid(72)}
    small_directory(
        tmp_path,
        [{"lat": 10, "lon": -84}, {"lat": 10.01, "lon": -84}],
        taxonomy_term=terms,
        attribute=[{**attribute, "link_entity": "service"}],
    )
    legal = TaxonomyTerm.objects.get(id=uid(70))

    assert term_and_descendants(legal) == {uuid.UUID(uid(n)) for n in (70, 71, 72)}
    found = nearby(lat=10, lon=-84, term_ids=term_and_descendants(legal))
    assert ids(found) == [uuid.UUID(uid(100))]


@pytest.mark.usefixtures("demo")
def test_a_spoken_language_keeps_services_or_places_where_it_is_spoken():
    found = nearby(lat=DAJABON[0], lon=DAJABON[1], radius_km=20, limit=50, language="ht")
    spanish_only = nearby(lat=9.93, lon=-84.08, radius_km=20, limit=50, language="ht")

    # Dajabón's places speak Creole; Ouanaminthe's services do.
    assert {city(p) for p in found} == {"Dajabón", "Ouanaminthe"}
    assert spanish_only == []


def test_the_search_crosses_the_antimeridian(tmp_path):
    small_directory(tmp_path, [{"lat": -17.0, "lon": 179.99}, {"lat": -17.0, "lon": 170.0}])

    found = nearby(lat=-17.0, lon=-179.99, radius_km=50)

    assert ids(found) == [uuid.UUID(uid(100))]
    assert found[0].distance_km == pytest.approx(2.13, abs=0.01)


def test_coordinates_out_of_range_are_ignored(tmp_path):
    # The official HSDS examples have a latitude of 100.
    small_directory(tmp_path, [{"lat": 100, "lon": -84}, {"lat": 10, "lon": -84}])

    assert ids(nearby(lat=89.9, lon=-84, radius_km=500)) == []
    assert ids(nearby(lat=10, lon=-84, radius_km=500)) == [uuid.UUID(uid(101))]


@pytest.mark.parametrize(
    ("lat", "lon", "radius"),
    [(0, 0, 10), (14.9, -92.26, 50), (60, 179.9, 300), (-45, -179.95, 80), (89.5, 10, 100)],
)
def test_the_box_holds_the_whole_circle(lat, lon, radius):
    box = bounding_box(lat, lon, radius)
    angle = radius / 6371.0088
    for step in range(360):
        bearing = math.radians(step)
        # The point at ``radius`` km on that bearing (direct geodesic problem, sphere).
        p1, l1 = math.radians(lat), math.radians(lon)
        p2 = math.asin(
            math.sin(p1) * math.cos(angle) + math.cos(p1) * math.sin(angle) * math.cos(bearing)
        )
        l2 = l1 + math.atan2(
            math.sin(bearing) * math.sin(angle) * math.cos(p1),
            math.cos(angle) - math.sin(p1) * math.sin(p2),
        )
        edge_lat = math.degrees(p2)
        edge_lon = (math.degrees(l2) + 540) % 360 - 180
        assert box.min_lat <= edge_lat <= box.max_lat
        assert not box.lon_ranges or any(lo <= edge_lon <= hi for lo, hi in box.lon_ranges)


@pytest.mark.usefixtures("demo")
def test_a_search_reads_a_bounded_number_of_rows_and_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        found = nearby(lat=TAPACHULA[0], lon=TAPACHULA[1], radius_km=500, limit=10)

    assert len(found) == 10


def test_the_circle_grows_with_the_density_seen_between_two_and_eight_times():
    assert next_radius(2, found=0, wanted=10) == 16
    assert next_radius(2, found=9, wanted=10) == 4  # at least twice
    assert next_radius(2, found=1, wanted=10) == pytest.approx(2 * math.sqrt(10) * 1.25)
    assert next_radius(8, found=3, wanted=10, before=3) == 64  # nothing new: jump
