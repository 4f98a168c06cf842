"""A Kreyòl question over Telegram, from the webhook to the provider: quoted, linked, once."""

import pytest
from django.test import Client, override_settings

from infohub.articles.models import ArticleTranslation
from infohub.messaging.models import Direction, Message, MessageStatus
from infohub.messaging.outbox import run_once
from infohub.messaging.tests.conversation_support import fresh_index
from infohub.messaging.tests.support import (
    TELEGRAM,
    post_telegram,
    telegram_channel,
    telegram_update,
)
from infohub.messaging.tests.test_conversation_answers import SECRET_DRAFT, WORK_PERMIT
from infohub.testing.content import draft, publish
from infohub.testing.fake_provider import FakeProvider
from infohub.testing.personas import World

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_index")]
__all__ = ["fresh_index"]
SITE = "https://hub.example.org"


def _texts(provider: FakeProvider) -> list[str]:
    path = f"/bot{TELEGRAM['token']}/sendMessage"
    return [r.json["text"] for r in provider.requests if r.path == path]


def _ask(provider: FakeProvider, question: str, *, times: int = 1) -> list[str]:
    channel = telegram_channel(api_base=provider.url, hub=None)
    client = Client()
    post_telegram(client, channel, telegram_update(text="Bonjou", lang="ht"))
    run_once()
    before = len(_texts(provider))
    update = telegram_update(text=question, lang="ht")
    for _ in range(times):
        assert post_telegram(client, channel, update).status_code == 200
    run_once()
    run_once()
    return _texts(provider)[before:]


@override_settings(INFOHUB_PUBLIC_URL=SITE)
def test_a_kreyol_question_gets_a_kreyol_reply_quoting_the_published_article(
    world: World, provider: FakeProvider
) -> None:
    article = publish(world, "work-permit", WORK_PERMIT)
    replies = _ask(provider, "Ki dokiman mwen bezwen pou yon pèmi travay?", times=3)
    text = "\n".join(replies)
    body = ArticleTranslation.objects.get(article=article, lang="ht").body
    quote = text.split("“", 1)[1].split("”", 1)[0]
    assert quote in body
    assert f"{SITE}/ht/" in text
    # The same update delivered three times is answered once.
    assert len(replies) == len({*replies})
    assert Message.objects.filter(direction=Direction.INBOUND).count() == 2
    assert Message.objects.filter(status=MessageStatus.RECEIVED).count() == 0


@override_settings(INFOHUB_PUBLIC_URL=SITE)
def test_a_draft_is_never_quoted(world: World, provider: FakeProvider) -> None:
    draft(world, "miracle", SECRET_DRAFT)
    text = "\n".join(_ask(provider, "Zèb mirak la geri malkadi?"))
    assert "malkadi pou tout moun" not in text
    assert text  # it still answers: nothing found, the menu and a person
