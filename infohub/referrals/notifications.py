"""Mail about referrals: a link to sign in, and never a personal value.

The mail is sent after the referral's transaction commits. A mail server that refuses
or does not answer must not turn a saved referral into an error page (the counsellor
would send it again): the failure is logged with the referral's public id and the
referral stands; the people concerned see it on their referral lists.
"""

import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _

from infohub.accounts.models import Role, User
from infohub.referrals.models import Referral

logger = logging.getLogger("infohub.referrals")


def referral_link(referral: Referral) -> str:
    return f"{settings.INFOHUB_PUBLIC_URL.rstrip('/')}/staff/referrals/{referral.public_id}/"


def _mail(referral: Referral, recipients: Iterable[User], subject: str, body: str) -> None:
    addresses = sorted({u.email for u in recipients if u.email and u.is_active})
    if not addresses:
        return
    # One message per person: recipients never see each other's addresses.
    failed = 0
    for address in addresses:
        try:
            EmailMessage(subject=subject, body=body, to=[address]).send()
        except (OSError, smtplib.SMTPException):
            failed += 1
    if failed:
        logger.warning(
            "referral %s: %d of %d notification mails could not be sent",
            referral.public_id,
            failed,
            len(addresses),
        )


def provider_staff(referral: Referral) -> list[User]:
    return list(
        User.objects.filter(
            memberships__organisation_id=referral.provider_id,
            memberships__role=Role.PROVIDER_STAFF,
        ).distinct()
    )


def notify_provider(referral: Referral) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("infohub: a referral needs your attention")
        body = _(
            "A referral to your organisation was sent or changed. Sign in to see it:\n%(link)s"
        ) % {"link": referral_link(referral)}
    _mail(referral, provider_staff(referral), subject, body)


def notify_hub(referral: Referral) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("infohub: a referral changed")
        body = _("A referral your hub sent changed status. Sign in to see it:\n%(link)s") % {
            "link": referral_link(referral)
        }
    _mail(referral, [referral.created_by], subject, body)
