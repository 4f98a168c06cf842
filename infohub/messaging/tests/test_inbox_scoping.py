"""The inbox follows the persona's hub and role: out of scope is a 404, like casework."""

import pytest

from infohub.audit.models import AuditAction, AuditEvent
from infohub.messaging.models import Conversation
from infohub.messaging.tests.inbox_support import handed_over, hub_channel, signed_in
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

LIST = "/staff/inbox/"

# persona -> (opens the inbox, sees hub A's conversation, sees hub B's)
EXPECTED = {
    "manager_a": (True, True, False),
    "counsellor_a": (True, True, False),
    "counsellor_b": (True, False, True),
    "advisor_a": (False, False, False),
    "admin": (False, False, False),
    "provider_staff_a": (False, False, False),
    "editor": (False, False, False),
    "analyst_a": (False, False, False),
    "dpo": (False, False, False),
}


def detail(conversation: Conversation) -> str:
    return f"{LIST}{conversation.public_id}/"


def reference(conversation: Conversation) -> str:
    return conversation.public_id.hex[:8].upper()


@pytest.mark.parametrize(("persona", "expected"), EXPECTED.items())
def test_inbox_pages_follow_the_persona_and_its_hub(
    world: World, persona: str, expected: tuple[bool, bool, bool]
) -> None:
    in_a = handed_over(hub_channel(world.hub_a), chat_id=1)
    in_b = handed_over(hub_channel(world.hub_b), chat_id=2)
    client = signed_in(getattr(world, persona))
    opens, sees_a, sees_b = expected

    listing = client.get(LIST)
    assert listing.status_code == (200 if opens else 404), persona
    html = listing.content.decode()
    for conversation, allowed in ((in_a, sees_a), (in_b, sees_b)):
        assert client.get(detail(conversation)).status_code == (200 if allowed else 404)
        assert (reference(conversation) in html) == allowed, persona
        take = client.post(f"{detail(conversation)}take/")
        assert take.status_code == (302 if allowed else 404), persona
    assert Conversation.objects.filter(status="taken").count() == sum((sees_a, sees_b))


def test_a_conversation_with_the_assistant_is_not_in_the_inbox(world: World) -> None:
    waiting = handed_over(hub_channel(world.hub_a))
    Conversation.objects.filter(pk=waiting.pk).update(status="bot")
    client = signed_in(world.counsellor_a)

    assert reference(waiting) not in client.get(LIST).content.decode()
    assert client.get(detail(waiting)).status_code == 404


def test_an_unknown_or_malformed_id_is_a_404(world: World) -> None:
    client = signed_in(world.counsellor_a)

    assert client.get(f"{LIST}00000000-0000-4000-8000-000000000000/").status_code == 404
    assert client.get(f"{LIST}not-a-uuid/").status_code == 404


def test_reading_a_conversation_is_audited_without_its_text(world: World) -> None:
    conversation = handed_over(hub_channel(world.hub_a), question="Mwen bezwen èd pou papye")
    client = signed_in(world.counsellor_a)

    page = client.get(detail(conversation)).content.decode()

    assert "Mwen bezwen èd pou papye" in page  # the counsellor reads the history
    read = AuditEvent.objects.get(action=AuditAction.CONVERSATION_READ)
    assert read.actor == world.counsellor_a
    assert read.object_id == conversation.public_id
    assert "papye" not in read.reason


def test_the_list_shows_a_reference_the_channel_and_the_wait_never_the_chat_id(
    world: World,
) -> None:
    conversation = handed_over(hub_channel(world.hub_a), chat_id=987_123_456, lang="ht")
    client = signed_in(world.counsellor_a)

    html = client.get(LIST).content.decode()

    assert reference(conversation) in html
    assert "Telegram" in html
    assert "Kreyòl" in html
    assert "minute" in html  # waiting for "0 minutes"
    assert "987123456" not in html
    assert "987123456" not in client.get(detail(conversation)).content.decode()


def test_the_filters_split_unassigned_mine_and_closed(world: World) -> None:
    channel = hub_channel(world.hub_a)
    mine = handed_over(channel, chat_id=1)
    theirs = handed_over(channel, chat_id=2)
    unassigned = handed_over(channel, chat_id=3)
    closed = handed_over(channel, chat_id=4)
    client = signed_in(world.counsellor_a)
    other = signed_in(world.manager_a)
    client.post(f"{detail(mine)}take/")
    other.post(f"{detail(theirs)}take/")
    client.post(f"{detail(closed)}close/")

    def shown(which: str) -> set[Conversation]:
        html = client.get(f"{LIST}?show={which}").content.decode()
        return {c for c in (mine, theirs, unassigned, closed) if reference(c) in html}

    assert shown("waiting") == {mine, theirs, unassigned}
    assert shown("unassigned") == {unassigned}
    assert shown("mine") == {mine}
    assert shown("closed") == {closed}
