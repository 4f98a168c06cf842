"""POST /api/v1/referrals refers only to what the referral page offers: a published service
at a public place."""

import json
from typing import Any

import pytest
from django.test import Client

from infohub.accounts.services import api_token_create
from infohub.directory.models import ListingStatus, Location, Service
from infohub.referrals.models import Referral
from infohub.testing.casework import build_places, make_person
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def refer(world: World, place_id: object) -> Any:
    _, raw = api_token_create(user=world.counsellor_a)
    person = make_person(world.counsellor_a, refer_to=world.provider_a)
    body = {"person": str(person.public_id), "service_at_location": str(place_id)}
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client.post("/api/v1/referrals", json.dumps(body), content_type="application/json")


def test_a_published_service_at_a_public_place_can_be_referred_to(world: World) -> None:
    places = build_places(world)
    response = refer(world, places.legal_a.id)
    assert response.status_code == 201, response.content


@pytest.mark.parametrize(
    "hide", [ListingStatus.DRAFT, ListingStatus.SUSPENDED, "confidential"], ids=str
)
def test_an_unpublished_or_confidential_service_cannot_be_referred_to(
    world: World, hide: str
) -> None:
    places = build_places(world)
    if hide == "confidential":
        Location.objects.filter(pk=places.legal_a.location_id).update(confidential=True)
    else:
        Service.objects.filter(pk=places.legal_a.service_id).update(listing_status=hide)

    response = refer(world, places.legal_a.id)

    assert response.status_code == 422
    error = response.json()["error"]
    assert set(error) == {"code", "message", "details"}
    assert error["message"].startswith("service_at_location:")
    assert not Referral.objects.exists()
