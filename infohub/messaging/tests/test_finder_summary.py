"""The chat finder links to a printable summary that names the conversation, not the answers."""

import datetime as dt
import json
import re
from html import unescape

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from infohub.messaging.models import Conversation
from infohub.messaging.services import address_hash
from infohub.messaging.summary import summary_token
from infohub.messaging.tests.conversation_support import SITE, Chat, make_context
from infohub.messaging.tests.support import a_hub, telegram_channel
from infohub.messaging.tests.test_conversation_finder import pathways
from infohub.testing.fake_provider import FakeProvider

pytestmark = pytest.mark.django_db
__all__ = ["pathways"]


def _finished_chat(token: str = "") -> Chat:
    chat = Chat(make_context(summary_token=token))
    chat.send(reported_language="ht")
    chat.send("Jwenn chemen ou")
    chat.press("Kosta Rika")
    chat.press("Wi")
    chat.send("30")
    chat.send("sote")
    chat.press("Etid")
    return chat


def _conversation(provider: FakeProvider, chat: Chat) -> Conversation:
    channel = telegram_channel(api_base=provider.url, hub=a_hub())
    return Conversation.objects.create(
        channel=channel,
        address="555",
        address_hash=address_hash("555"),
        state=json.dumps(chat.state),
        language="ht",
    )


def _hidden(page: str) -> list[tuple[str, str]]:
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page)
    return [(name, unescape(value)) for name, value in fields]


def test_the_results_link_to_the_summary_and_it_shows_the_same_answers(
    pathways: None, provider: FakeProvider
) -> None:
    conversation = _conversation(provider, _finished_chat())
    token = summary_token(conversation)
    text = "\n".join(r.text for r in _finished_chat(token).last.replies)
    link = f"{SITE}/ht/chat/summary/{token}/"
    assert link in text
    client = Client(HTTP_HOST="127.0.0.1")
    page = client.get(f"/ht/chat/summary/{token}/")
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0")
    assert page["Referrer-Policy"] == "no-referrer"
    hidden = _hidden(page.content.decode())
    assert ("country", "CR") in hidden
    assert ("a-age", "30") in hidden
    summary = client.post("/ht/pathways/summary/", dict(hidden))
    assert summary.status_code == 200
    assert "Etid" in summary.content.decode()


def test_a_forged_an_old_or_an_erased_conversations_link_shows_nothing(
    pathways: None, provider: FakeProvider
) -> None:
    conversation = _conversation(provider, _finished_chat())
    token = summary_token(conversation)
    client = Client(HTTP_HOST="127.0.0.1")
    assert client.get(f"/ht/chat/summary/{token[:-2]}xx/").status_code == 404
    with time_machine.travel(timezone.now() + dt.timedelta(days=8)):
        assert client.get(f"/ht/chat/summary/{token}/").status_code == 404
    conversation.delete()
    gone = client.get(f"/ht/chat/summary/{token}/")
    assert gone.status_code == 404
    assert "a-age" not in gone.content.decode()


def test_a_conversation_without_finder_results_has_no_summary(provider: FakeProvider) -> None:
    channel = telegram_channel(api_base=provider.url, hub=a_hub())
    conversation = Conversation.objects.create(
        channel=channel, address="556", address_hash=address_hash("556"), state="{}"
    )
    page = Client(HTTP_HOST="127.0.0.1").get(f"/es/chat/summary/{summary_token(conversation)}/")
    assert page.status_code == 404
