"""Referral writes: send with consent, move along the lifecycle, withdraw when consent ends.

Each write records a ``ReferralEvent`` and an audit row in one transaction; mail goes
after the commit and holds no personal value.
"""

from functools import partial

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from infohub.accounts.models import Organisation, User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.counselling import services as counselling_services
from infohub.counselling.access import is_dpo_for, person_list_visible
from infohub.counselling.errors import CounsellingError
from infohub.counselling.models import (
    Consent,
    ConsentPurpose,
    Consultation,
    Person,
)
from infohub.counselling.notice import CURRENT_NOTICE_VERSION
from infohub.counselling.services import ConsentInput, consent_give
from infohub.directory.models import ProviderLink, ServiceAtLocation
from infohub.referrals.access import referral_side
from infohub.referrals.errors import ReferralError, ReferralTransitionError
from infohub.referrals.models import (
    Referral,
    ReferralEvent,
    ReferralStatus,
    SharedField,
    SharingAgreement,
)
from infohub.referrals.notifications import notify_hub, notify_provider
from infohub.referrals.schemas import shared_fields
from infohub.referrals.workflow import NEEDS_REASON, PENDING, PROVIDER, side_allowed


def provider_of(service_at_location: ServiceAtLocation) -> Organisation:
    link = ProviderLink.objects.filter(
        organization_id=service_at_location.service.organization_id
    ).first()
    if link is None:
        raise ReferralError(_("This service's organisation does not receive referrals here."))
    return link.organisation


def referral_consent(person: Person, provider: Organisation) -> Consent | None:
    """The person's active consent to a referral to this provider, or an unused override.

    A data protection officer's override allows one referral: once a referral relies on
    it, it allows no other.
    """
    return (
        Consent.objects.filter(
            person=person, purpose=ConsentPurpose.REFERRAL, provider=provider, withdrawn_at=None
        )
        .filter(Q(override_reason="") | Q(referrals__isnull=True))
        .order_by("-given_at")
        .first()
    )


def _referral_consent_locked(person: Person, provider: Organisation) -> Consent | None:
    """``referral_consent``, read under the locks that ``consent_withdraw`` takes too.

    Without them a withdrawal committing between the check and the insert would leave a
    referral resting on an ended consent, which the withdrawal never saw to withdraw.
    Locking the person's active referral consents for this provider makes the two wait
    for each other; the second reads what the first committed.
    """
    active = Consent.objects.select_for_update().filter(
        person=person, purpose=ConsentPurpose.REFERRAL, provider=provider, withdrawn_at=None
    )
    list(active.only("pk"))
    # Read again after the locks: a withdrawal or a referral using a one-time override
    # that committed while this transaction waited is seen now.
    return referral_consent(person, provider)


def referral_create(
    *,
    user: User,
    person: Person,
    service_at_location: ServiceAtLocation,
    consultation: Consultation | None = None,
) -> Referral:
    """Refer a person the user keeps a case for, with their consent for that provider."""
    if not person_list_visible(user=user).filter(pk=person.pk).exists():
        raise ReferralError(_("You cannot refer this person."))
    if consultation is not None and consultation.person_id != person.pk:
        raise ReferralError(_("The consultation is not this person's."))
    provider = provider_of(service_at_location)
    with transaction.atomic():
        consent = _referral_consent_locked(person, provider)
        if consent is None:
            raise ReferralError(
                _(
                    "The person has not consented to a referral to this provider. "
                    "Record the consent first."
                )
            )
        referral = Referral.objects.create(
            hub=person.hub,
            person=person,
            consultation=consultation,
            service_at_location=service_at_location,
            provider=provider,
            consent=consent,
            created_by=user,
        )
        ReferralEvent.objects.create(referral=referral, to_status=ReferralStatus.SENT, actor=user)
        overridden = consent.is_override
        action = AuditAction.REFERRAL_OVERRIDE if overridden else AuditAction.REFERRAL_CREATE
        audit_record(actor=user, action=action, target=referral)
        transaction.on_commit(lambda: notify_provider(referral))
    return referral


def referral_override_grant(
    *, user: User, person: Person, provider: Organisation, reason: str
) -> Consent:
    """A data protection officer allows a referral to a provider without consent, saying why."""
    if not is_dpo_for(user, person):
        raise ReferralError(_("Only the data protection officer can allow this."))
    if len(reason.strip()) < 20:
        raise ReferralError(_("Write the reason for the override (at least 20 characters)."))
    with transaction.atomic():
        override = Consent.objects.create(
            person=person,
            purpose=ConsentPurpose.REFERRAL,
            provider=provider,
            override_reason=reason.strip(),
            recorded_by=user,
        )
        audit_record(actor=user, action=AuditAction.REFERRAL_OVERRIDE, target=override)
    return override


def _move(referral: Referral, to: str, actor: User | None, reason: str) -> None:
    ReferralEvent.objects.create(
        referral=referral, from_status=referral.status, to_status=to, actor=actor, reason=reason
    )
    referral.status = to
    referral.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action=AuditAction.REFERRAL_TRANSITION, target=referral)


def referral_transition(*, user: User, referral: Referral, to: str, reason: str = "") -> Referral:
    """Move a referral one step; only the side the lifecycle names may take it."""
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        side = referral_side(user=user, referral=referral)
        if side is None or side_allowed(referral.status, to) != side:
            raise ReferralTransitionError(
                _("A referral cannot go from %(current)s to %(target)s here.")
                % {"current": referral.get_status_display(), "target": to}
            )
        if to in NEEDS_REASON and not reason.strip():
            raise ReferralTransitionError(_("Give the reason or the outcome."))
        _move(referral, to, user, reason.strip())
        notify = notify_hub if side == PROVIDER else notify_provider
        transaction.on_commit(lambda: notify(referral))
    return referral


def referral_create_with_consent(
    *,
    user: User,
    person: Person,
    service_at_location: ServiceAtLocation,
    consultation: Consultation | None = None,
    notice_language: str | None = None,
) -> Referral:
    """Send a referral, first recording the person's consent when none is on file.

    ``notice_language`` says the person was just read the current notice in that
    language and agreed; without it, a referral with no consent on file is refused.
    Both writes commit together or not at all.
    """
    provider = provider_of(service_at_location)
    with transaction.atomic():
        if referral_consent(person, provider) is None and notice_language:
            notice = ConsentInput(
                purpose=ConsentPurpose.REFERRAL,
                notice_version=CURRENT_NOTICE_VERSION,
                notice_language=notice_language,
                provider=provider,
            )
            try:
                consent_give(user=user, person=person, data=notice)
            except CounsellingError as error:
                raise ReferralError(str(error)) from None
        return referral_create(
            user=user,
            person=person,
            service_at_location=service_at_location,
            consultation=consultation,
        )


def sharing_agreement_set(
    *, provider: Organisation, fields: list[str], reference: str, actor: User | None
) -> SharingAgreement:
    """Create or replace the fields a provider receives; unchanged agreements write nothing."""
    unknown = set(fields) - set(SharedField.values)
    if unknown:
        raise ReferralError(_("Unknown shared field."))
    ordered = shared_fields([f for f in SharedField.values if f in fields])
    with transaction.atomic():
        agreement = SharingAgreement.objects.filter(provider=provider).first()
        if agreement and agreement.fields == ordered and agreement.reference == reference:
            return agreement
        action = AuditAction.SHARING_AGREEMENT_UPDATE
        if agreement is None:
            agreement = SharingAgreement(provider=provider)
            action = AuditAction.SHARING_AGREEMENT_CREATE
        agreement.fields, agreement.reference = ordered, reference
        agreement.save()
        audit_record(actor=actor, action=action, target=agreement)
    return agreement


def _notify_providers(referrals: list[Referral]) -> None:
    for referral in referrals:
        notify_provider(referral)


def referrals_withdraw_for_consent(*, consent: Consent, actor: User | None) -> int:
    """Withdraw the pending referrals that rely on a consent that has ended; tell providers."""
    pending = list(Referral.objects.select_for_update().filter(consent=consent, status__in=PENDING))
    for referral in pending:
        _move(referral, ReferralStatus.WITHDRAWN, actor, _("The person withdrew their consent."))
    transaction.on_commit(partial(_notify_providers, pending))
    return len(pending)


def consent_withdraw(*, user: User, consent: Consent) -> int:
    """Withdraw a consent through counselling, refusing with a referral error here.

    Counselling owns the write and calls ``referrals_withdraw_for_consent`` through its
    consent hooks; callers on the referral side expect a ``ReferralError``.
    """
    try:
        return counselling_services.consent_withdraw(user=user, consent=consent)
    except CounsellingError as error:
        raise ReferralError(str(error)) from None
