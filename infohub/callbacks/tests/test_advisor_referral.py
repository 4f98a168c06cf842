"""Community advisors refer a person to their hub from a phone-sized form; same queue."""

import re

import pytest
from django.test import Client

from infohub.audit.models import AuditAction, AuditEvent
from infohub.callbacks.errors import CallbackError
from infohub.callbacks.models import CallbackRequest, CallbackSource
from infohub.callbacks.services import callback_refer
from infohub.callbacks.tests.support import referred, requested, signed_in
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

NEW = "/staff/callbacks/new/"

# Everyone but the community advisor gets a 404 from the referral form.
OTHERS = [
    "admin",
    "manager_a",
    "counsellor_a",
    "counsellor_b",
    "provider_staff_a",
    "provider_staff_b",
    "editor",
    "analyst_a",
    "dpo",
]


def referral(world: World, **overrides: str) -> dict[str, str]:
    return {
        "hub": str(world.hub_a.public_id),
        "name_or_alias": "Vecina del mercado",
        "phone": "+506 8888 1234",
        "language": "es",
        "topic": "",
        "person_agreed": "on",
        **overrides,
    }


def test_an_advisor_refers_a_person_into_the_hub_queue(world: World) -> None:
    advisor = signed_in(world.advisor_a)

    response = advisor.post(NEW, referral(world))

    assert response.status_code == 302
    assert response["Location"] == "/staff/callbacks/?sent=1"
    callback = CallbackRequest.objects.get()
    assert (callback.hub, callback.source, callback.submitted_by) == (
        world.hub_a,
        CallbackSource.ADVISOR,
        world.advisor_a,
    )
    event = AuditEvent.objects.get(action=AuditAction.CALLBACK_REQUEST)
    assert (event.actor, event.object_id) == (world.advisor_a, callback.public_id)
    queue = signed_in(world.counsellor_a).get("/staff/callbacks/").content.decode()
    assert callback.reference in queue
    other_queue = signed_in(world.counsellor_b).get("/staff/callbacks/").content.decode()
    assert callback.reference not in other_queue


def test_the_form_is_phone_sized_with_few_fields_and_the_one_hub_chosen(world: World) -> None:
    html = signed_in(world.advisor_a).get(NEW).content.decode()

    assert 'name="viewport" content="width=device-width' in html
    form = html.split('<form class="callback"', 1)[1].split("</form>", 1)[0]
    fields = set(re.findall(r'<(?:input|select|textarea)[^>]* name="([^"]+)"', form))
    assert fields == {
        "csrfmiddlewaretoken",
        "hub",
        "name_or_alias",
        "phone",
        "language",
        "topic",
        "person_agreed",
    }
    assert f'type="hidden" name="hub" value="{world.hub_a.public_id}"' in form
    assert "<script" not in html


def test_the_person_must_have_agreed_to_be_called(world: World) -> None:
    data = referral(world)
    del data["person_agreed"]

    response = signed_in(world.advisor_a).post(NEW, data)

    assert response.status_code == 200
    assert "the hub calls only people who agreed" in response.content.decode()
    assert not CallbackRequest.objects.exists()
    with pytest.raises(CallbackError):
        callback_refer(
            advisor=world.advisor_a,
            hub=world.hub_a,
            name_or_alias="Vecina",
            phone="+506 8888 1234",
            language="es",
            topic=None,
            person_agreed=False,
        )


def test_an_advisor_cannot_refer_to_another_hub(world: World) -> None:
    response = signed_in(world.advisor_a).post(NEW, referral(world, hub=str(world.hub_b.public_id)))

    assert response.status_code == 200
    assert not CallbackRequest.objects.exists()
    for user in (world.advisor_a, world.counsellor_a, world.dpo):
        with pytest.raises(CallbackError) as refused:
            referred(user, world.hub_b if user == world.advisor_a else world.hub_a)
        assert refused.value.field == "hub"
    assert not CallbackRequest.objects.exists()


@pytest.mark.parametrize("persona", OTHERS)
def test_only_community_advisors_open_the_referral_form(world: World, persona: str) -> None:
    client = signed_in(getattr(world, persona))

    assert client.get(NEW).status_code == 404
    assert client.post(NEW, referral(world)).status_code == 404
    assert not CallbackRequest.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(world: World) -> None:
    response = Client().post(NEW, referral(world))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not CallbackRequest.objects.exists()


def test_advisors_see_what_they_submitted_and_not_the_queue_of_others(world: World) -> None:
    mine = referred(world.advisor_a, world.hub_a)
    portal = requested(world.hub_a)

    html = signed_in(world.advisor_a).get("/staff/callbacks/?sent=1").content.decode()

    assert mine.reference in html
    assert portal.reference not in html
    assert "Sent. The hub will call the person." in html
    assert "Queue" not in html
