"""A person handed over to the counsellors of a demo hub, on a live server, for browser tests.

The channel is created through the messaging services (``manage.py shell``), the person's
Telegram updates are posted to the live server's webhook, and ``send_outbox`` answers
them, as a provider and cron would. The channel's ``api_base`` is the caller's stand-in
for Telegram's API, or nowhere when what is sent does not matter.
"""

from dataclasses import dataclass

import requests

from infohub.messaging.tests.support import TELEGRAM, telegram_update
from infohub.testing.live_server import manage_output

NOWHERE = "http://127.0.0.1:9"
_CREATE_CHANNEL = """
from infohub.accounts.models import Hub
from infohub.messaging.services import channel_create
channel = channel_create(actor=None, hub=Hub.objects.get(slug="{hub}"), kind="telegram",
    name="Browser test bot", api_base="{api_base}", credentials={credentials})
print(channel.public_id)
"""
_CONVERSATION = """
from infohub.messaging.models import Conversation
print(Conversation.objects.get(channel__public_id="{channel}").public_id)
"""


@dataclass(frozen=True)
class HandedOver:
    channel: str  # the channel's public id
    conversation: str  # the conversation's public id

    @property
    def reference(self) -> str:
        return self.conversation.replace("-", "")[:8].upper()


def _shell(base_url: str, code: str) -> str:
    return manage_output(base_url, "shell", "-c", code).strip().splitlines()[-1]


def person_writes(base_url: str, channel: str, text: str, *, chat_id: int) -> None:
    """Telegram posts the update to the webhook; cron's ``send_outbox`` answers it."""
    response = requests.post(
        f"{base_url}/channels/{channel}/receive",
        json=telegram_update(text=text, chat_id=chat_id, lang="ht"),
        headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM["secret"]},
        timeout=10,
    )
    assert response.status_code == 200
    manage_output(base_url, "send_outbox")


def hand_over(
    base_url: str,
    *,
    chat_id: int,
    api_base: str = NOWHERE,
    hub: str = "demo-hub-cr",
    consent: bool = False,
) -> HandedOver:
    """A person greets the hub's new bot in Kreyòl and asks for a person (and, with
    ``consent``, agrees in the chat to a counselling record)."""
    code = _CREATE_CHANNEL.format(hub=hub, api_base=api_base, credentials=repr(TELEGRAM))
    channel = _shell(base_url, code)
    for text in ("Bonjou", "MOUN", *(("Wi",) if consent else ())):
        person_writes(base_url, channel, text, chat_id=chat_id)
    conversation = _shell(base_url, _CONVERSATION.format(channel=channel))
    return HandedOver(channel=channel, conversation=conversation)
