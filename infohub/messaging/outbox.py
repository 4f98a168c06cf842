"""Sending the outbox: claim a row in a short transaction, call the provider outside any.

A claim sets the row to "sending" with a lease; a sender that dies leaves the lease to
expire and the next run claims the row again. The result is recorded only if the lease
is still this sender's. Delivery is therefore at least once: a crash between the
provider's acknowledgement and the commit of the result sends the message again (no
provider offers an idempotency key). No database lock is held across an HTTP call.
"""

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from infohub.messaging.broadcast import broadcast_due
from infohub.messaging.channels.base import (
    Button,
    OutboundMessage,
    SendError,
    SendResult,
    Template,
)
from infohub.messaging.channels.registry import kind_named
from infohub.messaging.inbound import handle_due
from infohub.messaging.models import Channel, Direction, Message, MessageStatus
from infohub.messaging.services import credentials_of, outside_service_window

MAX_ATTEMPTS = 8
FIRST_BACKOFF = dt.timedelta(seconds=30)
LONGEST_BACKOFF = dt.timedelta(hours=1)
CLAIM_BATCH = 50
OUTSIDE_WINDOW = "outside the provider's 24-hour window: only a template may be sent"


def lease() -> dt.timedelta:
    """How long a claim holds a row (``INFOHUB_OUTBOX_LEASE_SECONDS``, default 60)."""
    seconds: int = settings.INFOHUB_OUTBOX_LEASE_SECONDS
    return dt.timedelta(seconds=seconds)


def backoff(attempts: int) -> dt.timedelta:
    """The wait before the next try after ``attempts`` failed ones: doubling, capped."""
    factor: int = 2 ** max(attempts - 1, 0)
    return min(FIRST_BACKOFF * factor, LONGEST_BACKOFF)


def _due(now: dt.datetime) -> Q:
    queued = Q(status=MessageStatus.QUEUED, due_at__lte=now)
    expired = Q(status=MessageStatus.SENDING, lease_until__lt=now)
    return Q(direction=Direction.OUTBOUND) & (queued | expired)


def _budgets(now: dt.datetime) -> dict[int, int]:
    """What each channel may still send in the minute before ``now`` (its rate limit)."""
    sent = Counter(
        Message.objects.filter(
            direction=Direction.OUTBOUND, sent_at__gt=now - dt.timedelta(minutes=1)
        ).values_list("channel_id", flat=True)
    )
    return {
        channel_id: max(rate - sent[channel_id], 0)
        for channel_id, rate in Channel.objects.values_list("id", "rate_per_minute")
    }


def claim(*, now: dt.datetime, limit: int = CLAIM_BATCH) -> list[int]:
    """Claim due rows within each channel's rate limit; their ids."""
    return claim_leased(now=now, limit=limit)[0]


def claim_leased(*, now: dt.datetime, limit: int = CLAIM_BATCH) -> tuple[list[int], dt.datetime]:
    """Claim due rows within each channel's rate limit; their ids and the lease they hold."""
    budgets = _budgets(now)
    held_until = now + lease()
    with transaction.atomic():
        rows = Message.objects.filter(_due(now), channel__is_enabled=True).order_by("due_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        claimed: list[int] = []
        for message_id, channel_id in rows.values_list("id", "channel_id")[: limit * 4]:
            if budgets.get(channel_id, 0) > 0 and len(claimed) < limit:
                budgets[channel_id] -= 1
                claimed.append(message_id)
        Message.objects.filter(id__in=claimed).update(
            status=MessageStatus.SENDING, lease_until=held_until
        )
    return claimed, held_until


def outbound_message(body: str) -> OutboundMessage:
    """The stored body back as the value a channel sends."""
    value = json.loads(body)
    template = value.get("template")
    return OutboundMessage(
        text=value.get("text", ""),
        buttons=tuple(Button(**button) for button in value.get("buttons", ())),
        template=Template(
            name=template["name"],
            language=template["language"],
            parameters=tuple(template.get("parameters", ())),
        )
        if template
        else None,
    )


@dataclass(frozen=True)
class Outcome:
    result: SendResult | None = None
    error: SendError | None = None


def _send(message: Message, now: dt.datetime) -> Outcome:
    outbound = outbound_message(message.body)
    if outbound.template is None and outside_service_window(message.conversation, now):
        return Outcome(error=SendError(OUTSIDE_WINDOW, retryable=False))
    try:
        result = kind_named(message.channel.kind).send(
            api_base=message.channel.api_base,
            credentials=credentials_of(message.channel),
            to=message.conversation.address,
            message=outbound,
            reference=str(message.public_id),
        )
    except SendError as error:
        return Outcome(error=error)
    return Outcome(result=result)


def _record(message: Message, outcome: Outcome, now: dt.datetime) -> None:
    mine = Message.objects.filter(
        pk=message.pk, status=MessageStatus.SENDING, lease_until=message.lease_until
    )
    attempts = message.attempts + 1
    if outcome.result is not None:
        mine.update(
            status=MessageStatus.SENT,
            provider_id=outcome.result.provider_id[:200],
            sent_at=now,
            attempts=attempts,
            error="",
            lease_until=None,
        )
        return
    error = outcome.error or SendError("no result", retryable=True)
    if error.retryable and attempts < MAX_ATTEMPTS:
        wait = max(backoff(attempts), dt.timedelta(seconds=error.retry_after or 0))
        mine.update(
            status=MessageStatus.QUEUED,
            due_at=now + wait,
            attempts=attempts,
            error=error.detail[:300],
            lease_until=None,
        )
    else:
        mine.update(
            status=MessageStatus.FAILED,
            attempts=attempts,
            error=error.detail[:300],
            lease_until=None,
        )


def _renew(message: Message, held_until: dt.datetime, now: dt.datetime) -> bool:
    """Extend this sender's claim just before the call; False if it is no longer ours.

    A batch shares one lease: without renewing, a slow batch could outlive it and a
    second sender would claim and send the rows this one has not reached yet.
    """
    renewed = now + lease()
    taken = Message.objects.filter(
        pk=message.pk,
        status=MessageStatus.SENDING,
        lease_until=held_until,
        lease_until__gt=now,
    ).update(lease_until=renewed)
    message.lease_until = renewed
    return taken == 1


def send_claimed(
    message_id: int, *, held_until: dt.datetime, now: dt.datetime | None = None
) -> None:
    """Send one row this sender claimed until ``held_until``, if the claim is still ours."""
    message = (
        Message.objects.select_related("channel", "conversation")
        .filter(pk=message_id, status=MessageStatus.SENDING)
        .first()
    )
    if message is None or not _renew(message, held_until, now or timezone.now()):
        return
    outcome = _send(message, now or timezone.now())
    # Times are taken after the call: it may have taken its whole timeout.
    _record(message, outcome, now or timezone.now())


def send_due(*, now: dt.datetime | None = None) -> int:
    """Send everything due, batch by batch, until nothing claimable is left; how many tried."""
    tried = 0
    while True:
        claimed, held_until = claim_leased(now=now or timezone.now())
        if not claimed:
            return tried
        for message_id in claimed:
            send_claimed(message_id, held_until=held_until, now=now)
        tried += len(claimed)


def run_once(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Answer what came in, queue the alerts in force, then send what is due; the counts."""
    handled = handle_due(now=now)
    alerts = broadcast_due(now=now or timezone.now())
    sent = send_due(now=now)
    return {"handled": handled, "alerts": alerts, "sent": sent}
