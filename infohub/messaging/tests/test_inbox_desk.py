"""The staff home counts the people waiting in the user's hubs and links the inbox."""

import pytest

from infohub.messaging.tests.inbox_support import handed_over, hub_channel, signed_in
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

HOME = "/staff/"


def test_the_desk_counts_the_people_waiting_in_the_users_hubs_only(world: World) -> None:
    channel_a = hub_channel(world.hub_a)
    handed_over(channel_a, chat_id=1)
    handed_over(channel_a, chat_id=2)
    handed_over(hub_channel(world.hub_b), chat_id=3)

    home_a = signed_in(world.counsellor_a).get(HOME).content.decode()
    home_b = signed_in(world.counsellor_b).get(HOME).content.decode()

    assert '<a href="/staff/inbox/"><strong>2</strong> people waiting</a>' in home_a
    assert '<a href="/staff/inbox/"><strong>1</strong> person waiting</a>' in home_b


def test_a_taken_conversation_no_longer_counts_as_waiting(world: World) -> None:
    conversation = handed_over(hub_channel(world.hub_a))
    client = signed_in(world.counsellor_a)
    client.post(f"/staff/inbox/{conversation.public_id}/take/")

    assert "<strong>0</strong> people waiting" in client.get(HOME).content.decode()


@pytest.mark.parametrize("persona", ["advisor_a", "provider_staff_a", "editor", "analyst_a"])
def test_roles_without_casework_see_no_inbox_on_the_desk(world: World, persona: str) -> None:
    handed_over(hub_channel(world.hub_a))

    assert "/staff/inbox/" not in signed_in(getattr(world, persona)).get(HOME).content.decode()
