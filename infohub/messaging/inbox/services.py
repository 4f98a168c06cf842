"""Writes of the counsellors' inbox: take, reply, close, a person record, mail preferences.

Each write checks the conversation's status, writes its audit row in the same
transaction, and puts what the person is to read in the outbox (``queue``). Nothing the
person wrote, nor their number or chat id, reaches an audit row, a log line or a mail.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from infohub.accounts.models import User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.counselling.models import Channel as ConsultationChannel
from infohub.counselling.models import ConsentPurpose, LegalBasis, Person
from infohub.counselling.services import ConsentInput, PersonInput, person_create
from infohub.messaging.channels.base import OutboundMessage
from infohub.messaging.errors import MessagingError
from infohub.messaging.inbox.selectors import mail_recipients
from infohub.messaging.models import Conversation, ConversationStatus, InboxPreference
from infohub.messaging.services import queue

REPLY_MAX_LENGTH = 2000
_OPEN = (ConversationStatus.WAITING, ConversationStatus.TAKEN)


def _person_language(conversation: Conversation) -> str:
    return conversation.language or conversation.channel.language_list()[0]


def conversation_take(
    *, user: User, conversation: Conversation, now: dt.datetime | None = None
) -> Conversation:
    """The user answers from now on; the person is told, in their language, that they joined."""
    now = now or timezone.now()
    if conversation.status not in _OPEN:
        raise MessagingError(_("This conversation is closed."))
    if conversation.status == ConversationStatus.TAKEN and conversation.assigned_to_id == user.pk:
        return conversation
    with transaction.atomic():
        conversation.status = ConversationStatus.TAKEN
        conversation.assigned_to = user
        conversation.save(update_fields=["status", "assigned_to", "updated_at"])
        with translation.override(_person_language(conversation)):
            joined = _("A counsellor has joined the conversation. You can write here.")
        queue(conversation=conversation, message=OutboundMessage(text=joined), now=now)
        audit_record(actor=user, action=AuditAction.CONVERSATION_TAKE, target=conversation)
    return conversation


def conversation_reply(
    *, user: User, conversation: Conversation, text: str, now: dt.datetime | None = None
) -> None:
    """Send the user's reply through the outbox; only the counsellor who took it replies."""
    now = now or timezone.now()
    text = text.strip()
    if conversation.status != ConversationStatus.TAKEN or conversation.assigned_to_id != user.pk:
        raise MessagingError(_("Take the conversation before you reply."))
    if not text:
        raise MessagingError(_("Write a reply first."))
    if len(text) > REPLY_MAX_LENGTH:
        raise MessagingError(
            _("A reply has at most %(count)d characters.") % {"count": REPLY_MAX_LENGTH}
        )
    with transaction.atomic():
        queue(conversation=conversation, message=OutboundMessage(text=text), now=now, author=user)
        if conversation.first_human_reply_at is None:
            conversation.first_human_reply_at = now
        conversation.save(update_fields=["first_human_reply_at", "updated_at"])
        audit_record(actor=user, action=AuditAction.CONVERSATION_REPLY, target=conversation)


def conversation_close(*, user: User, conversation: Conversation) -> Conversation:
    """End the counsellors' part; the person's next message goes to the assistant again."""
    if conversation.status not in _OPEN:
        raise MessagingError(_("This conversation is closed."))
    if conversation.status == ConversationStatus.TAKEN and conversation.assigned_to_id != user.pk:
        raise MessagingError(_("Only the counsellor who took this conversation may close it."))
    with transaction.atomic():
        conversation.status = ConversationStatus.CLOSED
        conversation.save(update_fields=["status", "updated_at"])
        audit_record(actor=user, action=AuditAction.CONVERSATION_CLOSE, target=conversation)
    return conversation


@dataclass(frozen=True)
class PersonFromChat:
    given_names: str
    family_names: str = ""


def conversation_person_create(
    *, user: User, conversation: Conversation, data: PersonFromChat
) -> Person:
    """A person record with the consent the person gave in the chat, linked to the chat."""
    if conversation.person_id is not None:
        raise MessagingError(_("This conversation already has a person record."))
    if conversation.consent_at is None:
        raise MessagingError(_("The person has not agreed in the chat to a counselling record."))
    consent = ConsentInput(
        purpose=ConsentPurpose.COUNSELLING_RECORD,
        notice_version=conversation.consent_notice_version,
        notice_language=conversation.consent_language,
        source=ConsultationChannel.MESSAGING,
    )
    person_data = PersonInput(
        legal_basis=LegalBasis.CONSENT,
        given_names=data.given_names,
        family_names=data.family_names,
    )
    with transaction.atomic():
        person = person_create(
            user=user, hub=conversation.channel.hub, data=person_data, consents=[consent]
        )
        conversation.person = person
        conversation.save(update_fields=["person", "updated_at"])
        audit_record(actor=user, action=AuditAction.CONVERSATION_PERSON_LINK, target=conversation)
    return person


def inbox_preference_set(*, user: User, notify_by_mail: bool) -> InboxPreference:
    """Whether the user is mailed when someone starts waiting in their hubs' inbox."""
    preference, _created = InboxPreference.objects.update_or_create(
        user=user, defaults={"notify_by_mail": notify_by_mail}
    )
    return preference


def _inbox_link() -> str:
    return f"{str(settings.INFOHUB_PUBLIC_URL).rstrip('/')}{reverse('inbox:list')}"


def _mail_waiting(conversation_id: int) -> None:
    rows = Conversation.objects.select_related("channel__hub").filter(pk=conversation_id)
    conversation = rows.first()
    if conversation is None:  # erased by the person before the mail went
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("infohub: someone is waiting in the inbox")
        body = _("Someone is waiting for a counsellor in the inbox of %(hub)s:\n%(link)s") % {
            "hub": conversation.channel.hub.name,
            "link": _inbox_link(),
        }
    # One message per person: recipients never see each other's addresses.
    for address in mail_recipients(conversation=conversation):
        send_mail(subject, body, None, [address])


def on_handover(conversation: Conversation) -> None:
    """Once the handover commits, mail the hub's counsellors who asked for it."""
    conversation_id = conversation.pk
    transaction.on_commit(lambda: _mail_waiting(conversation_id), robust=True)
