"""The outbox: sent once, retried with backoff, failed with the provider's error, rate-limited."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from infohub.messaging.channels.base import Button, OutboundMessage
from infohub.messaging.models import Channel, Conversation, Message, MessageStatus
from infohub.messaging.outbox import (
    MAX_ATTEMPTS,
    OUTSIDE_WINDOW,
    backoff,
    claim,
    claim_leased,
    send_claimed,
    send_due,
)
from infohub.messaging.services import address_hash, channel_create, queue
from infohub.messaging.tests.support import TELEGRAM, a_hub, telegram_channel
from infohub.testing.fake_provider import FakeProvider, Response

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 7, 15, 0, tzinfo=dt.UTC)


def _conversation(channel: Channel, address: str = "987654321") -> Conversation:
    return Conversation.objects.create(
        channel=channel, address=address, address_hash=address_hash(address), last_inbound_at=NOW
    )


def _queue(
    conversation: Conversation, text: str = "Hola", buttons: tuple[Button, ...] = ()
) -> Message:
    with transaction.atomic():
        (row,) = queue(
            conversation=conversation, message=OutboundMessage(text=text, buttons=buttons), now=NOW
        )
    return row


def _send_path() -> str:
    return f"/bot{TELEGRAM['token']}/sendMessage"


def test_a_queued_reply_is_sent_once_as_the_bot_api_expects(provider: FakeProvider) -> None:
    conversation = _conversation(telegram_channel(api_base=provider.url))
    row = _queue(conversation, "Bonjou", buttons=(Button(id="menu", title="Meni"),))
    assert send_due(now=NOW) == 1
    assert send_due(now=NOW) == 0  # idempotent: nothing left to send
    (request,) = provider.requests
    assert (request.method, request.path) == ("POST", _send_path())
    assert request.json == {
        "chat_id": 987654321,
        "text": "Bonjou",
        "reply_markup": {"inline_keyboard": [[{"text": "Meni", "callback_data": "menu"}]]},
    }
    row.refresh_from_db()
    assert row.status == MessageStatus.SENT
    assert row.provider_id
    assert row.lease_until is None


def test_a_server_error_is_retried_later_with_a_growing_wait(provider: FakeProvider) -> None:
    provider.respond(
        _send_path(),
        Response(status=502, json={"ok": False, "error_code": 502, "description": "Bad Gateway"}),
        Response(json={"ok": True, "result": {"message_id": 5}}),
    )
    row = _queue(_conversation(telegram_channel(api_base=provider.url)))
    send_due(now=NOW)
    row.refresh_from_db()
    assert (row.status, row.attempts, row.due_at) == (MessageStatus.QUEUED, 1, NOW + backoff(1))
    assert "502" in row.error
    assert send_due(now=NOW) == 0  # not due yet
    send_due(now=NOW + backoff(1))
    row.refresh_from_db()
    assert (row.status, row.attempts) == (MessageStatus.SENT, 2)
    assert len(provider.requests) == 2


def test_backoff_doubles_and_is_capped() -> None:
    waits = [backoff(n) for n in range(1, 12)]
    assert waits[1] == 2 * waits[0]
    assert waits == sorted(waits)
    assert max(waits) == dt.timedelta(hours=1)


def test_a_refusal_fails_at_once_with_the_providers_error(provider: FakeProvider) -> None:
    provider.respond(
        _send_path(),
        Response(
            status=400,
            json={"ok": False, "error_code": 400, "description": "Bad Request: chat not found"},
        ),
    )
    row = _queue(_conversation(telegram_channel(api_base=provider.url)), "SENTINEL-BODY")
    send_due(now=NOW)
    row.refresh_from_db()
    assert row.status == MessageStatus.FAILED
    assert "chat not found" in row.error
    assert "SENTINEL-BODY" not in row.error


def test_retries_end_in_failed_after_the_last_attempt(provider: FakeProvider) -> None:
    provider.respond(_send_path(), Response(status=503, json={"ok": False, "error_code": 503}))
    row = _queue(_conversation(telegram_channel(api_base=provider.url)))
    moment = NOW
    for _ in range(MAX_ATTEMPTS):
        send_due(now=moment)
        row.refresh_from_db()
        moment = (row.due_at or moment) + dt.timedelta(seconds=1)
    assert row.status == MessageStatus.FAILED
    assert row.attempts == MAX_ATTEMPTS
    assert len(provider.requests) == MAX_ATTEMPTS


def test_a_channel_sends_no_more_than_its_rate_a_minute(provider: FakeProvider) -> None:
    channel = telegram_channel(api_base=provider.url)
    Channel.objects.filter(pk=channel.pk).update(rate_per_minute=3)
    conversation = _conversation(channel)
    for n in range(5):
        _queue(conversation, f"part {n}")
    send_due(now=timezone.now())
    assert len(provider.requests) == 3
    assert Message.objects.filter(status=MessageStatus.QUEUED).count() == 2


def test_a_claimed_row_is_not_claimed_again_until_its_lease_expires(
    provider: FakeProvider,
) -> None:
    row = _queue(_conversation(telegram_channel(api_base=provider.url)))
    assert claim(now=NOW) == [row.pk]
    assert claim(now=NOW + dt.timedelta(seconds=30)) == []
    assert claim(now=NOW + dt.timedelta(seconds=61)) == [row.pk]


def test_whatsapp_sends_no_free_text_outside_the_24_hour_window(provider: FakeProvider) -> None:
    channel = channel_create(
        actor=None,
        hub=a_hub(),
        kind="whatsapp",
        name="WA",
        api_base=provider.url,
        credentials={
            "token": "t",
            "app_secret": "a",
            "verify_token": "v",
            "phone_number_id": "106540352242922",
        },
    )
    conversation = _conversation(channel, "50688880000")
    Conversation.objects.filter(pk=conversation.pk).update(
        last_inbound_at=NOW - dt.timedelta(hours=25)
    )
    row = _queue(conversation)
    send_due(now=NOW)
    row.refresh_from_db()
    assert row.status == MessageStatus.FAILED
    assert row.error == OUTSIDE_WINDOW
    assert provider.requests == []


def test_the_command_says_what_it_did_and_a_second_run_does_nothing(
    provider: FakeProvider,
) -> None:
    _queue(_conversation(telegram_channel(api_base=provider.url)))
    first, second = io.StringIO(), io.StringIO()
    call_command("send_outbox", stdout=first)
    call_command("send_outbox", stdout=second)
    assert "tried to send 1" in first.getvalue()
    assert "tried to send 0" in second.getvalue()
    assert len(provider.requests) == 1
    assert json.loads(provider.requests[0].body)["text"] == "Hola"


def test_a_slow_sender_whose_lease_ran_out_leaves_the_row_to_the_sender_that_claimed_it(
    provider: FakeProvider,
) -> None:
    row = _queue(_conversation(telegram_channel(api_base=provider.url)))
    (mine,), held = claim_leased(now=NOW)
    later = NOW + dt.timedelta(seconds=61)  # the first sender is still busy with its batch
    (theirs,), their_lease = claim_leased(now=later)
    send_claimed(mine, held_until=held, now=later)
    send_claimed(theirs, held_until=their_lease, now=later)
    assert mine == theirs == row.pk
    assert len(provider.requests) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (MessageStatus.SENT, 1)
