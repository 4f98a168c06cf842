"""A person record from a conversation carries the consent given in the chat."""

import pytest

from infohub.audit.models import AuditAction, AuditEvent
from infohub.counselling.models import Channel, Consent, ConsentPurpose, LegalBasis, Person
from infohub.messaging.models import Conversation
from infohub.messaging.tests.inbox_support import handed_over, hub_channel, signed_in
from infohub.privacy.subject_data import counselling_export
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def person_page(conversation: Conversation) -> str:
    return f"/staff/inbox/{conversation.public_id}/person/"


def test_it_creates_the_person_with_the_chats_consent_recorded_by_the_counsellor(
    world: World,
) -> None:
    conversation = handed_over(hub_channel(world.hub_a), lang="ht", consent=True)
    client = signed_in(world.counsellor_a)

    response = client.post(person_page(conversation), {"given_names": "Wideline"})

    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/people/{person.public_id}/"
    assert person.hub == world.hub_a
    assert person.legal_basis == LegalBasis.CONSENT
    assert person.given_names == "Wideline"
    consent = Consent.objects.get(person=person)
    assert consent.purpose == ConsentPurpose.COUNSELLING_RECORD
    assert consent.source == Channel.MESSAGING
    assert consent.recorded_by == world.counsellor_a
    assert (consent.notice_version, consent.notice_language) == ("2026-01", "ht")
    conversation.refresh_from_db()
    assert conversation.person == person
    link = AuditEvent.objects.get(action=AuditAction.CONVERSATION_PERSON_LINK)
    assert (link.actor, link.object_id) == (world.counsellor_a, conversation.public_id)
    assert AuditEvent.objects.filter(action=AuditAction.CONSENT_GIVE).count() == 1
    person_html = client.get(response["Location"]).content.decode()
    assert f"{consent.given_at:%Y} · Messaging</td>" in person_html


def test_without_consent_in_the_chat_there_is_no_record(world: World) -> None:
    conversation = handed_over(hub_channel(world.hub_a))
    client = signed_in(world.counsellor_a)

    page = client.get(f"/staff/inbox/{conversation.public_id}/").content.decode()
    response = client.post(person_page(conversation), {"given_names": "Wideline"})

    assert "Create a person record from this conversation" not in page
    assert response.status_code == 409
    assert Person.objects.count() == 0


def test_a_second_record_from_the_same_conversation_is_refused(world: World) -> None:
    conversation = handed_over(hub_channel(world.hub_a), consent=True)
    client = signed_in(world.counsellor_a)
    client.post(person_page(conversation), {"given_names": "Wideline"})

    again = client.post(person_page(conversation), {"given_names": "Wideline"})

    assert again.status_code == 409
    assert Person.objects.count() == 1


def test_another_hubs_counsellor_cannot_create_one(world: World) -> None:
    conversation = handed_over(hub_channel(world.hub_a), consent=True)

    response = signed_in(world.counsellor_b).post(
        person_page(conversation), {"given_names": "Wideline"}
    )

    assert response.status_code == 404
    assert Person.objects.count() == 0


def test_the_data_subject_export_says_the_consent_was_given_over_messaging(
    world: World,
) -> None:
    conversation = handed_over(hub_channel(world.hub_a), consent=True)
    signed_in(world.counsellor_a).post(person_page(conversation), {"given_names": "Wideline"})

    exported = counselling_export(Person.objects.get())

    [consent] = exported["consents"]
    assert consent["source"] == "messaging"
    assert consent["purpose"] == "counselling_record"
