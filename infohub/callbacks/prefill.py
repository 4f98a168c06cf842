"""A consultation recorded from a callback: the hub, the phone channel, the language, the topic.

Nothing personal travels: the form is addressed by the request's public id, and the
consultation stays anonymous (the name and the phone are not copied).
"""

from django.utils.translation import gettext as _

from infohub.accounts.models import User
from infohub.callbacks.access import access_callback_workable
from infohub.counselling.models import Channel
from infohub.counselling.prefill import ConsultationPrefill

PARAMETER = "callback"


def consultation_from_callback(user: User, public_id: str) -> ConsultationPrefill:
    """404 unless the user works the queue of the request's hub."""
    callback = access_callback_workable(user=user, public_id=public_id)
    return ConsultationPrefill(
        hub=callback.hub,
        label=_("From callback request %(reference)s.") % {"reference": callback.reference},
        channel=Channel.PHONE,
        languages=(callback.language,),
        topics=(callback.topic.slug,) if callback.topic else (),
    )
