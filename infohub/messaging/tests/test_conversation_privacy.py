"""A conversation tied to a person record is in their export, their printable copy and erasure."""

import json

import pytest

from infohub.messaging.models import Conversation, Direction, Message, MessageStatus
from infohub.messaging.services import address_hash, channel_create
from infohub.privacy.subject_data import person_erase, person_export
from infohub.privacy.tests.conftest import StaffFactory, case, clock, places, staff
from infohub.privacy.tests.support import Case
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db
__all__ = ["case", "clock", "places", "staff"]
QUESTION = "Kisa pou m fè ak paspò m ki ekspire a?"


@pytest.fixture
def conversation(world: World, case: Case) -> Conversation:
    channel = channel_create(
        actor=None,
        hub=world.hub_a,
        kind="telegram",
        name="Telegram",
        api_base="http://127.0.0.1:9",
        credentials={"token": "t", "secret": "s"},
    )
    found = Conversation.objects.create(
        channel=channel,
        address="4455",
        address_hash=address_hash("4455"),
        language="ht",
        person=case.person,
    )
    for direction, text in ((Direction.INBOUND, QUESTION), (Direction.OUTBOUND, "Men sa…")):
        Message.objects.create(
            channel=channel,
            conversation=found,
            direction=direction,
            body=json.dumps({"text": text}),
            status=MessageStatus.HANDLED,
        )
    return found


def test_the_export_holds_the_conversation_decrypted(
    world: World, case: Case, conversation: Conversation
) -> None:
    exported = person_export(user=world.dpo, person=case.person)["conversations"]
    assert [m["text"] for m in exported[0]["messages"]] == [QUESTION, "Men sa…"]
    assert exported[0]["channel"] == "telegram"


def test_the_printable_copy_shows_the_messages_in_words(
    world: World, case: Case, conversation: Conversation, staff: StaffFactory
) -> None:
    dpo = staff(world.dpo)
    response = dpo.post(
        f"/staff/privacy/people/{case.person.public_id}/print/",
        {"print-code": dpo.new_code(), "print-language": "ht"},
    )
    body = response.content.decode().split("<main>", 1)[1]
    assert QUESTION in body
    assert "Telegram" in body
    assert '"text"' not in body


def test_erasing_the_person_deletes_their_conversations(
    world: World, case: Case, conversation: Conversation
) -> None:
    person_erase(user=world.dpo, person=case.person)
    assert not Conversation.objects.filter(pk=conversation.pk).exists()
    assert not Message.objects.filter(conversation_id=conversation.pk).exists()
