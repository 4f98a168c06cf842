"""The HSDS API: endpoints, parameters, languages, errors, and nothing that is not public.

The directory is the official service_full example, the directory tests' sample (its
shelter made confidential), a confidential safe house that the example service
also uses, and a draft service. Everything that must stay private carries the word
SENTINEL, or is one of the sample's SENTINELS, or is a row the export leaves out.
"""

import csv
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from infohub.directory.hsds.api.serializers import SERVICE_FULL, Shape
from infohub.directory.hsds.exports import hsds_export
from infohub.directory.hsds.imports import hsds_import
from infohub.directory.hsds.tables import tables
from infohub.directory.models import ListingStatus, Location
from infohub.directory.services import location_confidential_set
from infohub.directory.tests.conftest import (
    OFFICE,
    OUTREACH_AT_SHELTER,
    SENTINELS,
    SERVICE,
    SHELTER,
    SHELTER_SERVICE,
    SHELTER_STAY,
    TAXONOMY,
    TERM,
    import_sample,
    write_package,
)

pytestmark = pytest.mark.django_db

BASE = "/api/hsds"
SENTINEL = "SENTINEL-CONFIDENTIAL-ADDRESS-7731"

# The official service_full example.
EXAMPLE_SERVICE = "ac148810-d857-441c-9679-408f346de14b"
EXAMPLE_ORGANIZATION = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
EXAMPLE_LOCATION = "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
EXAMPLE_AT_LOCATION = "e94c9f38-1e8f-4564-91d4-d53501ab1765"
EXAMPLE_TERM = "3f7b145d-84af-42d7-8fae-eaca714b02b2"
EXAMPLE_TAXONOMY = "5c4d79d7-cc55-470e-9f1f-8cad074e4892"


def xid(n: int) -> str:
    return f"7731aaaa-0000-4000-8000-{n:012d}"


SAFE_HOUSE, SAFE_STAY, SAFE_PHONE, SAFE_CONTACT = xid(1), xid(2), xid(3), xid(4)
SAFE_ADDRESS, SAFE_SCHEDULE, SAFE_LANGUAGE, SAFE_ACCESS = xid(5), xid(6), xid(7), xid(8)
SAFE_ATTRIBUTE, SAFE_METADATA, SAFE_STAY_PHONE = xid(9), xid(10), xid(11)
DRAFT_SERVICE, DRAFT_AT_OFFICE, DRAFT_PHONE = xid(20), xid(21), xid(22)
# Near the sample's office, in its postcode: found by proximity and postcode if it leaked.
SAFE_LATITUDE, SAFE_LONGITUDE = "9.92877731", "-84.09077731"

PRIVATE_TEXT = (SENTINEL, "SENTINEL", SAFE_LATITUDE, SAFE_LONGITUDE, "7731", *SENTINELS)


def safe_house_tables() -> dict[str, list[dict[str, str]]]:
    """A confidential safe house where the official example service is also given."""
    return {
        "location": [
            {
                "id": SAFE_HOUSE,
                "location_type": "physical",
                "organization_id": EXAMPLE_ORGANIZATION,
                "name": "SENTINEL safe house",
                "description": "SENTINEL where survivors stay",
                "latitude": SAFE_LATITUDE,
                "longitude": SAFE_LONGITUDE,
            }
        ],
        "service_at_location": [
            {"id": SAFE_STAY, "service_id": EXAMPLE_SERVICE, "location_id": SAFE_HOUSE},
        ],
        "contact": [
            {
                "id": SAFE_CONTACT,
                "location_id": SAFE_HOUSE,
                "organization_id": EXAMPLE_ORGANIZATION,
                "name": "SENTINEL house keeper",
            }
        ],
        "phone": [
            # The house's phone, also given as a phone of the (public) example service.
            {
                "id": SAFE_PHONE,
                "location_id": SAFE_HOUSE,
                "service_id": EXAMPLE_SERVICE,
                "organization_id": EXAMPLE_ORGANIZATION,
                "number": "+1 555 0100 7731",
            },
            {
                "id": SAFE_STAY_PHONE,
                "service_at_location_id": SAFE_STAY,
                "number": "+1 555 0101 7731",
            },
        ],
        "schedule": [
            {"id": SAFE_SCHEDULE, "service_at_location_id": SAFE_STAY, "description": "SENTINEL"}
        ],
        "language": [{"id": SAFE_LANGUAGE, "location_id": SAFE_HOUSE, "name": "SENTINEL"}],
        "address": [
            {
                "id": SAFE_ADDRESS,
                "location_id": SAFE_HOUSE,
                "address_1": SENTINEL,
                "city": "San José",
                "state_province": "San José",
                # The sample office's postcode.
                "postal_code": "10101",
                "country": "CR",
                "address_type": "physical",
            }
        ],
        "accessibility": [
            {"id": SAFE_ACCESS, "location_id": SAFE_HOUSE, "description": "SENTINEL ramp"}
        ],
        "attribute": [
            {
                "id": SAFE_ATTRIBUTE,
                "link_id": SAFE_HOUSE,
                "taxonomy_term_id": TERM,
                "link_entity": "location",
                "value": "SENTINEL",
            }
        ],
        "metadata": [
            {
                "id": SAFE_METADATA,
                "resource_id": SAFE_HOUSE,
                "resource_type": "location",
                "last_action_date": "2024-05-02",
                "last_action_type": "update",
                "field_name": "address_1",
                "previous_value": "SENTINEL old address",
                "replacement_value": SENTINEL,
                "updated_by": "staff",
            }
        ],
        "x_translations": [
            {
                "table": "location",
                "record_id": SAFE_HOUSE,
                "field": "name",
                "language": "en",
                "text": "SENTINEL safe house (en)",
            }
        ],
    }


def draft_tables() -> dict[str, list[dict[str, str]]]:
    """A service not yet published, at the sample's public office."""
    return {
        "service": [
            {
                "id": DRAFT_SERVICE,
                "organization_id": EXAMPLE_ORGANIZATION,
                "name": "SENTINEL draft service",
                "status": "active",
                "last_modified": "2030-01-01T00:00:00Z",
            }
        ],
        "service_at_location": [
            {"id": DRAFT_AT_OFFICE, "service_id": DRAFT_SERVICE, "location_id": OFFICE}
        ],
        "phone": [
            {
                "id": DRAFT_PHONE,
                "service_id": DRAFT_SERVICE,
                "organization_id": EXAMPLE_ORGANIZATION,
                "number": "+1 555 0102 7731",
            }
        ],
    }


def build_directory(folder: Path, examples: Path) -> None:
    """Fill the directory through the import and the confidentiality service."""
    published = ListingStatus.PUBLISHED
    hsds_import(path=examples / "service_full.json", listing_status=published)
    import_sample(folder / "sample")
    hsds_import(path=write_package(folder / "safe", safe_house_tables()), listing_status=published)
    hsds_import(
        path=write_package(folder / "draft", draft_tables()), listing_status=ListingStatus.DRAFT
    )
    for location_id in (SHELTER, SAFE_HOUSE):
        location = Location.objects.get(id=location_id)
        location_confidential_set(location=location, confidential=True, actor=None)


@pytest.fixture
def directory(tmp_path, hsds_examples) -> None:
    build_directory(tmp_path, hsds_examples)


def withheld_ids(folder: Path) -> set[str]:
    """Ids of the rows the export leaves out: unpublished, confidential, or depending on them."""
    hsds_export(directory=folder)
    withheld = set()
    for table in tables().values():
        with (folder / table.path).open(encoding="utf-8") as file:
            exported = {row["id"] for row in csv.DictReader(file)}
        every = {str(i) for i in table.model._default_manager.values_list("id", flat=True)}
        withheld |= every - exported
    return withheld


def get(client: Client, path: str, **headers: str) -> Any:
    return client.get(f"{BASE}{path}", headers=headers)


def ids_in(document: Any) -> set[str]:
    """Every "id" anywhere in a JSON document."""
    found = set()
    if isinstance(document, dict):
        if isinstance(document.get("id"), str):
            found.add(document["id"])
        for value in document.values():
            found |= ids_in(value)
    elif isinstance(document, list):
        for item in document:
            found |= ids_in(item)
    return found


def every_public_path() -> list[str]:
    """A request of every endpoint, with every kind of parameter, for every public id."""
    lists = [
        "/",
        "/services",
        "/services?full=true&per_page=100",
        "/services?minimal=true",
        f"/services?organization_id={EXAMPLE_ORGANIZATION}&full=true",
        f"/services?taxonomy_term_id={TERM}",
        f"/services?taxonomy_id={TAXONOMY}&full=true",
        "/services?modified_after=2000-01-01",
        "/services?search=SENTINEL",
        "/organizations",
        "/organizations?full=true",
        "/organizations?full_service=true&per_page=100",
        "/organizations?search=SENTINEL&full=true",
        "/service_at_locations",
        "/service_at_locations?full=true&per_page=100",
        "/service_at_locations?postcode=10101&full=true",
        "/service_at_locations?postcode=10101&proximity=50000&full=true",
        f"/service_at_locations?proximity={SAFE_LATITUDE},{SAFE_LONGITUDE},100",
        f"/service_at_locations?proximity={SAFE_LATITUDE},{SAFE_LONGITUDE},20000000&full=true",
        f"/service_at_locations?taxonomy_term_id={TERM}&full=true",
        "/service_at_locations?search=SENTINEL",
        "/taxonomies",
        "/taxonomy_terms",
        "/taxonomy_terms?top_only=true",
    ]
    details = [
        *(f"/services/{i}" for i in (EXAMPLE_SERVICE, SERVICE, SHELTER_SERVICE)),
        *(f"/organizations/{i}" for i in (EXAMPLE_ORGANIZATION,)),
        *(f"/organizations/{i}?full_service=true" for i in (EXAMPLE_ORGANIZATION,)),
        f"/service_at_locations/{EXAMPLE_AT_LOCATION}",
        f"/taxonomies/{TAXONOMY}",
        f"/taxonomies/{EXAMPLE_TAXONOMY}",
        f"/taxonomy_terms/{TERM}",
        f"/taxonomy_terms/{EXAMPLE_TERM}",
    ]
    return lists + details


@pytest.mark.usefixtures("directory")
def test_no_response_of_any_endpoint_holds_a_confidential_or_unpublished_row(client, tmp_path):
    withheld = withheld_ids(tmp_path / "export")
    assert {SAFE_HOUSE, SAFE_STAY, SAFE_PHONE, SAFE_ADDRESS, DRAFT_SERVICE} <= withheld
    for path in every_public_path():
        for lang in ("es", "en", "fr", "ht"):
            response = get(client, f"{path}{'&' if '?' in path else '?'}lang={lang}")
            assert response.status_code == 200, path
            body = response.content
            for text in PRIVATE_TEXT:
                assert text.encode() not in body, (path, text)
            for record_id in withheld:
                assert record_id.encode() not in body, (path, record_id)


@pytest.mark.usefixtures("directory")
@pytest.mark.parametrize(
    "path",
    [
        f"/services/{DRAFT_SERVICE}",
        f"/service_at_locations/{SAFE_STAY}",
        f"/service_at_locations/{SHELTER_STAY}",
        f"/service_at_locations/{OUTREACH_AT_SHELTER}",
        f"/service_at_locations/{DRAFT_AT_OFFICE}",
        f"/services/{uuid.uuid4()}",
        f"/organizations/{uuid.uuid4()}",
        f"/taxonomies/{uuid.uuid4()}",
        f"/taxonomy_terms/{uuid.uuid4()}",
        "/services/not-a-uuid",
        f"/organizations/{SAFE_HOUSE}",
    ],
)
def test_hidden_unknown_and_malformed_ids_are_all_the_same_404(client, path):
    response = get(client, path)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert response.content == get(client, f"/services/{uuid.uuid4()}").content
    assert path.rsplit("/", 1)[1].encode() not in response.content


@pytest.mark.usefixtures("directory")
def test_a_service_at_a_confidential_location_is_listed_without_that_location(client):
    service = get(client, f"/services/{SERVICE}").json()
    example = get(client, f"/services/{EXAMPLE_SERVICE}").json()

    assert [sal["location_id"] for sal in service["service_at_locations"]] == [OFFICE]
    assert [sal["id"] for sal in example["service_at_locations"]] == [EXAMPLE_AT_LOCATION]
    # The safe house's phone was also the service's; it goes with the house.
    assert SAFE_PHONE not in {phone["id"] for phone in example["phones"]}
    assert example["phones"]


@pytest.mark.usefixtures("directory")
def test_the_service_full_example_comes_back_whole(client, hsds_examples):
    original = json.loads((hsds_examples / "service_full.json").read_text(encoding="utf-8"))

    served = get(client, f"/services/{EXAMPLE_SERVICE}").json()

    scalars = {k: v for k, v in original.items() if not isinstance(v, (dict, list))}
    assert {k: served.get(k) for k in scalars} == scalars
    # Every object nested anywhere in the example is nested in the answer too.
    assert ids_in(original) <= ids_in(served)
    # Nested objects also say which row they belong to, which the example leaves implicit.
    address = served["organization"]["locations"][0]["addresses"][0]
    assert address.pop("location_id") == EXAMPLE_LOCATION
    assert address == original["organization"]["locations"][0]["addresses"][0]


@pytest.mark.usefixtures("directory")
def test_lists_are_hsds_pages(client):
    first = get(client, "/services?per_page=2").json()
    second = get(client, "/services?per_page=2&page=2").json()
    beyond = get(client, "/services?per_page=2&page=999999999").json()

    assert {k: v for k, v in first.items() if k != "contents"} == {
        "total_items": 3,
        "total_pages": 2,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": False,
        "empty": False,
    }
    assert (second["size"], second["first_page"], second["last_page"]) == (1, False, True)
    assert {s["id"] for s in first["contents"] + second["contents"]} == {
        EXAMPLE_SERVICE,
        SERVICE,
        SHELTER_SERVICE,
    }
    assert (beyond["contents"], beyond["empty"], beyond["last_page"]) == ([], True, True)


@pytest.mark.usefixtures("directory")
def test_list_items_are_flat_unless_full_is_asked_for(client):
    flat = get(client, f"/services?organization_id={EXAMPLE_ORGANIZATION}").json()["contents"]
    full = get(client, f"/services?organization_id={EXAMPLE_ORGANIZATION}&full=true").json()
    minimal = get(client, "/services?minimal=true").json()["contents"]

    assert [s["id"] for s in flat] == [EXAMPLE_SERVICE]
    assert "phones" not in flat[0]
    assert flat[0]["organization"]["id"] == EXAMPLE_ORGANIZATION
    assert "phones" in full["contents"][0]
    assert all(set(s) <= {"id", "name", "status", "last_modified"} for s in minimal)
    assert {"id", "name", "status", "last_modified"} <= set(
        next(s for s in minimal if s["id"] == EXAMPLE_SERVICE)
    )


@pytest.mark.usefixtures("directory")
def test_organizations_nest_their_published_services_simply_or_in_full(client):
    simple = get(client, f"/organizations/{EXAMPLE_ORGANIZATION}").json()
    full = get(client, f"/organizations/{EXAMPLE_ORGANIZATION}?full_service=true").json()
    listed = get(client, "/organizations").json()["contents"]

    assert [s["id"] for s in simple["services"]] == [EXAMPLE_SERVICE]
    assert "phones" not in simple["services"][0]
    assert "phones" in full["services"][0]
    assert "organization" not in full["services"][0]
    assert EXAMPLE_LOCATION in {loc["id"] for loc in simple["locations"]}
    assert all("services" not in organization for organization in listed)


@pytest.mark.usefixtures("directory")
def test_filters_by_search_taxonomy_organization_and_modification(client):
    def ids(path: str) -> set[str]:
        return {item["id"] for item in get(client, path).json()["contents"]}

    assert ids("/services?search=counselling") == {EXAMPLE_SERVICE}
    # Searches look in translations too, and every word must match.
    assert ids("/services?search=immigration advice") == {SERVICE}
    assert ids("/services?search=immigration counselling") == set()
    assert ids(f"/services?taxonomy_term_id={TERM}") == {SERVICE}
    assert ids(f"/services?taxonomy_term_id={EXAMPLE_TERM}") == {EXAMPLE_SERVICE}
    assert ids(f"/services?taxonomy_id={EXAMPLE_TAXONOMY}") == {EXAMPLE_SERVICE}
    assert ids(f"/services?taxonomy_id={TAXONOMY}") == {SERVICE}
    assert ids(f"/services?organization_id={uuid.uuid4()}") == set()
    assert ids("/services?modified_after=2024-05-01") == {SERVICE}
    assert ids("/services?modified_after=2024-05-01T12:30:00.250Z") == {SERVICE}
    assert ids("/services?modified_after=2024-05-01T12:30:00.251Z") == set()
    assert ids("/organizations?search=red de apoyo") == {"00000000-0000-4000-8000-000000000001"}
    assert ids(f"/taxonomy_terms?taxonomy_id={TAXONOMY}") == {TERM}
    assert ids("/taxonomy_terms?top_only=true") == {TERM}
    assert ids(f"/taxonomy_terms?parent_id={uuid.uuid4()}") == set()
    assert ids("/taxonomies?search=temas") == {TAXONOMY}


@pytest.mark.usefixtures("directory")
def test_proximity_finds_public_places_nearest_first_and_never_a_confidential_one(client):
    def ids(path: str) -> list[str]:
        return [item["id"] for item in get(client, path).json()["contents"]]

    office = "9.9281,-84.0907"
    # The safe house is 40 m from the office; only the office's service answers.
    assert ids(f"/service_at_locations?proximity={office},100") == [
        "00000000-0000-4000-8000-000000000040"
    ]
    assert ids(f"/service_at_locations?proximity={SAFE_LATITUDE},{SAFE_LONGITUDE},1") == []
    assert ids("/service_at_locations?proximity=0,0,1000") == []
    # The postcode's centre is the office, since the safe house does not count.
    assert ids("/service_at_locations?postcode=10101&proximity=1") == [
        "00000000-0000-4000-8000-000000000040"
    ]
    assert ids("/service_at_locations?postcode=10 101") == ["00000000-0000-4000-8000-000000000040"]
    assert ids("/service_at_locations?postcode=99999&proximity=100000") == []
    far = ids(f"/service_at_locations?proximity={office},20000000")
    assert far[0] == "00000000-0000-4000-8000-000000000040"


@pytest.mark.usefixtures("directory")
def test_text_follows_lang_then_accept_language_along_the_fallback_chain(client):
    path = f"/services/{SERVICE}"

    assert get(client, path).json()["name"] == "Asesoría migratoria"
    assert get(client, f"{path}?lang=en").json()["name"] == "Immigration advice"
    assert get(client, path, accept_language="fr-CA,en;q=0.5").json()["name"] == (
        "Conseil en immigration"
    )
    # Haitian Creole falls back to French.
    response = get(client, path, accept_language="ht")
    assert response.json()["name"] == "Conseil en immigration"
    assert response["Content-Language"] == "ht"
    assert "Accept-Language" in response["Vary"]
    # The parameter wins over the header.
    assert get(client, f"{path}?lang=es", accept_language="en").json()["name"] == (
        "Asesoría migratoria"
    )
    listed = get(client, "/services?lang=en&search=immigration").json()["contents"]
    assert [s["name"] for s in listed] == ["Immigration advice"]


@pytest.mark.usefixtures("directory")
@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("/services?page=0", "page"),
        ("/services?page=-1", "page"),
        ("/services?page=1.5", "page"),
        ("/services?page=9999999999", "page"),
        ("/services?per_page=101", "per_page"),
        ("/services?per_page=0", "per_page"),
        ("/services?modified_after=yesterday", "modified_after"),
        ("/services?modified_after=2024-02-30", "modified_after"),
        ("/services?modified_after=0001-01-01T00:00:00%2B14:00", "modified_after"),
        ("/services?full=maybe", "full"),
        ("/services?minimal=true&full=true", "minimal"),
        ("/services?organization_id=abc", "organization_id"),
        ("/services?taxonomy_term_id=abc", "taxonomy_term_id"),
        ("/services?format=ndjson", "format"),
        ("/services?search=%00", "search"),
        (f"/services?search={'x' * 201}", "search"),
        ("/services?lang=de", "lang"),
        ("/service_at_locations?proximity=abc", "proximity"),
        ("/service_at_locations?proximity=1,2", "proximity"),
        ("/service_at_locations?proximity=91,0,10", "proximity"),
        ("/service_at_locations?proximity=0,181,10", "proximity"),
        ("/service_at_locations?proximity=0,0,0", "proximity"),
        ("/service_at_locations?proximity=0,0,-5", "proximity"),
        ("/service_at_locations?proximity=nan,0,5", "proximity"),
        ("/service_at_locations?proximity=1e3", "proximity"),
        ("/service_at_locations?proximity=1000", "proximity"),
        ("/organizations?full_service=yes", "full_service"),
        ("/taxonomy_terms?top_only=2", "top_only"),
        ("/taxonomy_terms?parent_id=x", "parent_id"),
    ],
)
def test_bad_parameters_are_a_422_in_the_error_shape(client, query, parameter):
    response = get(client, query)

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert [d["loc"] for d in error["details"]] == [["query", parameter]]


@pytest.mark.usefixtures("directory")
def test_only_get_and_head_are_allowed():
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"{BASE}/services")
    head = client.head(f"{BASE}/services")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert head.status_code == 200


@pytest.mark.usefixtures("directory")
def test_the_root_says_which_hsds_version_and_openapi_it_follows(client):
    assert get(client, "/").json() == {
        "version": "3.0",
        "openapi_url": "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json",
    }


def nodes(shape: Shape) -> int:
    return 1 + sum(nodes(child) for child in shape.nested.values())


@pytest.mark.usefixtures("directory")
def test_a_page_of_full_services_reads_each_nesting_once_not_once_per_service(
    client, django_assert_max_num_queries
):
    # At most one query per nesting and one for its translations, plus the page count.
    with django_assert_max_num_queries(2 * nodes(SERVICE_FULL) + 2):
        response = get(client, "/services?full=true&per_page=100")

    assert response.json()["size"] == 3
