"""Staff see only the hubs they work in; anything else answers 404."""

import uuid

import pytest
from django.test import Client

from infohub.accounts.models import User
from infohub.testing.personas import World, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db

# persona -> (sees hub A, sees hub B)
EXPECTED = {
    "admin": (True, False),  # administrator of network A, which runs hub A only
    "manager_a": (True, False),
    "counsellor_a": (True, False),
    "counsellor_b": (False, True),
    "advisor_a": (True, False),
    "provider_staff_a": (False, False),
    "provider_staff_b": (False, False),
    "editor": (True, False),
    "analyst_a": (True, False),
    "dpo": (True, False),
}


def signed_in(user: User) -> Client:
    enrol_authenticator(user)
    client = Client()
    sign_in(client, user)
    return client


@pytest.mark.parametrize(("persona", "expected"), EXPECTED.items())
def test_hub_pages_follow_the_persona_scope(
    world: World, persona: str, expected: tuple[bool, bool]
) -> None:
    client = signed_in(getattr(world, persona))
    for hub, allowed in zip((world.hub_a, world.hub_b), expected, strict=True):
        response = client.get(f"/staff/hubs/{hub.public_id}/")
        assert response.status_code == (200 if allowed else 404), (persona, hub.slug)


def test_anonymous_visitors_are_sent_to_sign_in(world: World) -> None:
    response = Client().get(f"/staff/hubs/{world.hub_a.public_id}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("bad_id", ["not-a-uuid", str(uuid.uuid4())])
def test_unknown_and_malformed_ids_look_the_same(world: World, bad_id: str) -> None:
    client = signed_in(world.counsellor_a)
    assert client.get(f"/staff/hubs/{bad_id}/").status_code == 404


def test_a_deactivated_account_loses_access_at_once(world: World) -> None:
    client = signed_in(world.counsellor_a)
    world.counsellor_a.is_active = False
    world.counsellor_a.save()
    assert client.get(f"/staff/hubs/{world.hub_a.public_id}/").status_code != 200
