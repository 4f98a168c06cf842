"""Handing over in a real conversation: consent asked while waiting, silence while taken."""

import pytest
from django.test import Client

from infohub.messaging.models import Conversation, ConversationStatus, Subscription
from infohub.messaging.outbox import run_once
from infohub.messaging.tests.support import (
    TELEGRAM,
    post_telegram,
    telegram_callback,
    telegram_channel,
    telegram_update,
)
from infohub.testing.fake_provider import FakeProvider

pytestmark = pytest.mark.django_db
CHAT = 31337


def _texts(provider: FakeProvider) -> list[str]:
    path = f"/bot{TELEGRAM['token']}/sendMessage"
    return [r.json["text"] for r in provider.requests if r.path == path]


class Person:
    def __init__(self, provider: FakeProvider) -> None:
        self.provider = provider
        self.channel = telegram_channel(api_base=provider.url)
        self.client = Client()

    def says(self, text: str) -> list[str]:
        return self._post(telegram_update(text=text, chat_id=CHAT, lang="ht"))

    def presses(self, data: str) -> list[str]:
        return self._post(telegram_callback(data=data, chat_id=CHAT))

    def _post(self, update: dict[str, object]) -> list[str]:
        before = len(_texts(self.provider))
        assert post_telegram(self.client, self.channel, update).status_code == 200
        run_once()
        return _texts(self.provider)[before:]

    @property
    def conversation(self) -> Conversation:
        return Conversation.objects.get()


def test_asking_for_a_person_hands_over_and_the_consent_is_recorded_while_waiting(
    provider: FakeProvider,
) -> None:
    person = Person(provider)
    person.says("Bonjou")
    replies = person.says("MOUN")
    assert replies  # told a counsellor will answer, and asked for consent
    assert person.conversation.status == ConversationStatus.WAITING
    assert person.conversation.waiting_since is not None
    assert person.presses("consent:yes")
    conversation = person.conversation
    assert conversation.consent_at is not None
    assert (conversation.consent_notice_version, conversation.consent_language) == (
        "2026-01",
        "ht",
    )


def test_while_a_counsellor_has_it_the_assistant_is_silent_but_stop_still_works(
    provider: FakeProvider,
) -> None:
    person = Person(provider)
    person.says("Bonjou")
    person.says("MOUN")
    Conversation.objects.update(status=ConversationStatus.TAKEN)
    Subscription.objects.create(conversation=person.conversation, country="DO")
    assert person.says("Ki dokiman mwen bezwen?") == []
    assert person.says("ARETE")  # a one-line confirmation
    assert Subscription.objects.count() == 0
    assert person.conversation.status == ConversationStatus.TAKEN


def test_a_closed_conversation_is_answered_by_the_assistant_again(provider: FakeProvider) -> None:
    person = Person(provider)
    person.says("Bonjou")
    person.says("MOUN")
    Conversation.objects.update(status=ConversationStatus.CLOSED)
    assert person.says("MENI")
    assert person.conversation.status == ConversationStatus.BOT


def test_the_erase_word_deletes_the_conversation_and_its_messages(
    provider: FakeProvider,
) -> None:
    person = Person(provider)
    person.says("Bonjou")
    first = person.conversation
    Subscription.objects.create(conversation=first, country="DO")
    assert person.says("EFASE")
    assert not Conversation.objects.filter(pk=first.pk).exists()
    assert Subscription.objects.count() == 0
    fresh = person.conversation  # holds only the confirmation, sent
    assert fresh.state == "{}"
    assert [m.direction for m in fresh.messages.all()] == ["out"]
