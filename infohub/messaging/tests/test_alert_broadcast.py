"""Alerts reach exactly their subscribers, once each, in their language; STOP ends it at once."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from infohub.editorial.workflow import EditorialStatus
from infohub.messaging.broadcast import broadcast_due
from infohub.messaging.models import AlertDelivery, Channel, Conversation, Subscription
from infohub.messaging.outbox import run_once
from infohub.messaging.services import address_hash
from infohub.messaging.tests.support import (
    TELEGRAM,
    post_telegram,
    telegram_channel,
    telegram_update,
)
from infohub.news.models import Alert
from infohub.news.services import (
    alert_create,
    alert_publish,
    alert_transition,
    alert_translation_save,
)
from infohub.testing.fake_provider import FakeProvider
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def _subscriber(channel: Channel, chat_id: str, lang: str, country: str, topic: str = "") -> None:
    conversation = Conversation.objects.create(
        channel=channel,
        address=chat_id,
        address_hash=address_hash(chat_id),
        language=lang,
        last_inbound_at=timezone.now(),
    )
    Subscription.objects.create(conversation=conversation, country=country, topic=topic)


def _alert(world: World, *, starts_in: dt.timedelta = dt.timedelta(0)) -> Alert:
    now = timezone.now()
    alert = alert_create(
        severity="warning",
        title="Oficinas cerradas el lunes",
        body="Las oficinas de migración cierran el lunes.",
        lang="es",
        starts_at=now - dt.timedelta(minutes=1) + starts_in,
        expires_at=now + dt.timedelta(days=2),
        countries=["DO"],
        topics=["work"],
        actor=world.editor,
    )
    alert_translation_save(
        alert=alert,
        lang="ht",
        title="Biwo yo fèmen lendi",
        body="Biwo migrasyon yo fèmen lendi.",
        author=world.editor,
    )
    alert_transition(alert=alert, to=EditorialStatus.IN_REVIEW, actor=world.editor)
    return alert_publish(alert=alert, reviewer=world.admin)


def _sent(provider: FakeProvider) -> dict[int, str]:
    path = f"/bot{TELEGRAM['token']}/sendMessage"
    return {r.json["chat_id"]: r.json["text"] for r in provider.requests if r.path == path}


def test_an_alert_reaches_exactly_the_matching_subscribers_once_in_their_language(
    world: World, provider: FakeProvider
) -> None:
    channel = telegram_channel(api_base=provider.url)
    _subscriber(channel, "1001", "ht", "DO")  # every topic
    _subscriber(channel, "1002", "es", "DO", "work")
    _subscriber(channel, "1003", "fr", "CR")  # another country
    _subscriber(channel, "1004", "en", "DO", "health")  # another topic
    _alert(world)
    run_once()
    run_once()
    sent = _sent(provider)
    assert sorted(sent) == [1001, 1002]
    assert "Biwo yo fèmen lendi" in sent[1001]
    assert "ARETE" in sent[1001]  # the stop word of its language
    assert "Oficinas cerradas el lunes" in sent[1002]
    assert len(provider.requests) == 2
    assert AlertDelivery.objects.count() == 2


def test_an_alert_that_starts_later_goes_out_once_it_starts(
    world: World, provider: FakeProvider
) -> None:
    channel = telegram_channel(api_base=provider.url)
    _subscriber(channel, "1001", "es", "DO")
    _alert(world, starts_in=dt.timedelta(hours=3))
    assert broadcast_due(now=timezone.now()) == 0
    assert broadcast_due(now=timezone.now() + dt.timedelta(hours=3)) == 1
    assert broadcast_due(now=timezone.now() + dt.timedelta(hours=4)) == 0


@pytest.mark.parametrize(
    ("lang", "word"), [("es", "BAJA"), ("en", "STOP"), ("fr", "ARRÊT"), ("ht", "ARETE")]
)
def test_stop_in_each_language_unsubscribes_at_once(
    world: World, provider: FakeProvider, lang: str, word: str
) -> None:
    channel = telegram_channel(api_base=provider.url)
    client = Client()
    post_telegram(client, channel, telegram_update(text="hello", chat_id=4242, lang=lang))
    run_once()
    conversation = Conversation.objects.get()
    Subscription.objects.create(conversation=conversation, country="DO")
    post_telegram(client, channel, telegram_update(text=word.lower(), chat_id=4242, lang=lang))
    run_once()
    assert Subscription.objects.count() == 0
    _alert(world)
    run_once()
    assert AlertDelivery.objects.count() == 0
