"""Reads for the counsellors' inbox, scoped to the user's hubs; nothing here writes."""

import datetime as dt
import json
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from infohub.accounts.models import User
from infohub.counselling.access import CASE_ROLES
from infohub.messaging.inbox.access import conversation_list_visible
from infohub.messaging.models import (
    Conversation,
    ConversationStatus,
    Direction,
    InboxPreference,
    Message,
)

CLOSED_SHOWN = 20  # the closed filter shows only the latest ones
FILTERS = ("waiting", "unassigned", "mine", "closed")
OPEN = (ConversationStatus.WAITING, ConversationStatus.TAKEN)


def reference(conversation: Conversation) -> str:
    """A short code staff can say aloud or write down; never the number or the chat id."""
    return conversation.public_id.hex[:8].upper()


def language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code or "—")


def filter_names() -> dict[str, str]:
    """The inbox's filters, by key, named in the reader's language."""
    return {
        "waiting": _("Everyone waiting"),
        "unassigned": _("Unassigned"),
        "mine": _("Mine"),
        "closed": _("Recently closed"),
    }


def inbox_list(*, user: User, which: str) -> list[Conversation]:
    """One filter of the inbox: open conversations longest-waiting first, or the latest closed."""
    rows = conversation_list_visible(user=user).select_related("channel", "assigned_to")
    if which == "closed":
        closed = rows.filter(status=ConversationStatus.CLOSED)
        return list(closed.order_by("-updated_at")[:CLOSED_SHOWN])
    rows = rows.filter(status__in=OPEN)
    if which == "unassigned":
        rows = rows.filter(assigned_to__isnull=True)
    elif which == "mine":
        rows = rows.filter(assigned_to=user)
    return list(rows.order_by("waiting_since", "id"))


def waiting_count(*, user: User) -> int:
    """How many people of the user's hubs wait for a counsellor to take their conversation."""
    return conversation_list_visible(user=user).filter(status=ConversationStatus.WAITING).count()


def waited(conversation: Conversation, *, now: dt.datetime) -> str:
    """How long the person has waited since the handover, in words."""
    if conversation.waiting_since is None:
        return "—"
    return timesince(conversation.waiting_since, now, depth=1)


@dataclass(frozen=True)
class Entry:
    """One message of the history, as the counsellor reads it."""

    incoming: bool
    who: str
    text: str
    at: dt.datetime
    status: str


def _text_of(body: dict[str, object]) -> str:
    text = str(body.get("text") or "")
    if text:
        return text
    if body.get("location"):
        return _("(shared a location)")
    return str(body.get("choice") or "")


def _who(message: Message) -> str:
    if message.direction == Direction.INBOUND:
        return _("The person")
    if message.author is None:
        return _("The assistant")
    return message.author.get_username()


def conversation_history(*, conversation: Conversation) -> list[Entry]:
    """Every message of the conversation, oldest first, decrypted."""
    messages = Message.objects.filter(conversation=conversation).select_related("author")
    return [
        Entry(
            incoming=m.direction == Direction.INBOUND,
            who=_who(m),
            text=_text_of(json.loads(m.body)),
            at=m.created_at,
            status="" if m.direction == Direction.INBOUND else m.get_status_display(),
        )
        for m in messages.order_by("created_at", "id")
    ]


def notifies_by_mail(*, user: User) -> bool:
    return InboxPreference.objects.filter(user=user, notify_by_mail=True).exists()


def mail_recipients(*, conversation: Conversation) -> list[str]:
    """Addresses of the hub's case workers who asked to be mailed when someone waits."""
    hub_id = conversation.channel.hub_id
    users = User.objects.filter(
        is_active=True,
        inbox_preference__notify_by_mail=True,
        memberships__hub_id=hub_id,
        memberships__role__in=CASE_ROLES,
    ).exclude(Q(email="") | Q(email__isnull=True))
    return sorted(set(users.values_list("email", flat=True)))
