"""Signed verification links and the mail that carries them.

A link names one VerificationRequest by its random public id and its service's HSDS id,
signed with the site's secret key and a salt of its own, with the time it was made. It
carries nothing personal. It is refused when the signature is wrong, when it is older
than INFOHUB_LISTING_VERIFY_LINK_DAYS, when it has been used, and when its service is no
longer published.
"""

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from infohub.directory.errors import GoneVerificationLinkError, InvalidVerificationLinkError
from infohub.directory.models import ListingStatus, Service, VerificationRequest
from infohub.directory.selectors import text_for

SALT = "infohub.directory.listing-verification"
LINK_DAYS_DEFAULT = 30


def link_days() -> int:
    return int(getattr(settings, "INFOHUB_LISTING_VERIFY_LINK_DAYS", LINK_DAYS_DEFAULT))


def verification_token(request: VerificationRequest) -> str:
    payload = {"r": request.public_id.hex, "s": request.service_id.hex}
    return signing.dumps(payload, salt=SALT)


def _payload_ids(payload: Any) -> tuple[uuid.UUID, uuid.UUID]:
    if not isinstance(payload, dict) or set(payload) != {"r", "s"}:
        raise ValueError("unexpected payload")
    return uuid.UUID(hex=str(payload["r"])), uuid.UUID(hex=str(payload["s"]))


def verification_request_from_token(token: str) -> VerificationRequest:
    """The unused request a token names, or a VerificationLinkError saying why not."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=dt.timedelta(days=link_days()))
        request_id, service_id = _payload_ids(payload)
    except signing.SignatureExpired:
        raise GoneVerificationLinkError(
            _("This link has expired. The hub will send a new one.")
        ) from None
    except (signing.BadSignature, ValueError):
        raise InvalidVerificationLinkError(
            _("This link is not valid. Check that you copied all of it.")
        ) from None
    request = (
        VerificationRequest.objects.select_related("service", "service__organization")
        .filter(public_id=request_id, service_id=service_id, sent_at__isnull=False)
        .first()
    )
    if request is None:
        raise InvalidVerificationLinkError(
            _("This link is not valid. Check that you copied all of it.")
        )
    if request.used_at is not None:
        raise GoneVerificationLinkError(_("This link was already used. Thank you."))
    if request.service.listing_status != ListingStatus.PUBLISHED:
        raise GoneVerificationLinkError(_("This listing is no longer published."))
    return request


def listing_language(service: Service) -> str:
    """The language to write to a listing's contact in: the listing's own, if we have it."""
    codes = {code for code, _name in settings.LANGUAGES}
    return service.source_language if service.source_language in codes else settings.LANGUAGE_CODE


def verification_link(request: VerificationRequest, *, base_url: str) -> str:
    with translation.override(listing_language(request.service)):
        path = reverse("listings:verify", kwargs={"token": verification_token(request)})
    return base_url.rstrip("/") + path


def verification_mail(request: VerificationRequest, *, to: str, base_url: str) -> EmailMessage:
    """The mail to the listing's contact: the listing's name and the link, nothing else."""
    service = request.service
    lang = listing_language(service)
    link = verification_link(request, base_url=base_url)
    with translation.override(lang):
        name = text_for(record=service, field="name", lang=lang).text
        days = link_days()
        subject = _("Please check your listing: %(name)s") % {"name": name}
        body = "\n\n".join(
            [
                _("Hello,"),
                _(
                    "We list the service “%(name)s” in our directory for migrants. "
                    "Please check that what we publish about it is still correct:"
                )
                % {"name": name},
                link,
                _(
                    "On that page you can confirm that everything is correct, or propose "
                    "changes. You do not need an account."
                )
                + " "
                + ngettext(
                    "The link works once, for %(days)d day.",
                    "The link works once, for %(days)d days.",
                    days,
                )
                % {"days": days},
                _("If this message did not reach the right person, you can ignore it."),
                "infohub",
            ]
        )
    # Subjects are one line; a name with a line break must not add headers.
    subject = " ".join(subject.split())
    return EmailMessage(
        subject=subject,
        body=body + "\n",
        to=[to],
        headers={"Auto-Submitted": "auto-generated", "Content-Language": lang},
    )
