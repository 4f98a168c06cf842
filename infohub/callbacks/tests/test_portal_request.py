"""Migrants ask a hub to call back from the portal; the request lands in that hub's queue."""

import re
import uuid

import pytest
from django.test import Client
from django.utils import translation

from infohub.articles.services import topic_names_set
from infohub.audit.models import AuditAction, AuditEvent
from infohub.callbacks.errors import CallbackError
from infohub.callbacks.models import CallbackRequest, CallbackSource, CallbackStatus
from infohub.callbacks.services import callback_request
from infohub.callbacks.tests.support import (
    IP,
    NAME,
    PHONE,
    portal_form,
    portal_post,
    requested,
    signed_in,
)
from infohub.testing.content import publish
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

# "+509 3799 4321" as typed on a phone keyboard that gives full-width characters.
FULL_WIDTH_PHONE = "".join(c if c == " " else chr(ord(c) + 0xFEE0) for c in "+509 3799 4321")


def test_a_portal_request_lands_in_hub_a_queue_and_not_in_hub_b(world: World) -> None:
    response = portal_post(world.hub_a)

    assert response.status_code == 200
    callback = CallbackRequest.objects.get()
    assert (callback.hub, callback.source, callback.status) == (
        world.hub_a,
        CallbackSource.PORTAL,
        CallbackStatus.OPEN,
    )
    assert callback.submitted_by is None
    queue_a = signed_in(world.counsellor_a).get("/staff/callbacks/").content.decode()
    queue_b = signed_in(world.counsellor_b).get("/staff/callbacks/").content.decode()
    assert callback.reference in queue_a
    assert callback.reference not in queue_b


def test_the_thank_you_page_says_when_to_expect_the_call_and_that_it_is_free(
    world: World,
) -> None:
    html = portal_post(world.hub_a).content.decode()

    assert "Hub A will call you within 2 working days." in html
    assert "never ask you for money" in html
    assert NAME not in html
    assert PHONE not in html


def test_the_call_language_defaults_to_the_page_language(world: World) -> None:
    html = Client().get("/fr/callback/").content.decode()

    assert re.search(r'<option value="fr" selected>Français</option>', html)


def test_the_form_lists_hubs_grouped_by_country(world: World) -> None:
    html = Client().get("/en/callback/").content.decode()

    groups = re.findall(r'<optgroup label="([^"]+)">\s*<option value="([^"]+)"', html)
    assert groups == [
        ("Costa Rica", str(world.hub_a.public_id)),
        ("Dominican Republic", str(world.hub_b.public_id)),
    ]


def test_the_person_may_name_a_topic_of_the_knowledge_base(world: World) -> None:
    publish(world, "work-permits", {"en": ("Work permits", "", "How to get one.")}, topics=["work"])
    topic_names_set(slug="work", names={"en": "Work", "ht": "Travay"})

    html = Client().get("/ht/callback/").content.decode()
    assert '<option value="work">Travay</option>' in html
    portal_post(world.hub_a, lang="ht", topic="work")

    assert CallbackRequest.objects.get().topic is not None


def test_the_request_is_audited_without_an_actor_and_without_the_address(world: World) -> None:
    portal_post(world.hub_a)

    event = AuditEvent.objects.get(action=AuditAction.CALLBACK_REQUEST)
    assert event.actor is None
    assert event.ip is None
    assert event.object_id == CallbackRequest.objects.get().public_id


def test_robots_filling_the_hidden_field_are_thanked_and_nothing_is_kept(world: World) -> None:
    response = portal_post(world.hub_a, website="https://spam.example")

    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    assert not CallbackRequest.objects.exists()


def test_a_second_open_request_for_the_same_phone_and_hub_is_not_queued_twice(
    world: World,
) -> None:
    first = portal_post(world.hub_a)
    again = portal_post(world.hub_a, phone="+509-3799-4321", ip="203.0.113.5")
    other_hub = portal_post(world.hub_b)

    assert [r.status_code for r in (first, again, other_hub)] == [200, 200, 200]
    assert CallbackRequest.objects.filter(hub=world.hub_a).count() == 1
    assert CallbackRequest.objects.filter(hub=world.hub_b).count() == 1


def test_the_form_needs_a_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)

    response = portal_post(world.hub_a, client=client)

    assert response.status_code == 403
    assert not CallbackRequest.objects.exists()


def test_the_form_carries_a_csrf_token_and_is_not_cached(world: World) -> None:
    response = Client().get("/es/callback/")

    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "phone", ["12345", "call me", "+509 3799 4321 0000 0000", "50937994321#", "509 3799 43+21"]
)
def test_numbers_that_cannot_be_called_are_refused_on_the_phone_field(
    world: World, phone: str
) -> None:
    response = portal_post(world.hub_a, phone=phone)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_phone_error"' in html
    assert "7 to 15 digits" in html
    assert not CallbackRequest.objects.exists()


def test_a_blank_name_is_refused(world: World) -> None:
    html = portal_post(world.hub_a, name_or_alias="   ").content.decode()

    assert 'id="id_name_or_alias_error"' in html
    assert not CallbackRequest.objects.exists()


@pytest.mark.parametrize("hub_id", ["not-a-hub", str(uuid.uuid4()), ""])
def test_an_unknown_hub_is_refused(world: World, hub_id: str) -> None:
    form = portal_form(world.hub_a, hub=hub_id)
    html = Client().post("/en/callback/", form, REMOTE_ADDR=IP).content.decode()

    assert 'id="id_hub_error"' in html
    assert not CallbackRequest.objects.exists()


def test_service_messages_follow_the_reader_language(world: World) -> None:
    with translation.override("es"), pytest.raises(CallbackError) as refused:
        requested(world.hub_a, language="xx")

    assert refused.value.field == "language"
    assert str(refused.value) == "Este idioma no está disponible."
    assert not CallbackRequest.objects.exists()


def test_full_width_digits_are_accepted_and_stored_as_plain_digits(world: World) -> None:
    callback = callback_request(
        hub=world.hub_a,
        name_or_alias="  Ana \n ",
        phone=FULL_WIDTH_PHONE,
        language="en",
        topic=None,
        client_ip=IP,
    )

    stored = CallbackRequest.objects.get(pk=callback.pk)
    assert (stored.name_or_alias, stored.phone) == ("Ana", "+509 3799 4321")


def test_the_audit_row_of_a_portal_request_cannot_be_joined_to_the_access_log(
    world: World,
) -> None:
    response = portal_post(world.hub_a, client=Client(HTTP_X_REQUEST_ID="trace-me-12345"))
    assert response.status_code in (200, 302)
    row = AuditEvent.objects.get(action=AuditAction.CALLBACK_REQUEST)
    assert row.ip is None
    assert row.request_id != "trace-me-12345"
    assert row.request_id.startswith("portal:")
