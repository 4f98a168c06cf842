"""A referral asked for by a screening lists the services of its category, nearest first."""

import pytest
from django.test import Client

from infohub.directory.models import Address, Attribute, TaxonomyTerm
from infohub.referrals.selectors import referable_places_for
from infohub.testing.casework import Places, build_places, make_person
from infohub.testing.personas import World, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db


def _tag(place: object, code: str) -> None:
    term, _ = TaxonomyTerm.objects.get_or_create(
        code=code, defaults={"name": code, "description": code}
    )
    Attribute.objects.create(
        link_id=place.service_id,  # type: ignore[attr-defined]
        link_entity="service",
        taxonomy_term=term,
    )


def _put(place: object, *, city: str, lat: float, lon: float) -> None:
    location = place.location  # type: ignore[attr-defined]
    location.latitude, location.longitude = lat, lon
    location.save()
    Address.objects.create(
        location=location,
        address_1="1 Main Street",
        city=city,
        state_province=city,
        postal_code="",
        country="CR",
        address_type="physical",
    )


@pytest.fixture
def places(world: World) -> Places:
    """Legal A is far from hub A (in "Town A"); Shelter B is in Town A. Both child protection."""
    places = build_places(world)
    _put(places.legal_a, city="Far Town", lat=10.9, lon=-85.0)
    _put(places.shelter_b, city="Town A", lat=9.93, lon=-84.08)
    for place in (places.legal_a, places.shelter_b):
        _tag(place, "child-protection")
    return places


def test_it_lists_only_the_category_nearest_to_the_hub_first(world: World, places: Places) -> None:
    _tag(places.legal_a, "legal-aid")
    found = list(referable_places_for(hub=world.hub_a, category="child-protection"))
    assert found == [places.shelter_b, places.legal_a]  # not by name: nearest first
    assert list(referable_places_for(hub=world.hub_a, category="legal-aid")) == [places.legal_a]
    assert list(referable_places_for(hub=world.hub_a, category="no-such-category")) == []


def test_the_referral_page_names_the_category_and_offers_all_services(
    world: World, places: Places
) -> None:
    person = make_person(world.counsellor_a)
    enrol_authenticator(world.counsellor_a)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, world.counsellor_a)
    url = f"/staff/referrals/new/{person.public_id}/"
    html = client.get(url, {"category": "child-protection"}).content.decode()
    assert "Services of the category “child-protection”, nearest to the hub first." in html
    assert html.index("Shelter B") < html.index("Legal A")
    assert f'href="{url}"' in html
    empty = client.get(url, {"category": "no-such-category"}).content.decode()
    assert "No listed service of this category receives referrals yet." in empty
