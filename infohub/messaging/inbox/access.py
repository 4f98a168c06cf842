"""Who may see and work on which handed-over conversations. Every lookup goes through here.

Counsellors and hub managers (``CASE_ROLES``) work the inbox of their hubs: the
conversations of those hubs' channels once the assistant handed them over. Every other
role, superusers included, sees nothing here; an inactive account sees nothing
(``hubs_where`` fails closed). Lookups answer 404 for unknown, malformed and
out-of-scope ids alike, and reading a conversation writes an audit row, as reading a
person record does.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404

from infohub.accounts.access import as_uuid
from infohub.accounts.models import Hub, User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.counselling.access import CASE_ROLES, hubs_where
from infohub.messaging.models import Conversation, ConversationStatus

# With the assistant, a conversation is none of the counsellors' business.
HANDED_OVER = (ConversationStatus.WAITING, ConversationStatus.TAKEN, ConversationStatus.CLOSED)


def inbox_hubs(*, user: User) -> QuerySet[Hub]:
    """The hubs whose inbox the user works."""
    return hubs_where(user, CASE_ROLES)


def conversation_list_visible(*, user: User) -> QuerySet[Conversation]:
    hub_ids = list(inbox_hubs(user=user).values_list("pk", flat=True))
    return Conversation.objects.filter(channel__hub_id__in=hub_ids, status__in=HANDED_OVER)


def access_inbox(*, user: User) -> QuerySet[Hub]:
    """The user's inbox hubs, or 404 for anyone who works no hub's cases."""
    hubs = inbox_hubs(user=user)
    if not hubs.exists():
        raise Http404
    return hubs


def access_conversation(*, user: User, public_id: object) -> Conversation:
    """A handed-over conversation of the user's hubs, unaudited: for the writes."""
    found = (
        conversation_list_visible(user=user)
        .select_related("channel__hub", "assigned_to", "person")
        .filter(public_id=as_uuid(public_id))
        .first()
    )
    if found is None:
        raise Http404
    return found


def access_conversation_read(*, user: User, public_id: object) -> Conversation:
    """The conversation, read on the record: the read is audited before it is returned."""
    found = access_conversation(user=user, public_id=public_id)
    with transaction.atomic():
        audit_record(actor=user, action=AuditAction.CONVERSATION_READ, target=found)
    return found
