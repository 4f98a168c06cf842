"""Conversations handed over to a hub's counsellors, through the webhook and the assistant."""

from django.test import Client
from django.utils import timezone

from infohub.accounts.models import Hub, User
from infohub.messaging.inbound import handle_due
from infohub.messaging.models import Channel, Conversation
from infohub.messaging.services import address_hash
from infohub.messaging.tests.support import post_telegram, telegram_channel, telegram_update
from infohub.testing.personas import enrol_authenticator, sign_in

NOWHERE = "http://127.0.0.1:9"  # the outbox is not run in these tests
CHAT_ID = 555_000_111


def hub_channel(hub: Hub, *, api_base: str = NOWHERE) -> Channel:
    return telegram_channel(api_base=api_base, hub=hub)


def handed_over(
    channel: Channel,
    *,
    lang: str = "ht",
    chat_id: int = CHAT_ID,
    question: str = "Bonjou",
    consent: bool = False,
) -> Conversation:
    """A person greets the assistant and asks for a person; with ``consent``, they agree
    to a counselling record, as the chat's consent question records it."""
    client = Client()
    for text in (question, "MOUN" if lang == "ht" else "human"):
        update = telegram_update(text=text, chat_id=chat_id, lang=lang)
        assert post_telegram(client, channel, update).status_code == 200
        handle_due()
    conversation = Conversation.objects.get(
        channel=channel, address_hash=address_hash(str(chat_id)), status="waiting"
    )
    if consent:
        Conversation.objects.filter(pk=conversation.pk).update(
            consent_at=timezone.now(), consent_notice_version="2026-01", consent_language=lang
        )
        conversation.refresh_from_db()
    return conversation


def signed_in(user: User) -> Client:
    """A client signed in through the real forms, second factor included."""
    enrol_authenticator(user)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")  # staff pages follow the browser's language
    sign_in(client, user)
    return client
