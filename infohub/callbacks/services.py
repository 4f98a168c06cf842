"""Writes for callback requests, each audited in its transaction.

Names and phones never reach an audit row, a log line or an error message: rows name
the request by its public id, and errors say what is wrong, not what was written.
Messages are in the active language, which is the reader's in a request.

Retention: callback requests are personal data but not part of a person record, so
they are not a data-subject section (``infohub.privacy.registry``). They are removed
by ``callback_erase_older_than``, which a scheduled command is meant to call.
"""

import datetime as dt
import re
import unicodedata
import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from infohub.accounts.models import Hub, User
from infohub.articles.models import Topic
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.callbacks.access import callback_list_workable, referral_hubs_of
from infohub.callbacks.errors import CallbackError, CallbackLimitError
from infohub.callbacks.models import (
    CallbackDailyCount,
    CallbackRequest,
    CallbackSource,
    CallbackStatus,
)
from infohub.core.request_context import RequestContext, bound_context
from infohub.counselling.services import phone_hash
from infohub.protection.hashing import keyed_hash

NAME_MAX_LENGTH = 100
PHONE_MAX_LENGTH = 40
CLIENT_KEY_PURPOSE = "callback-client"

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PHONE = re.compile(r"\(?\+?[0-9 ().\-/]+")


def callback_daily_limit() -> int:
    """Portal requests one client address may send per day (``INFOHUB_CALLBACK_DAILY_LIMIT``)."""
    return int(settings.INFOHUB_CALLBACK_DAILY_LIMIT)


def call_within_working_days() -> int:
    """What the thank-you page promises (``INFOHUB_CALLBACK_WITHIN_DAYS``)."""
    return int(settings.INFOHUB_CALLBACK_WITHIN_DAYS)


def callback_client_key(*, client_ip: str | None, day: dt.date) -> str:
    """A keyed hash of the day and the client's address; never the address."""
    return keyed_hash(f"{day.isoformat()}|{client_ip or '-'}", purpose=CLIENT_KEY_PURPOSE)


def _clean_name(value: str) -> str:
    name = " ".join(_CONTROL.sub(" ", unicodedata.normalize("NFC", value)).split())
    if not name:
        raise CallbackError(_("Write a name or a nickname."), field="name_or_alias")
    if len(name) > NAME_MAX_LENGTH:
        raise CallbackError(
            _("Use at most %(count)s characters.") % {"count": NAME_MAX_LENGTH},
            field="name_or_alias",
        )
    return name


def _clean_phone(value: str) -> str:
    """The number as written, with full-width digits made ASCII and spaces collapsed."""
    phone = " ".join(unicodedata.normalize("NFKC", value).split())
    digits = sum(ch in "0123456789" for ch in phone)
    if len(phone) > PHONE_MAX_LENGTH or not _PHONE.fullmatch(phone) or not 7 <= digits <= 15:
        raise CallbackError(
            _("Write a phone number of 7 to 15 digits."),
            field="phone",
        )
    return phone


def _hash_phone(phone: str) -> str:
    # Parentheses are dropped so that "(809) 555-0100" and "809 555 0100" match.
    return phone_hash(phone.replace("(", "").replace(")", ""))


def _check_language(language: str) -> str:
    if language not in settings.INFOHUB_CONTENT_LANGUAGES:
        raise CallbackError(_("This language is not offered."), field="language")
    return language


def callback_request(
    *,
    hub: Hub,
    name_or_alias: str,
    phone: str,
    language: str,
    topic: Topic | None,
    client_ip: str | None,
) -> CallbackRequest:
    """A request from the public portal, queued in ``hub``.

    At most ``callback_daily_limit()`` per client address and day, counted by a keyed
    hash that is not linked to the request. A second open request for the same phone in
    the same hub is not queued twice: the open one is returned. The audit row has no
    actor and, unlike staff actions, no address, so the log does not tie the person to
    where they were.
    """
    name = _clean_name(name_or_alias)
    number = _clean_phone(phone)
    language = _check_language(language)
    number_hash = _hash_phone(number)
    waiting = CallbackRequest.objects.filter(
        hub=hub, phone_hash=number_hash, status=CallbackStatus.OPEN
    ).first()
    if waiting is not None:
        return waiting
    today = timezone.localdate()
    key = callback_client_key(client_ip=client_ip, day=today)
    with transaction.atomic():
        CallbackDailyCount.objects.filter(day__lt=today).delete()
        CallbackDailyCount.objects.get_or_create(client_key=key, defaults={"day": today})
        counted = CallbackDailyCount.objects.filter(
            client_key=key, count__lt=callback_daily_limit()
        ).update(count=F("count") + 1)
        if not counted:
            raise CallbackLimitError(
                _("You have already asked for several calls today. Please wait for the hub's call.")
            )
        callback = CallbackRequest.objects.create(
            hub=hub,
            name_or_alias=name,
            phone=number,
            phone_hash=number_hash,
            language=language,
            topic=topic,
            source=CallbackSource.PORTAL,
        )
        # Neither the address nor the request id: the id would join the row to the proxy's
        # access log, which holds the address. A fresh, unrelated id keeps rows unique.
        anonymous = RequestContext(request_id=f"portal:{uuid.uuid4().hex}", ip=None)
        with bound_context(anonymous):
            audit_record(actor=None, action=AuditAction.CALLBACK_REQUEST, target=callback)
    return callback


def callback_refer(
    *,
    advisor: User,
    hub: Hub,
    name_or_alias: str,
    phone: str,
    language: str,
    topic: Topic | None,
    person_agreed: bool,
) -> CallbackRequest:
    """A community advisor refers a person, who agreed to be called, to one of their hubs."""
    if not referral_hubs_of(user=advisor).filter(pk=hub.pk).exists():
        raise CallbackError(_("You cannot refer people to this hub."), field="hub")
    name = _clean_name(name_or_alias)
    number = _clean_phone(phone)
    language = _check_language(language)
    if not person_agreed:
        raise CallbackError(
            _("Ask the person first: the hub calls only people who agreed."),
            field="person_agreed",
        )
    with transaction.atomic():
        callback = CallbackRequest.objects.create(
            hub=hub,
            name_or_alias=name,
            phone=number,
            phone_hash=_hash_phone(number),
            language=language,
            topic=topic,
            source=CallbackSource.ADVISOR,
            submitted_by=advisor,
        )
        audit_record(actor=advisor, action=AuditAction.CALLBACK_REQUEST, target=callback)
    return callback


def callback_update(*, user: User, request: CallbackRequest, status: str) -> CallbackRequest:
    """Set a request's status; counsellors and hub managers of its hub only.

    Any status may follow any other (a request closed by mistake can be reopened);
    setting the status it already has is refused, so two people clicking at once
    learn that someone else did it.
    """
    if status not in CallbackStatus.values:
        raise CallbackError(_("Unknown status."), field="status")
    with transaction.atomic():
        current = (
            callback_list_workable(user=user).select_for_update().filter(pk=request.pk).first()
        )
        if current is None:
            raise CallbackError(_("You cannot change requests of this hub."))
        if current.status == status:
            raise CallbackError(_("The request already has this status."), field="status")
        current.status = status
        current.closed_by = user if status == CallbackStatus.CLOSED else None
        current.save(update_fields=["status", "closed_by", "updated_at"])
        audit_record(actor=user, action=AuditAction.CALLBACK_UPDATE, target=current)
    return current


def callback_erase_older_than(days: int, *, now: dt.datetime | None = None) -> int:
    """Delete requests received more than ``days`` days ago, whatever their status.

    Each deletion is audited (``retention.enforce``, no actor) in the same transaction.
    The daily counts of earlier days go too. Returns how many requests were deleted.
    """
    if days < 0:
        raise ValueError("days must be zero or more")
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=days)
    with transaction.atomic():
        old = CallbackRequest.objects.filter(created_at__lt=cutoff)
        for callback in old.only("pk", "public_id").iterator():
            audit_record(actor=None, action=AuditAction.RETENTION_ENFORCE, target=callback)
        _, deleted = old.delete()
        CallbackDailyCount.objects.filter(day__lt=timezone.localdate(now)).delete()
    return deleted.get(CallbackRequest._meta.label, 0)
