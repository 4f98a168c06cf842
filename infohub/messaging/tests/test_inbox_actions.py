"""Take, reply and close: each audited, each message to the person an outbox row."""

import json

import pytest

from infohub.audit.models import AuditAction, AuditEvent
from infohub.messaging.models import Conversation, Direction, Message, MessageStatus
from infohub.messaging.tests.inbox_support import handed_over, hub_channel, signed_in
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

JOINED = {
    "ht": "Yon konseye antre nan konvèsasyon an. Ou ka ekri isit la.",
    "es": "Un asesor se unió a la conversación. Puede escribir aquí.",
    "en": "A counsellor has joined the conversation. You can write here.",
}


def page(conversation: Conversation, action: str = "") -> str:
    return f"/staff/inbox/{conversation.public_id}/{action + '/' if action else ''}"


def outbox(conversation: Conversation) -> list[Message]:
    return list(
        Message.objects.filter(conversation=conversation, direction=Direction.OUTBOUND).order_by(
            "id"
        )
    )


def audited(action: AuditAction) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action))


@pytest.mark.parametrize("lang", ["ht", "es", "en"])
def test_taking_tells_the_person_in_their_language_that_a_counsellor_joined(
    world: World, lang: str
) -> None:
    conversation = handed_over(hub_channel(world.hub_a), lang=lang)
    before = len(outbox(conversation))
    client = signed_in(world.counsellor_a)

    assert client.post(page(conversation, "take")).status_code == 302

    conversation.refresh_from_db()
    assert conversation.status == "taken"
    assert conversation.assigned_to == world.counsellor_a
    joined = outbox(conversation)[before:]
    assert [json.loads(m.body)["text"] for m in joined] == [JOINED[lang]]
    assert joined[0].status == MessageStatus.QUEUED
    [take] = audited(AuditAction.CONVERSATION_TAKE)
    assert (take.actor, take.object_id) == (world.counsellor_a, conversation.public_id)


def test_a_reply_is_an_outbox_row_with_its_author_and_is_audited(world: World) -> None:
    conversation = handed_over(hub_channel(world.hub_a))
    client = signed_in(world.counsellor_a)
    client.post(page(conversation, "take"))

    response = client.post(page(conversation, "reply"), {"text": "Bonjou! Ki jan m ka ede w?"})

    assert response.status_code == 302
    last = outbox(conversation)[-1]
    assert json.loads(last.body)["text"] == "Bonjou! Ki jan m ka ede w?"
    assert last.author == world.counsellor_a
    assert last.status == MessageStatus.QUEUED
    conversation.refresh_from_db()
    assert conversation.first_human_reply_at is not None
    [reply] = audited(AuditAction.CONVERSATION_REPLY)
    assert reply.actor == world.counsellor_a
    assert "Bonjou" not in reply.reason
    history = client.get(page(conversation)).content.decode()
    assert "counsellor-a" in history  # who wrote it
    assert "The assistant" in history


def test_the_first_human_reply_time_is_kept_from_the_first_reply(world: World) -> None:
    conversation = handed_over(hub_channel(world.hub_a))
    client = signed_in(world.counsellor_a)
    client.post(page(conversation, "take"))
    client.post(page(conversation, "reply"), {"text": "One"})
    conversation.refresh_from_db()
    first = conversation.first_human_reply_at

    client.post(page(conversation, "reply"), {"text": "Two"})

    conversation.refresh_from_db()
    assert conversation.first_human_reply_at == first


def test_only_the_counsellor_who_took_it_replies_others_take_first(world: World) -> None:
    conversation = handed_over(hub_channel(world.hub_a))
    counsellor = signed_in(world.counsellor_a)
    manager = signed_in(world.manager_a)
    before = len(outbox(conversation))

    assert counsellor.post(page(conversation, "reply"), {"text": "Too early"}).status_code == 409
    counsellor.post(page(conversation, "take"))
    refused = manager.post(page(conversation, "reply"), {"text": "Not mine"})

    assert refused.status_code == 409
    assert "Take the conversation before you reply." in refused.content.decode()
    assert len(outbox(conversation)) == before + 1  # only the "joined" sentence
    assert audited(AuditAction.CONVERSATION_REPLY) == []
    manager.post(page(conversation, "take"))
    assert manager.post(page(conversation, "reply"), {"text": "Mine now"}).status_code == 302
    assert outbox(conversation)[-1].author == world.manager_a


def test_an_empty_reply_is_refused_and_nothing_is_queued(world: World) -> None:
    conversation = handed_over(hub_channel(world.hub_a))
    client = signed_in(world.counsellor_a)
    client.post(page(conversation, "take"))
    before = len(outbox(conversation))

    assert client.post(page(conversation, "reply"), {"text": "   "}).status_code == 400
    assert len(outbox(conversation)) == before


def test_closing_is_audited_and_offers_the_consultation_form_prefilled(world: World) -> None:
    conversation = handed_over(hub_channel(world.hub_a), lang="ht")
    client = signed_in(world.counsellor_a)
    client.post(page(conversation, "take"))

    assert client.post(page(conversation, "close")).status_code == 302

    conversation.refresh_from_db()
    assert conversation.status == "closed"
    [close] = audited(AuditAction.CONVERSATION_CLOSE)
    assert close.actor == world.counsellor_a
    link = f"/staff/consultations/new/?conversation={conversation.public_id}"
    assert link in client.get(page(conversation)).content.decode()
    form = client.get(link)
    assert form.context["form"]["channel"].value() == "messaging"
    assert form.context["form"]["languages"].value() == ["ht"]
    assert f"From conversation {conversation.public_id.hex[:8].upper()}." in form.content.decode()
    # Hub B's counsellor cannot start from it.
    assert signed_in(world.counsellor_b).get(link).status_code == 404


def test_a_closed_conversation_is_not_replied_to_nor_closed_again(world: World) -> None:
    conversation = handed_over(hub_channel(world.hub_a))
    client = signed_in(world.counsellor_a)
    client.post(page(conversation, "take"))
    client.post(page(conversation, "close"))

    assert client.post(page(conversation, "reply"), {"text": "Late"}).status_code == 409
    assert client.post(page(conversation, "close")).status_code == 409
    assert client.post(page(conversation, "take")).status_code == 409
