"""The inbox and a conversation's history read as many queries for many rows."""

from itertools import count

import pytest

from infohub.messaging.tests.inbox_support import handed_over, hub_channel, signed_in
from infohub.testing.personas import World
from infohub.testing.queries import query_counts

pytestmark = pytest.mark.django_db

chat_ids = count(600_000_000)


def test_the_inbox_reads_as_many_queries_for_many_conversations(world: World) -> None:
    channel = hub_channel(world.hub_a)

    def add(rows: int) -> list[str]:
        made = [handed_over(channel, chat_id=next(chat_ids)) for _ in range(rows)]
        return [c.public_id.hex[:8].upper() for c in made]

    few, many = query_counts(signed_in(world.counsellor_a), "/staff/inbox/", add)
    assert few == many


def test_a_history_reads_as_many_queries_for_many_messages(world: World) -> None:
    conversation = handed_over(hub_channel(world.hub_a))
    client = signed_in(world.counsellor_a)
    page = f"/staff/inbox/{conversation.public_id}/"
    client.post(f"{page}take/")
    numbers = count()

    def add(rows: int) -> list[str]:
        texts = [f"Reply number {next(numbers)}" for _ in range(rows)]
        for text in texts:
            assert client.post(f"{page}reply/", {"text": text}).status_code == 302
        return texts

    few, many = query_counts(client, page, add)
    assert few == many
