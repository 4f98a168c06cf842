"""Answering what came in: the assistant's step, its replies and actions, in one transaction.

Each received message is handled in its own short transaction that also marks it
handled, so a process that dies half-way leaves it to the next run, never half-answered.
No call to the outside world happens here: replies only become outbox rows.
"""

import datetime as dt
import json

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.counselling.notice import CURRENT_NOTICE_VERSION
from infohub.messaging.channels.base import Location
from infohub.messaging.channels.registry import kind_named
from infohub.messaging.conversation.engine import back_to_bot, keyword_step, respond
from infohub.messaging.conversation.types import (
    Action,
    ConsentGiven,
    Context,
    Erase,
    Handover,
    Step,
    Subscribe,
    Turn,
    Unsubscribe,
)
from infohub.messaging.hours import Opening, hub_openings
from infohub.messaging.inbox.services import on_handover
from infohub.messaging.models import (
    Conversation,
    ConversationStatus,
    Direction,
    Message,
    MessageStatus,
    Subscription,
)
from infohub.messaging.services import queue
from infohub.messaging.summary import summary_token

_WITH_COUNSELLORS = (ConversationStatus.WAITING, ConversationStatus.TAKEN)


def _turn(message: Message) -> Turn:
    body = json.loads(message.body)
    location = body.get("location")
    return Turn(
        text=body.get("text") or "",
        choice=body.get("choice") or "",
        location=Location(**location) if location else None,
        reported_language=body.get("reported_language") or "",
    )


def _context(conversation: Conversation, opening: Opening, now: dt.datetime) -> Context:
    channel = conversation.channel
    kind = kind_named(channel.kind)
    return Context(
        now=now,
        languages=channel.language_list(),
        has_buttons=kind.has_buttons,
        max_text=kind.max_text,
        site_url=str(settings.INFOHUB_PUBLIC_URL).rstrip("/"),
        notice_version=CURRENT_NOTICE_VERSION,
        hub_name=channel.hub.name,
        hub_country=str(channel.hub.country),
        hub_opens_at=opening.opens_at,
        hub_is_open=opening.is_open,
        summary_token=summary_token(conversation),
    )


def _step(conversation: Conversation, turn: Turn, context: Context) -> Step | None:
    state = json.loads(conversation.state or "{}")
    if conversation.status == ConversationStatus.TAKEN:
        # A counsellor answers now; only the words that must always work reach the assistant.
        return keyword_step(state, turn, context)
    if conversation.status == ConversationStatus.CLOSED:
        state = back_to_bot(state)
    # While waiting, the assistant still asks for consent, then stays silent.
    step: Step = respond(state, turn, context)
    return step


def _erase(conversation: Conversation) -> Conversation:
    """Delete the conversation; a fresh one carries the confirmation and nothing else."""
    audit_record(actor=None, action=AuditAction.CONVERSATION_ERASE, target=conversation)
    channel, address, language = (
        conversation.channel,
        conversation.address,
        conversation.language,
    )
    conversation.delete()
    return Conversation.objects.create(
        channel=channel, address=address, address_hash=conversation.address_hash, language=language
    )


def _carry_out(action: Action, conversation: Conversation, now: dt.datetime) -> Conversation:
    if isinstance(action, Erase):
        return _erase(conversation)
    if isinstance(action, Handover) and conversation.status not in _WITH_COUNSELLORS:
        conversation.status = ConversationStatus.WAITING
        conversation.waiting_since = now
        conversation.assigned_to = None
        audit_record(actor=None, action=AuditAction.CONVERSATION_HANDOVER, target=conversation)
        on_handover(conversation)
    elif isinstance(action, Subscribe):
        Subscription.objects.get_or_create(
            conversation=conversation, country=action.country.upper(), topic=action.topic
        )
    elif isinstance(action, Unsubscribe):
        Subscription.objects.filter(conversation=conversation).delete()
    elif isinstance(action, ConsentGiven):
        conversation.consent_at = now
        conversation.consent_notice_version = action.notice_version
        conversation.consent_language = action.language
    return conversation


def _apply(conversation: Conversation, step: Step, now: dt.datetime) -> None:
    erased = any(isinstance(action, Erase) for action in step.actions)
    for action in step.actions:
        conversation = _carry_out(action, conversation, now)
    if not erased:
        conversation.state = json.dumps(step.state)
    conversation.language = str(step.state.get("language") or conversation.language)
    if conversation.status == ConversationStatus.CLOSED:
        conversation.status = ConversationStatus.BOT
    conversation.save()
    for reply in step.replies:
        queue(conversation=conversation, message=reply, now=now)


def handle_one(message_id: int, *, openings: dict[int, Opening], now: dt.datetime) -> None:
    """Answer one received message, if no other run has; mark it handled."""
    with transaction.atomic():
        message = (
            Message.objects.select_for_update()
            .select_related("conversation__channel__hub")
            .filter(pk=message_id, status=MessageStatus.RECEIVED)
            .first()
        )
        if message is None:
            return
        conversation = message.conversation
        opening = openings.get(conversation.channel.hub_id, Opening(is_open=True))
        step = _step(conversation, _turn(message), _context(conversation, opening, now))
        Message.objects.filter(pk=message.pk).update(status=MessageStatus.HANDLED)
        if step is not None:
            _apply(conversation, step, now)


def handle_due(*, now: dt.datetime | None = None) -> int:
    """Answer every received message, oldest first; how many were handled."""
    now = now or timezone.now()
    ids = list(
        Message.objects.filter(direction=Direction.INBOUND, status=MessageStatus.RECEIVED)
        .order_by("id")
        .values_list("id", flat=True)
    )
    if not ids:
        return 0
    openings = hub_openings(at=now)
    for message_id in ids:
        handle_one(message_id, openings=openings, now=now)
    return len(ids)
