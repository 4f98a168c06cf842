"""What messaging holds about people: a data-subject section and a retention rule.

A conversation becomes part of a person record when a counsellor creates the record from
it; then the person's export and erasure include it. Every conversation, tied or not,
is deleted ``INFOHUB_RETENTION_MESSAGE_DAYS`` days after its last message. Registered
from ``MessagingConfig.ready()``.
"""

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from infohub.counselling.models import Person
from infohub.messaging.models import Conversation, Direction, Message
from infohub.privacy.readable import Part, fields, language, part, text
from infohub.privacy.registry import (
    Progress,
    RetentionRule,
    SubjectDataSection,
    cutoff,
    in_batches,
)


def _message(message: Message) -> dict[str, Any]:
    body = json.loads(message.body)
    return {
        "direction": message.direction,
        "at": message.created_at.isoformat(),
        "text": body.get("text", ""),
        "status": message.status,
    }


def _conversation(conversation: Conversation) -> dict[str, Any]:
    return {
        "id": str(conversation.public_id),
        "channel": conversation.channel.kind,
        "hub": conversation.channel.hub.name,
        "started": conversation.created_at.isoformat(),
        "language": conversation.language,
        "consent_at": conversation.consent_at.isoformat() if conversation.consent_at else None,
        "messages": [_message(m) for m in conversation.messages.order_by("created_at", "id")],
    }


def conversations_export(person: Person) -> list[dict[str, Any]]:
    """The person's conversations with every message, decrypted."""
    conversations = Conversation.objects.filter(person=person).select_related("channel__hub")
    return [_conversation(c) for c in conversations.order_by("created_at")]


def conversations_erase(person: Person) -> int:
    """Delete the person's conversations and their messages; how many rows went."""
    with transaction.atomic():
        deleted, _by_model = Conversation.objects.filter(person=person).delete()
    return deleted


def _message_row(message: Message) -> tuple[str, str]:
    who = _("You") if message.direction == Direction.INBOUND else _("The hub")
    return f"{who}, {text(message.created_at)}", json.loads(message.body).get("text", "")


def _conversation_part(conversation: Conversation) -> Part:
    rows = [
        *fields(conversation, "created_at", "status"),
        (_("Channel"), conversation.channel.get_kind_display()),
        (_("Hub"), conversation.channel.hub.name),
        (_("Language"), language(conversation.language) if conversation.language else None),
        (_("Consent to keep a counselling record"), conversation.consent_at),
    ]
    messages = conversation.messages.order_by("created_at", "id")
    return part(_("Conversation"), rows, [part(_("Messages"), [_message_row(m) for m in messages])])


def conversations_readable(person: Person) -> list[Part]:
    """The person's conversations in words, each with its messages."""
    conversations = Conversation.objects.filter(person=person).select_related("channel__hub")
    return [part(_("Conversations"), parts=[_conversation_part(c) for c in conversations])]


def conversations_summary(person: Person) -> list[str]:
    count = Conversation.objects.filter(person=person).count()
    return [ngettext("%(n)s conversation", "%(n)s conversations", count) % {"n": count}]


SECTION = SubjectDataSection(
    name="conversations",
    export=conversations_export,
    erase=conversations_erase,
    models=(Conversation, Message),
    summary=conversations_summary,
    readable=conversations_readable,
)


def conversations_retention(
    *, now: dt.datetime, dry_run: bool, progress: Progress
) -> Mapping[str, int]:
    """Delete conversations silent for longer than the period (a dry run counts them)."""
    old = Conversation.objects.filter(
        updated_at__lt=cutoff(now, settings.INFOHUB_RETENTION_MESSAGE_DAYS)
    )
    ids = list(old.values_list("id", flat=True))
    if not dry_run:
        done = 0
        for batch in in_batches(ids):
            with transaction.atomic():
                Conversation.objects.filter(id__in=batch).delete()
            done += len(batch)
            progress("Deleting conversations", done, len(ids))
    return {"conversations_deleted": len(ids)}


def _report(counts: Mapping[str, int], verb: str) -> str:
    return (
        f"Conversations: {counts['conversations_deleted']} {verb} deleted "
        f"(silent for more than {settings.INFOHUB_RETENTION_MESSAGE_DAYS} days)."
    )


RETENTION = RetentionRule(
    "conversations", conversations_retention, _report, models=(Conversation, Message)
)
