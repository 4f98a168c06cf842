"""Writes that keep listings fresh: provider links, verification links, proposed changes
and their review, anonymous feedback and its moderation.

Each function validates, writes and records its audit row in one transaction; the
verification mail leaves after the commit. Anonymous feedback is not audited (see
``service_feedback_submit``). Audit rows name objects by public id only: no address,
name or text of a proposal or a comment is ever logged or audited.
"""

import datetime as dt
import logging
import smtplib
import uuid

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from infohub.accounts.models import Organisation, User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.directory.errors import (
    DirectoryError,
    FeedbackLimitError,
    GoneVerificationLinkError,
    ProposalError,
)
from infohub.directory.listings.proposals import (
    TEXT_FIELDS,
    ProposedChanges,
    only_changes,
    parse_changes,
)
from infohub.directory.listings.selectors import (
    listing_current_values,
    service_own_languages,
    service_own_phones,
    service_own_schedule,
)
from infohub.directory.listings.verification import verification_mail
from infohub.directory.models import (
    DirectoryTranslation,
    Language,
    ListingChangeProposal,
    ModerationStatus,
    Organization,
    Phone,
    ProposalSource,
    ProviderLink,
    Schedule,
    Service,
    ServiceFeedback,
    VerificationRequest,
)
from infohub.directory.searching import service_search_changes_record

logger = logging.getLogger(__name__)

FEEDBACK_KEY_SALT = "infohub.directory.feedback-client"
FEEDBACK_DAILY_LIMIT_DEFAULT = 3


def provider_link_set(
    *, organization: Organization, organisation: Organisation, actor: User | None
) -> ProviderLink:
    """Say which provider organisation runs a directory organization; its staff may then
    propose changes to its services."""
    with transaction.atomic():
        link = ProviderLink.objects.filter(organization=organization).first()
        if link is None:
            link = ProviderLink.objects.create(organization=organization, organisation=organisation)
            audit_record(actor=actor, action=AuditAction.PROVIDER_LINK_CREATE, target=link)
        elif link.organisation_id != organisation.pk:
            link.organisation = organisation
            link.save(update_fields=["organisation"])
            audit_record(actor=actor, action=AuditAction.PROVIDER_LINK_UPDATE, target=link)
    return link


def verification_request_send(*, service: Service, to: str, base_url: str) -> VerificationRequest:
    """Record a verification request, then mail its link to ``to`` once it is committed.

    Call it outside any transaction (as ``request_verifications`` does): the request and
    its audit row commit first, so a link never leaves for a request that does not
    exist. ``sent_at`` is set when the mail has left; a failed mail leaves it empty,
    its link never works, and the next run tries again. The address is never logged.
    """
    with transaction.atomic():
        request = VerificationRequest.objects.create(service=service)
        audit_record(actor=None, action=AuditAction.LISTING_VERIFICATION_REQUEST, target=service)
    try:
        verification_mail(request, to=to, base_url=base_url).send()
    except (OSError, smtplib.SMTPException) as error:
        logger.warning(
            "Verification mail for request %s not sent: %s", request.public_id, type(error).__name__
        )
        return request
    request.sent_at = timezone.now()
    VerificationRequest.objects.filter(pk=request.pk).update(sent_at=request.sent_at)
    return request


def _verification_request_claim(request: VerificationRequest) -> None:
    """Mark a link used, once: a second use, even a concurrent one, is refused."""
    claimed = VerificationRequest.objects.filter(pk=request.pk, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    if not claimed:
        raise GoneVerificationLinkError(_("This link was already used. Thank you."))


def listing_verify(*, request: VerificationRequest) -> Service:
    """The contact says everything is correct: the listing is verified today."""
    service = request.service
    with transaction.atomic():
        _verification_request_claim(request)
        service.last_verified = timezone.localdate()
        service.save(update_fields=["last_verified"])
        audit_record(actor=None, action=AuditAction.LISTING_VERIFY, target=service)
    return service


def listing_change_propose(
    *,
    service: Service,
    changes: ProposedChanges,
    lang: str,
    actor: User | None = None,
    request: VerificationRequest | None = None,
) -> ListingChangeProposal:
    """Queue changes for an editor; fields whose value is the current one are left out.

    A proposal comes either from a verification link (``request``, which is used up)
    or from a provider staff member (``actor``), never from both.
    """
    if (actor is None) == (request is None):
        raise ValueError("a proposal comes from a verification link or from a staff member")
    if lang not in settings.INFOHUB_CONTENT_LANGUAGES:
        raise ProposalError(_("This language is not offered."))
    changed = only_changes(
        proposed=changes, current=listing_current_values(service=service, lang=lang)
    )
    if not changed.as_json():
        raise ProposalError(
            _("Nothing was changed. If everything is correct, say so with the button above.")
            if request
            else _("Nothing was changed.")
        )
    with transaction.atomic():
        if request is not None:
            _verification_request_claim(request)
        proposal = ListingChangeProposal.objects.create(
            service=service,
            changes=changed.as_json(),
            lang=lang,
            source=ProposalSource.VERIFICATION_LINK if request else ProposalSource.PROVIDER_STAFF,
            verification_request=request,
            proposed_by=actor,
        )
        audit_record(actor=actor, action=AuditAction.LISTING_CHANGE_PROPOSE, target=proposal)
    return proposal


def _review_claim(
    model: type[ListingChangeProposal] | type[ServiceFeedback],
    pk: int,
    *,
    status: ModerationStatus,
    reviewer: User,
    allowed_from: tuple[ModerationStatus, ...],
) -> bool:
    """Set a reviewed status if the row is still in an allowed one; False if it was not."""
    return bool(
        model._default_manager.filter(pk=pk, status__in=allowed_from).update(
            status=status, reviewed_by=reviewer, reviewed_at=timezone.now()
        )
    )


def listing_change_approve(*, proposal: ListingChangeProposal, reviewer: User) -> Service:
    """Apply a pending proposal's whitelisted changes to its service, verified today."""
    with transaction.atomic():
        claimed = _review_claim(
            ListingChangeProposal,
            proposal.pk,
            status=ModerationStatus.APPROVED,
            reviewer=reviewer,
            allowed_from=(ModerationStatus.PENDING,),
        )
        if not claimed:
            raise ProposalError(_("This proposal was already reviewed."))
        proposal.refresh_from_db()
        service = Service.objects.get(pk=proposal.service_id)
        _listing_changes_apply(
            service=service, changes=parse_changes(proposal.changes), lang=proposal.lang
        )
        audit_record(actor=reviewer, action=AuditAction.LISTING_CHANGE_APPROVE, target=proposal)
        service_search_changes_record([service.id])
    return service


def listing_change_reject(*, proposal: ListingChangeProposal, reviewer: User) -> None:
    with transaction.atomic():
        claimed = _review_claim(
            ListingChangeProposal,
            proposal.pk,
            status=ModerationStatus.REJECTED,
            reviewer=reviewer,
            allowed_from=(ModerationStatus.PENDING,),
        )
        if not claimed:
            raise ProposalError(_("This proposal was already reviewed."))
        proposal.refresh_from_db()
        audit_record(actor=reviewer, action=AuditAction.LISTING_CHANGE_REJECT, target=proposal)


def _listing_changes_apply(*, service: Service, changes: ProposedChanges, lang: str) -> None:
    update_fields = {"last_modified", "last_verified"}
    for field in TEXT_FIELDS:
        value = getattr(changes, field)
        if value is None:
            continue
        if lang == service.source_language:
            setattr(service, field, value)
            update_fields.add(field)
        else:
            _translation_set(
                table="service", record_id=service.id, field=field, lang=lang, text=value
            )
    for field in ("email", "url"):
        value = getattr(changes, field)
        if value is not None:
            setattr(service, field, value)
            update_fields.add(field)
    if changes.phones is not None:
        _service_phones_set(service, changes.phones)
    if changes.languages is not None:
        _service_languages_set(service, changes.languages)
    if changes.schedule is not None:
        _service_hours_set(service, changes.schedule, lang)
    service.last_modified = timezone.now()
    service.last_verified = timezone.localdate()
    service.save(update_fields=sorted(update_fields))


def _translation_set(*, table: str, record_id: uuid.UUID, field: str, lang: str, text: str) -> None:
    """An empty text removes the translation, so readers fall back along the chain."""
    rows = DirectoryTranslation.objects.filter(
        table=table, record_id=record_id, field=field, lang=lang
    )
    if not text:
        rows.delete()
    elif not rows.update(text=text):
        DirectoryTranslation.objects.create(
            table=table, record_id=record_id, field=field, lang=lang, text=text
        )


def _service_phones_set(service: Service, numbers: list[str]) -> None:
    own = service_own_phones(service)
    own.exclude(number__in=numbers).delete()
    present = set(own.values_list("number", flat=True))
    Phone.objects.bulk_create(
        Phone(service=service, number=n, source_language=service.source_language)
        for n in numbers
        if n not in present
    )


def _service_languages_set(service: Service, codes: list[str]) -> None:
    own = service_own_languages(service)
    for language in own:
        if language.code.lower() not in codes:
            language.delete()
    present = {code.lower() for code in own.values_list("code", flat=True)}
    Language.objects.bulk_create(
        Language(
            service=service,
            code=code,
            name=str(LANG_INFO.get(code, {}).get("name", code)),
            source_language=service.source_language,
        )
        for code in codes
        if code not in present
    )


def _service_hours_set(service: Service, text: str, lang: str) -> None:
    schedule = service_own_schedule(service)
    if schedule is None:
        if not text:
            return
        schedule = Schedule.objects.create(service=service, source_language=service.source_language)
    if lang == schedule.source_language:
        schedule.description = text
        schedule.save(update_fields=["description"])
    else:
        _translation_set(
            table="schedule", record_id=schedule.id, field="description", lang=lang, text=text
        )


def feedback_client_key(*, service: Service, client_ip: str | None, day: dt.date) -> str:
    """A keyed hash of the day, the service and the client's address; never the address."""
    value = f"{day.isoformat()}|{service.id}|{client_ip or '-'}"
    return salted_hmac(FEEDBACK_KEY_SALT, value, algorithm="sha256").hexdigest()


def feedback_daily_limit() -> int:
    return int(getattr(settings, "INFOHUB_FEEDBACK_DAILY_LIMIT", FEEDBACK_DAILY_LIMIT_DEFAULT))


def service_feedback_submit(
    *, service: Service, rating: int, comment: str, lang: str, client_ip: str | None
) -> ServiceFeedback:
    """Store anonymous feedback for moderation, at most a few per client, service and day.

    Not audited: the audit log records staff changes with the client's address, and
    feedback must not keep any address.
    """
    if not 1 <= rating <= 5:
        raise DirectoryError(_("Choose a rating from 1 to 5."))
    key = feedback_client_key(service=service, client_ip=client_ip, day=timezone.localdate())
    with transaction.atomic():
        given = ServiceFeedback.objects.filter(service=service, client_key=key).count()
        if given >= feedback_daily_limit():
            raise FeedbackLimitError(
                _("You have already sent feedback on this service today. Thank you.")
            )
        return ServiceFeedback.objects.create(
            service=service,
            rating=rating,
            comment=comment.strip()[:1000],
            lang=lang,
            client_key=key,
        )


def service_feedback_moderate(
    *, feedback: ServiceFeedback, status: ModerationStatus, reviewer: User
) -> bool:
    """Approve or reject feedback; a decision may be reversed. False if nothing changed."""
    if status == ModerationStatus.PENDING:
        raise ValueError("feedback is approved or rejected")
    others = tuple(s for s in ModerationStatus if s != status)
    action = (
        AuditAction.FEEDBACK_APPROVE
        if status == ModerationStatus.APPROVED
        else AuditAction.FEEDBACK_REJECT
    )
    with transaction.atomic():
        if not _review_claim(
            ServiceFeedback, feedback.pk, status=status, reviewer=reviewer, allowed_from=others
        ):
            return False
        feedback.refresh_from_db()
        audit_record(actor=reviewer, action=action, target=feedback)
    return True
