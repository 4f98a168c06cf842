"""Writes of messaging: channels, what a webhook brings, and the outbox rows replies become.

The webhook only stores (``receive_store``): the inbound messages and the providers'
status updates, in one short transaction. Answering is ``inbound.handle_due``'s work,
run by ``send_outbox`` or its task. Addresses and texts never reach an audit row, a log
line or an error message.
"""

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from infohub.accounts.models import Hub, User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.messaging.channels.base import (
    InboundMessage,
    OutboundMessage,
    Received,
    StatusUpdate,
)
from infohub.messaging.channels.registry import kind_named, kind_names
from infohub.messaging.errors import MessagingError
from infohub.messaging.models import (
    Channel,
    Conversation,
    Direction,
    Message,
    MessageStatus,
)
from infohub.messaging.tasks import schedule_delivery
from infohub.protection.hashing import keyed_hash

ADDRESS_PURPOSE = "messaging_address"
LANGUAGES = ("es", "en", "fr", "ht")
# A status update may only move a message forward; "failed" ends it from any state.
_STATUS_ORDER = {
    MessageStatus.QUEUED: 0,
    MessageStatus.SENDING: 1,
    MessageStatus.SENT: 2,
    MessageStatus.DELIVERED: 3,
    MessageStatus.READ: 4,
}


def address_hash(address: str) -> str:
    """The keyed hash a conversation is found by; never the address itself."""
    return keyed_hash(address.strip(), purpose=ADDRESS_PURPOSE)


def credentials_of(channel: Channel) -> dict[str, str]:
    """The channel's decrypted credentials."""
    value = json.loads(channel.credentials)
    return {str(key): str(item) for key, item in value.items()}


def checked_credentials(kind: str, credentials: Mapping[str, object]) -> dict[str, str]:
    missing = [key for key in kind_named(kind).credential_keys if not credentials.get(key)]
    if missing:
        raise MessagingError(
            _("The credentials lack: %(keys)s.") % {"keys": ", ".join(sorted(missing))}
        )
    if not all(isinstance(value, str) for value in credentials.values()):
        raise MessagingError(_("Every credential must be text."))
    return {key: str(value) for key, value in credentials.items()}


def checked_languages(languages: Sequence[str]) -> str:
    unknown = [code for code in languages if code not in LANGUAGES]
    if unknown or not languages:
        raise MessagingError(
            _("Languages must be among: %(codes)s.") % {"codes": ", ".join(LANGUAGES)}
        )
    return ",".join(dict.fromkeys(languages))


def channel_create(
    *,
    actor: User | None,
    hub: Hub,
    kind: str,
    name: str,
    api_base: str,
    credentials: Mapping[str, object],
    languages: Sequence[str] = LANGUAGES,
) -> Channel:
    """Create a channel of a hub; the credentials are stored encrypted."""
    if kind not in kind_names():
        raise MessagingError(
            _("Unknown channel kind; choose one of: %(kinds)s.")
            % {"kinds": ", ".join(kind_names())}
        )
    if not name.strip():
        raise MessagingError(_("A channel needs a name."))
    checked = checked_credentials(kind, credentials)
    with transaction.atomic():
        channel = Channel.objects.create(
            hub=hub,
            kind=kind,
            name=name.strip(),
            api_base=api_base.rstrip("/"),
            credentials=json.dumps(checked, sort_keys=True),
            languages=checked_languages(languages),
        )
        audit_record(actor=actor, action=AuditAction.CHANNEL_CREATE, target=channel)
    return channel


def _conversation_for(channel: Channel, address: str) -> Conversation:
    conversation, _created = Conversation.objects.get_or_create(
        channel=channel,
        address_hash=address_hash(address),
        defaults={"address": address.strip()},
    )
    return conversation


def outside_service_window(conversation: Conversation, now: dt.datetime) -> bool:
    """Whether the provider's customer-service window (WhatsApp's 24 hours) has closed."""
    window = kind_named(conversation.channel.kind).service_window
    last = conversation.last_inbound_at
    return window is not None and (last is None or now - last > window)


def inbound_body(message: InboundMessage) -> str:
    """What is kept of an inbound message: its text, choice and location."""
    location = asdict(message.location) if message.location else None
    return json.dumps(
        {
            "text": message.text,
            "choice": message.choice,
            "location": location,
            "reported_language": message.reported_language,
        }
    )


def _store_inbound(channel: Channel, message: InboundMessage, now: dt.datetime) -> bool:
    conversation = _conversation_for(channel, message.address)
    try:
        # A savepoint: a provider's retry breaks the unique constraint and only this
        # message is skipped, not the others of the same request.
        with transaction.atomic():
            Message.objects.create(
                channel=channel,
                conversation=conversation,
                direction=Direction.INBOUND,
                body=inbound_body(message),
                provider_id=message.provider_id,
                status=MessageStatus.RECEIVED,
            )
    except IntegrityError:
        return False
    Conversation.objects.filter(pk=conversation.pk).update(last_inbound_at=now, updated_at=now)
    return True


def _apply_status(channel: Channel, update: StatusUpdate) -> None:
    message = Message.objects.filter(
        channel=channel, direction=Direction.OUTBOUND, provider_id=update.provider_id
    ).first()
    if message is None:
        return
    if update.status == "failed":
        message.status = MessageStatus.FAILED
        message.error = update.error[:300]
    elif _STATUS_ORDER.get(MessageStatus(update.status), 0) > _STATUS_ORDER.get(
        MessageStatus(message.status), 5
    ):
        message.status = update.status
    else:
        return
    message.save(update_fields=["status", "error"])


def receive_store(*, channel: Channel, received: Received, now: dt.datetime | None = None) -> int:
    """Store a verified webhook's messages and status updates; how many messages were new."""
    now = now or timezone.now()
    with transaction.atomic():
        new = sum(_store_inbound(channel, message, now) for message in received.messages)
        for update in received.statuses:
            _apply_status(channel, update)
    if new:
        schedule_delivery()
    return new


def outbound_body(message: OutboundMessage) -> str:
    """An outbound message as stored: the text, the buttons, the template."""
    return json.dumps(asdict(message))


def queue(
    *,
    conversation: Conversation,
    message: OutboundMessage,
    now: dt.datetime,
    author: User | None = None,
) -> list[Message]:
    """Write the outbox rows of one reply, in the caller's transaction."""
    kind = kind_named(conversation.channel.kind)
    rows = [
        Message.objects.create(
            channel_id=conversation.channel_id,
            conversation=conversation,
            direction=Direction.OUTBOUND,
            body=outbound_body(part),
            author=author,
            status=MessageStatus.QUEUED,
            due_at=now,
        )
        for part in kind.prepare(message)
    ]
    schedule_delivery()
    return rows
