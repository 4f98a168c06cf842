"""Data-subject rights on a person record: export, rectify, erase. Each audited.

The counselling section is registered here (``register_sections``, from
``PrivacyConfig.ready()``); other apps register theirs. An export walks every section; an
erasure runs every section's erase in one transaction, the other apps' first, then
counselling (its consents are what other apps' rows point to), and deletes the person row
last. Audit rows name the person by its random public id only, and errors never hold a
personal value."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from infohub.accounts.models import User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.counselling.models import (
    Consent,
    Consultation,
    HouseholdMember,
    IdentityDocument,
    Person,
)
from infohub.counselling.services import phone_hash
from infohub.privacy.access import may_erase, may_handle
from infohub.privacy.errors import PrivacyError
from infohub.privacy.registry import SubjectDataSection, register, sections

# Erased after every other section; the person row goes after it.
COUNSELLING = "counselling"

# Fields a rectification may change; given names cannot be emptied.
RECTIFIABLE = ("given_names", "family_names", "date_of_birth", "nationality", "phone", "address")


def _when(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- The counselling section ----------------------------------------------------------


def counselling_export(person: Person) -> dict[str, Any]:
    """The record with its personal fields decrypted, documents, household, consents, and
    the non-personal fields of the person's consultations."""
    consultations = (
        Consultation.objects.filter(person=person)
        .select_related("hub")
        .prefetch_related("topics", "articles", "pathways")
        .order_by("date", "created_at")
    )
    return {
        "person": {
            "public_id": str(person.public_id),
            "case_code": person.case_code,
            "hub": person.hub.name,
            "legal_basis": person.legal_basis,
            "given_names": person.given_names,
            "family_names": person.family_names,
            "date_of_birth": person.date_of_birth,
            "nationality": person.nationality,
            "phone": person.phone,
            "address": person.address,
            "created_at": _when(person.created_at),
            "updated_at": _when(person.updated_at),
        },
        "identity_documents": [
            {"kind": d.kind, "issuing_country": d.issuing_country, "number": d.number}
            for d in IdentityDocument.objects.filter(person=person).order_by("pk")
        ],
        "household": [
            {"relation": m.relation, "name": m.name, "year_of_birth": m.birth_year}
            for m in HouseholdMember.objects.filter(person=person).order_by("pk")
        ],
        "consents": [
            {
                "purpose": c.purpose,
                "provider": c.provider.name if c.provider else None,
                "notice_version": c.notice_version,
                "notice_language": c.notice_language,
                "given_at": _when(c.given_at),
                "withdrawn_at": _when(c.withdrawn_at),
                # A data protection officer's reason for a referral without consent.
                "override_reason": c.override_reason,
            }
            for c in Consent.objects.filter(person=person)
            .select_related("provider")
            .order_by("given_at", "pk")
        ],
        "consultations": [
            {
                "date": _when(c.date),
                "hub": c.hub.name,
                "channel": c.channel,
                "migrant_status": c.migrant_status,
                "nationality": c.nationality,
                "sex": c.sex,
                "age_group": c.age_group,
                "languages": list(c.languages),
                "topics": sorted(t.slug for t in c.topics.all()),
                "articles": sorted(a.slug for a in c.articles.all()),
                "pathways": sorted(p.slug for p in c.pathways.all()),
                "outcome": c.outcome,
            }
            for c in consultations
        ],
    }


def counselling_erase(person: Person) -> int:
    """Delete consents, documents and household; keep consultations as anonymous counts."""
    removed = Consent.objects.filter(person=person).delete()[0]
    removed += IdentityDocument.objects.filter(person=person).delete()[0]
    removed += HouseholdMember.objects.filter(person=person).delete()[0]
    removed += Consultation.objects.filter(person=person).update(person=None)
    return removed


def counselling_summary(person: Person) -> list[str]:
    """What the data protection officer's page lists about the record itself."""
    documents, household = person.documents.count(), person.household.count()
    consents, consultations = person.consents.count(), person.consultations.count()
    return [
        ngettext("%(n)s identity document", "%(n)s identity documents", documents)
        % {"n": documents},
        ngettext("%(n)s household member", "%(n)s household members", household) % {"n": household},
        ngettext("%(n)s consent", "%(n)s consents", consents) % {"n": consents},
        ngettext("%(n)s consultation", "%(n)s consultations", consultations) % {"n": consultations},
    ]


def register_sections() -> None:
    register(
        SubjectDataSection(
            COUNSELLING,
            counselling_export,
            counselling_erase,
            models=(Person, IdentityDocument, HouseholdMember, Consent, Consultation),
            summary=counselling_summary,
        )
    )


# --- Data-subject requests ------------------------------------------------------------


def person_export(*, user: User, person: Person) -> dict[str, Any]:
    """Everything every registered section holds about the person, decrypted; audited."""
    if not may_handle(user, person):
        raise PrivacyError(_("You cannot handle this person's requests."))
    with transaction.atomic():
        export = {section.name: section.export(person) for section in sections()}
        audit_record(actor=user, action=AuditAction.PERSON_EXPORT, target=person)
    return export


def _clean(field: str, value: str | dt.date) -> str:
    if isinstance(value, dt.date):
        value = value.isoformat()
    value = value.strip()
    if field == "given_names" and not value:
        raise PrivacyError(_("given names: required."))
    if field == "date_of_birth" and value:
        try:
            born = dt.date.fromisoformat(value)
        except ValueError:
            raise PrivacyError(_("date of birth: not a date (YYYY-MM-DD).")) from None
        if born > timezone.localdate():
            raise PrivacyError(_("date of birth: cannot be in the future."))
        value = born.isoformat()
    if field == "nationality":
        value = value.upper()
        if value and value not in countries:
            raise PrivacyError(_("nationality: not a country code."))
    return value


def person_rectify(
    *, user: User, person: Person, changes: Mapping[str, str | dt.date]
) -> list[str]:
    """Correct personal fields ("" clears an optional one); returns the changed fields' names.

    A changed phone gets its keyed hash again, so duplicates are still found by it.
    """
    if not may_handle(user, person):
        raise PrivacyError(_("You cannot handle this person's requests."))
    unknown = set(changes) - set(RECTIFIABLE)
    if unknown:
        raise PrivacyError(
            _("These fields cannot be changed here: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))}
        )
    cleaned = {field: _clean(field, value) for field, value in changes.items()}
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        changed = [f for f in RECTIFIABLE if f in cleaned and getattr(locked, f) != cleaned[f]]
        if not changed:
            return []
        for field in changed:
            setattr(locked, field, cleaned[field])
        fields = [*changed, "updated_at"]
        if "phone" in changed:
            locked.phone_hash = phone_hash(cleaned["phone"])
            fields.append("phone_hash")
        locked.save(update_fields=fields)
        audit_record(actor=user, action=AuditAction.PERSON_UPDATE, target=locked)
    for field in fields:
        setattr(person, field, getattr(locked, field))
    return changed


def _erase_order() -> list[SubjectDataSection]:
    registered = sections()
    return [s for s in registered if s.name != COUNSELLING] + [
        s for s in registered if s.name == COUNSELLING
    ]


def person_erase_unchecked(*, actor: User | None, person: Person) -> dict[str, int]:
    """Erase without asking who may: for the data protection officer's request (after the
    check in ``person_erase``) and for retention (``actor`` None).

    Returns the rows removed or anonymised per section, and ``person`` 1.
    """
    with transaction.atomic():
        locked = Person.objects.select_for_update().filter(pk=person.pk).first()
        if locked is None:
            raise PrivacyError(_("This person record no longer exists."))
        counts = {section.name: section.erase(locked) for section in _erase_order()}
        # The row holds the random public id only; it is written before the person goes.
        audit_record(actor=actor, action=AuditAction.PERSON_ERASE, target=locked)
        locked.delete()
        counts["person"] = 1
    return counts


def person_erase(*, user: User, person: Person) -> dict[str, int]:
    """The data protection officer erases a person record and everything tied to it.

    Consultations stay as anonymous counts and referrals as anonymous rows with their
    status, without their history; nothing personal remains.
    """
    if not may_erase(user, person):
        raise PrivacyError(_("Only the data protection officer can erase a person record."))
    return person_erase_unchecked(actor=user, person=person)
