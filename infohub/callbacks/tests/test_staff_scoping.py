"""The queue and its requests follow the persona's hub and role; everything else is a 404."""

import uuid

import pytest
from django.test import Client

from infohub.callbacks.models import CallbackRequest, CallbackStatus
from infohub.callbacks.tests.support import NAME, PHONE, referred, requested, signed_in
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

LIST = "/staff/callbacks/"

# persona -> (opens the list, sees A's portal request, sees A's referral, sees B's request,
#             may change the status of A's requests)
EXPECTED = {
    "manager_a": (True, True, True, False, True),
    "counsellor_a": (True, True, True, False, True),
    "counsellor_b": (True, False, False, True, False),
    "advisor_a": (True, False, True, False, False),
    "admin": (False, False, False, False, False),
    "provider_staff_a": (False, False, False, False, False),
    "provider_staff_b": (False, False, False, False, False),
    "editor": (False, False, False, False, False),
    "analyst_a": (False, False, False, False, False),
    "dpo": (False, False, False, False, False),
}


def detail(callback: CallbackRequest) -> str:
    return f"{LIST}{callback.public_id}/"


@pytest.mark.parametrize(("persona", "expected"), EXPECTED.items())
def test_callback_pages_follow_the_persona_and_its_hub(
    world: World, persona: str, expected: tuple[bool, bool, bool, bool, bool]
) -> None:
    portal_a = requested(world.hub_a)
    referral_a = referred(world.advisor_a, world.hub_a)
    portal_b = requested(world.hub_b, phone="+1 809 555 0100")
    client = signed_in(getattr(world, persona))
    opens_list, sees_a, sees_referral, sees_b, may_change = expected

    listing = client.get(LIST)
    assert listing.status_code == (200 if opens_list else 404), persona
    html = listing.content.decode()
    for callback, allowed in ((portal_a, sees_a), (referral_a, sees_referral), (portal_b, sees_b)):
        assert client.get(detail(callback)).status_code == (200 if allowed else 404), persona
        assert (callback.reference in html) == allowed, (persona, callback.reference)
    for callback in (portal_a, referral_a):
        response = client.post(detail(callback), {"status": CallbackStatus.CONTACTED})
        assert response.status_code == (302 if may_change else 404), persona
    changed = CallbackRequest.objects.filter(status=CallbackStatus.CONTACTED).count()
    assert changed == (2 if may_change else 0)


def test_lists_show_references_and_never_names_or_phones(world: World) -> None:
    requested(world.hub_a)
    referred(world.advisor_a, world.hub_a, phone="+506 8888 1234")

    for persona in ("counsellor_a", "advisor_a"):
        html = signed_in(getattr(world, persona)).get(LIST).content.decode()
        for secret in (NAME, PHONE, "Vecina", "8888"):
            assert secret not in html, persona


def test_the_detail_shows_the_name_and_phone_to_the_hub(world: World) -> None:
    callback = requested(world.hub_a)

    html = signed_in(world.counsellor_a).get(detail(callback)).content.decode()

    assert NAME in html
    assert PHONE in html
    assert str(callback.public_id) in html
    assert NAME not in detail(callback)


def test_staff_pages_are_never_cached(world: World) -> None:
    callback = requested(world.hub_a)
    client = signed_in(world.counsellor_a)

    for path in (LIST, detail(callback)):
        assert "no-store" in client.get(path)["Cache-Control"]


def test_anonymous_visitors_are_sent_to_sign_in(world: World) -> None:
    callback = requested(world.hub_a)

    for path in (LIST, detail(callback)):
        response = Client().get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("bad_id", ["not-a-uuid", str(uuid.uuid4())])
def test_unknown_and_malformed_ids_look_the_same(world: World, bad_id: str) -> None:
    client = signed_in(world.counsellor_a)

    assert client.get(f"{LIST}{bad_id}/").status_code == 404
    assert client.post(f"{LIST}{bad_id}/", {"status": "closed"}).status_code == 404


def test_a_deactivated_account_loses_access_at_once(world: World) -> None:
    callback = requested(world.hub_a)
    client = signed_in(world.counsellor_a)
    world.counsellor_a.is_active = False
    world.counsellor_a.save()

    assert client.get(detail(callback)).status_code != 200
    assert client.get(LIST).status_code != 200
