"""GET /api/v1/services/nearby: public, nearest first, open now in local time, errors shaped."""

import itertools
from typing import Any

import pytest
import time_machine
from django.test import Client

from infohub.demo.directory import (
    CONFIDENTIAL_SENTINELS,
    SHELTER_LAT,
    SHELTER_LON,
    SHELTER_SERVICE,
    load_demo_directory,
    service_id,
)
from infohub.directory.models import TaxonomyTerm

pytestmark = pytest.mark.django_db

URL = "/api/v1/services/nearby"
TAPACHULA = {"lat": "14.905", "lon": "-92.263"}


@pytest.fixture(autouse=True)
def demo() -> None:
    load_demo_directory()


def get(**params: str) -> Any:
    return Client().get(URL, params)


def test_it_needs_no_token_and_lists_services_nearest_first():
    response = get(**TAPACHULA, limit="5")

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["count"] == len(body["items"]) == 5
    distances = [item["distance_km"] for item in body["items"]]
    assert distances == sorted(distances)
    assert all(round(d, 1) == d for d in distances)
    first = body["items"][0]
    assert set(first) == {
        "service_id",
        "name",
        "lang",
        "fallback",
        "organization",
        "status",
        "location_id",
        "location_name",
        "latitude",
        "longitude",
        "address",
        "distance_km",
        "open_now",
        "time_zone",
        "phones",
        "languages",
        "url",
    }
    assert first["address"]["city"] == "Tapachula"
    assert first["time_zone"] == "America/Mexico_City"
    assert first["phones"][0].startswith("+52 962 000 00")
    assert first["url"] == f"/es/services/{first['service_id']}/"


def test_texts_follow_the_language_and_its_fallback():
    consular = service_id("gt-guatemala", "consular")
    items = get(lat="14.6349", lon="-90.5069", lang="ht", taxonomy_term="consular").json()["items"]

    assert [i["service_id"] for i in items] == [consular]
    assert items[0]["name"] == "Sèvis konsilè, Guatemala (demo)"
    assert (items[0]["lang"], items[0]["fallback"]) == ("ht", False)
    assert items[0]["url"] == f"/ht/services/{consular}/"


def test_a_taxonomy_term_is_given_by_code_or_id():
    by_code = get(**TAPACHULA, taxonomy_term="legal-aid", radius_km="500").json()["items"]
    term = TaxonomyTerm.objects.get(code="legal-aid")
    by_id = get(**TAPACHULA, taxonomy_term=str(term.id), radius_km="500").json()["items"]

    assert by_code == by_id
    assert {i["name"].split(",")[0] for i in by_code} == {"Asesoría legal gratuita"}
    assert by_code[0]["service_id"] == service_id("mx-tapachula", "legal-aid")


def test_open_now_is_answered_in_each_places_own_time_zone():
    dajabon = {"lat": "19.548", "lon": "-71.708", "radius_km": "10", "limit": "50"}
    # Monday 12:45 UTC in January: 08:45 in Dajabón (DO), 07:45 in Ouanaminthe (HT).
    with time_machine.travel("2026-01-05 12:45 +0000", tick=False):
        everything = get(**dajabon).json()["items"]
        open_only = get(**dajabon, open_now="true").json()["items"]

    states = {i["service_id"]: (i["open_now"], i["time_zone"]) for i in everything}
    assert states[service_id("do-dajabon", "child-protection")] == (True, "America/Santo_Domingo")
    assert states[service_id("ht-ouanaminthe", "counter-trafficking")] == (
        False,
        "America/Port-au-Prince",
    )
    assert [i["service_id"] for i in open_only] == [
        i["service_id"] for i in everything if i["open_now"]
    ]


def test_a_spoken_language_filters():
    items = get(lat="9.9333", lon="-84.0833", language="ht").json()["items"]
    assert items == []
    items = get(lat="9.9333", lon="-84.0833", language="en").json()["items"]
    assert {i["address"]["city"] for i in items} == {"San José"}


@pytest.mark.parametrize(
    ("params", "where"),
    [
        ({"lon": "-92.2"}, ["query", "lat"]),
        ({"lat": "91", "lon": "-92.2"}, ["query", "lat"]),
        ({"lat": "14.9", "lon": "-181"}, ["query", "lon"]),
        ({**TAPACHULA, "radius_km": "0"}, ["query", "radius_km"]),
        ({**TAPACHULA, "radius_km": "501"}, ["query", "radius_km"]),
        ({**TAPACHULA, "limit": "51"}, ["query", "limit"]),
        ({"lat": "north", "lon": "-92.2"}, ["query", "lat"]),
    ],
)
def test_invalid_parameters_get_the_one_error_shape(params, where):
    response = get(**params)

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert where in [d["loc"] for d in error["details"]]


def test_an_unknown_language_is_refused():
    response = get(**TAPACHULA, lang="xx")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


def test_an_unknown_term_is_not_found():
    response = get(**TAPACHULA, taxonomy_term="no-such-term")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_no_answer_ever_holds_the_confidential_shelter():
    shelter = {"lat": str(SHELTER_LAT), "lon": str(SHELTER_LON)}
    variants = itertools.product(
        [shelter, TAPACHULA],
        [{}, {"taxonomy_term": "shelter"}, {"taxonomy_term": "counter-trafficking"}],
        [{}, {"open_now": "true"}, {"language": "es"}],
        [{"radius_km": "1"}, {"radius_km": "500", "limit": "50"}],
        ["es", "ht"],
    )
    for point, term, extra, radius, lang in variants:
        response = get(**point, **term, **extra, **radius, lang=lang)
        assert response.status_code == 200
        text = response.content.decode()
        assert SHELTER_SERVICE not in text
        for sentinel in CONFIDENTIAL_SENTINELS:
            assert sentinel not in text, (sentinel, point, term, extra)
