"""A consultation recorded from a conversation: the hub, the messaging channel, the language.

Nothing personal travels: the form is addressed by the conversation's public id, and
the consultation stays anonymous (no number, no chat id, no text is copied).
"""

from django.conf import settings
from django.utils.translation import gettext as _

from infohub.accounts.models import User
from infohub.counselling.models import Channel
from infohub.counselling.prefill import ConsultationPrefill
from infohub.messaging.inbox.access import access_conversation
from infohub.messaging.inbox.selectors import reference

PARAMETER = "conversation"


def consultation_from_conversation(user: User, public_id: str) -> ConsultationPrefill:
    """404 unless the user works the inbox of the conversation's hub."""
    conversation = access_conversation(user=user, public_id=public_id)
    language = conversation.language
    return ConsultationPrefill(
        hub=conversation.channel.hub,
        label=_("From conversation %(reference)s.") % {"reference": reference(conversation)},
        channel=Channel.MESSAGING,
        languages=(language,) if language in settings.INFOHUB_CONTENT_LANGUAGES else (),
    )
