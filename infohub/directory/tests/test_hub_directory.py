"""Hubs are places: the hub directory page and API read each hub's place from the directory."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from infohub.accounts.models import Hub
from infohub.accounts.services import hub_active_set, hub_create
from infohub.demo.hubs import DEMO_HUB_PLACES, load_demo_hub_places
from infohub.directory.errors import DirectoryError
from infohub.directory.hubs.services import hub_place_set
from infohub.directory.models import Location
from infohub.directory.services import location_confidential_set
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

LANGUAGES = ["es", "en", "fr", "ht"]
BUDGET_BYTES = 14 * 1024
ITEM_KEYS = {
    "id",
    "name",
    "country",
    "municipality",
    "address",
    "opening_hours",
    "phone",
    "whatsapp",
    "languages",
}


@pytest.fixture
def hubs(world: World) -> dict[str, Hub]:
    created = {
        place.slug: hub_create(
            slug=place.slug,
            name=f"Hub {place.city}",
            organisation=world.network_a,
            country=place.country,
            municipality=place.city,
        )
        for place in DEMO_HUB_PLACES
    }
    assert load_demo_hub_places() == len(DEMO_HUB_PLACES)
    for hub in created.values():
        hub.refresh_from_db()
    return created


def test_the_api_lists_active_hubs_with_what_their_directory_place_says(
    hubs: dict[str, Hub], world: World
) -> None:
    response = Client().get("/api/v1/hub-directory")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"items", "count"}
    # The personas' hubs have no place yet: listed with what is known, nothing invented.
    assert body["count"] == len(body["items"]) == 4
    items = {item["id"]: item for item in body["items"]}
    do = items[str(hubs["demo-hub-do"].public_id)]
    assert set(do) == ITEM_KEYS
    assert do["name"] == "Hub Santo Domingo Este"
    assert do["country"] == "DO"
    assert do["municipality"] == "Santo Domingo Este"
    assert do["address"]["address_1"] == "Avenida Las Américas 12"
    assert do["phone"] == "+1 809 000 0900"
    assert do["whatsapp"] == "+1 809 000 0901"
    assert do["languages"] == ["es", "fr", "ht"]
    weekdays = next(s for s in do["opening_hours"] if s["byday"] == "MO,TU,WE,TH,FR")
    assert weekdays["freq"] == "WEEKLY"
    assert weekdays["opens_at"].startswith("08:00")
    assert weekdays["closes_at"].startswith("16:00")
    plain = items[str(world.hub_b.public_id)]
    assert plain["address"] is None
    assert plain["opening_hours"] == []
    assert plain["phone"] is None
    assert plain["whatsapp"] is None


def test_a_closed_hub_is_listed_nowhere(hubs: dict[str, Hub]) -> None:
    hub = hubs["demo-hub-cr"]
    hub_active_set(hub=hub, active=False)

    ids = [item["id"] for item in Client().get("/api/v1/hub-directory").json()["items"]]
    assert str(hub.public_id) not in ids
    assert hub.name not in Client().get("/en/hubs/").content.decode()
    callback_form = Client().get("/en/callback/").content.decode()
    assert str(hub.public_id) not in callback_form


def test_a_hub_never_takes_a_confidential_place(hubs: dict[str, Hub]) -> None:
    hub = hubs["demo-hub-cr"]
    assert hub.location_id is not None
    location = Location.objects.get(id=hub.location_id)
    location_confidential_set(location=location, confidential=True, actor=None)
    with pytest.raises(DirectoryError, match="not confidential"):
        hub_place_set(hub=hubs["demo-hub-do"], location=location, service=None)

    item = next(
        i
        for i in Client().get("/api/v1/hub-directory").json()["items"]
        if i["id"] == str(hub.public_id)
    )
    assert item["address"] is None
    assert "Calle Los Cipreses" not in Client().get("/en/hubs/").content.decode()


def test_a_whatsapp_number_is_written_in_international_form(hubs: dict[str, Hub]) -> None:
    with pytest.raises(DirectoryError, match="international form"):
        hub_place_set(hub=hubs["demo-hub-cr"], location=None, service=None, whatsapp="8888-0000")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_hub_page_shows_address_hours_phone_whatsapp_languages_and_a_map_link(
    hubs: dict[str, Hub], lang: str
) -> None:
    response = Client().get(f"/{lang}/hubs/")
    assert response.status_code == 200
    html = response.content.decode()
    do = hubs["demo-hub-do"]

    assert "Avenida Las Américas 12" in html
    assert 'href="tel:+18090000900"' in html
    assert 'href="https://wa.me/18090000901"' in html
    assert "Kreyòl ayisyen" in html
    assert "08:00" in html
    assert "https://www.openstreetmap.org/?mlat=18.49000&amp;mlon=-69.85000" in html
    assert f'href="/{lang}/callback/?hub={do.public_id}"' in html
    # A plain link, never an embedded map: nothing is loaded from another host.
    assert "<iframe" not in html
    assert "<script" not in html
    assert not re.findall(r'(?:src|href)="https?://[^"]*"[^>]*rel="stylesheet"', html)
    css = finders.find("portal/portal.css")
    assert css
    with open(css, "rb") as file:
        total = len(gzip.compress(response.content)) + len(gzip.compress(file.read()))
    assert total <= BUDGET_BYTES


def test_the_hub_page_answers_head() -> None:
    assert Client().head("/es/hubs/").status_code == 200


def test_the_callback_form_links_to_the_hubs_and_takes_the_hub_picked_there(
    hubs: dict[str, Hub],
) -> None:
    do = hubs["demo-hub-do"]
    html = Client().get(f"/fr/callback/?hub={do.public_id}").content.decode()

    assert 'href="/fr/hubs/"' in html
    assert f'<option value="{do.public_id}" selected>' in html
    plain = Client().get("/fr/callback/?hub=not-a-hub").content.decode()
    assert not re.search(r'<option value="[0-9a-f-]{36}" selected>', plain)
