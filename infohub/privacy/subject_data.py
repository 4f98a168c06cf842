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

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django_countries import countries

from infohub.accounts.models import User
from infohub.articles.selectors import topic_name
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
from infohub.privacy.readable import (
    Part,
    country,
    fields,
    iso_date,
    label,
    language,
    part,
    text,
)
from infohub.privacy.registry import SubjectDataSection, register, sections

# Erased after every other section; the person row goes after it.
COUNSELLING = "counselling"

REASON_REQUIRED = gettext_lazy(
    "Erasing this record drops something that still needs attention. Write why it must be "
    "erased now."
)

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
                "source": c.source,  # where it was given, e.g. "messaging"; "" if unknown
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


def _record_part(person: Person) -> Part:
    return part(
        _("Your record"),
        [
            *fields(person, "case_code"),
            (_("Hub"), person.hub.name),
            *fields(person, "legal_basis", "given_names", "family_names"),
            (label(Person, "date_of_birth"), iso_date(person.date_of_birth)),
            (label(Person, "nationality"), country(person.nationality)),
            *fields(person, "phone", "address"),
            (_("Recorded on"), person.created_at),
            (_("Last changed on"), person.updated_at),
        ],
    )


def _consent_part(consent: Consent) -> Part:
    rows = [
        *fields(consent, "purpose"),
        (_("Provider"), consent.provider.name if consent.provider else None),
        *fields(consent, "notice_version"),
        (
            label(Consent, "notice_language"),
            language(consent.notice_language) if consent.notice_language else None,
        ),
        *fields(consent, "source"),
        (_("Given on"), consent.given_at),
        (_("Withdrawn on"), consent.withdrawn_at),
    ]
    if consent.is_override:
        rows.append((label(Consent, "override_reason"), consent.override_reason))
    return part(consent.get_purpose_display(), rows)


def _consultation_part(consultation: Consultation, lang: str) -> Part:
    topics = sorted(topic_name(topic=t, lang=lang) for t in consultation.topics.all())
    return part(
        _("Consultation of %(date)s") % {"date": text(consultation.date)},
        [
            *fields(consultation, "date"),
            (_("Hub"), consultation.hub.name),
            *fields(consultation, "channel", "migrant_status"),
            (label(Consultation, "nationality"), country(consultation.nationality)),
            *fields(consultation, "sex", "age_group"),
            (label(Consultation, "languages"), [language(c) for c in consultation.languages]),
            (_("Topics"), topics),
            (_("Guides shown"), sorted(a.slug for a in consultation.articles.all())),
            (_("Pathways shown"), sorted(p.slug for p in consultation.pathways.all())),
            *fields(consultation, "outcome"),
        ],
    )


def counselling_readable(person: Person) -> list[Part]:
    """The record, its documents, household, consents and consultations, in words."""
    lang = get_language() or settings.LANGUAGE_CODE
    documents = IdentityDocument.objects.filter(person=person).order_by("pk")
    household = HouseholdMember.objects.filter(person=person).order_by("pk")
    consents = Consent.objects.filter(person=person).select_related("provider")
    consultations = (
        Consultation.objects.filter(person=person)
        .select_related("hub")
        .prefetch_related("topics", "articles", "pathways")
        .order_by("date", "created_at")
    )
    return [
        _record_part(person),
        part(
            _("Identity documents"),
            parts=[
                part(
                    d.get_kind_display(),
                    [
                        *fields(d, "kind"),
                        (label(IdentityDocument, "issuing_country"), country(d.issuing_country)),
                        *fields(d, "number"),
                    ],
                )
                for d in documents
            ],
        ),
        part(
            _("Household members"),
            parts=[
                part(m.get_relation_display(), fields(m, "relation", "name", "birth_year"))
                for m in household
            ],
        ),
        part(_("Consents"), parts=[_consent_part(c) for c in consents.order_by("given_at", "pk")]),
        part(_("Consultations"), parts=[_consultation_part(c, lang) for c in consultations]),
    ]


def register_sections() -> None:
    register(
        SubjectDataSection(
            COUNSELLING,
            counselling_export,
            counselling_erase,
            models=(Person, IdentityDocument, HouseholdMember, Consent, Consultation),
            summary=counselling_summary,
            readable=counselling_readable,
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


def person_erase_warnings(person: Person) -> list[str]:
    """What every section says erasing the person would drop that still needs attention."""
    return [
        line
        for section in sections()
        if section.erase_warnings is not None
        for line in section.erase_warnings(person)
    ]


def person_erase_unchecked(
    *, actor: User | None, person: Person, reason: str = ""
) -> dict[str, int]:
    """Erase without asking who may: for the data protection officer's request (after the
    check in ``person_erase``) and for retention (``actor`` None).

    ``reason`` goes with the audit row of the erasure. Returns the rows removed or
    anonymised per section, and ``person`` 1.
    """
    with transaction.atomic():
        locked = Person.objects.select_for_update().filter(pk=person.pk).first()
        if locked is None:
            raise PrivacyError(_("This person record no longer exists."))
        counts = {section.name: section.erase(locked) for section in _erase_order()}
        # The row holds the random public id only; it is written before the person goes.
        audit_record(actor=actor, action=AuditAction.PERSON_ERASE, target=locked, reason=reason)
        locked.delete()
        counts["person"] = 1
    return counts


def person_erase(*, user: User, person: Person, reason: str = "") -> dict[str, int]:
    """The data protection officer erases a person record and everything tied to it.

    Consultations stay as anonymous counts and referrals as anonymous rows with their
    status, without their history; nothing personal remains. When a section warns that
    the erasure drops something still needing attention, it needs the officer's reason,
    kept with the audit row (they are told to leave personal data out of it).
    """
    if not may_erase(user, person):
        raise PrivacyError(_("Only the data protection officer can erase a person record."))
    with transaction.atomic():
        locked = Person.objects.select_for_update().filter(pk=person.pk).first()
        if locked is None:
            raise PrivacyError(_("This person record no longer exists."))
        if person_erase_warnings(locked) and not reason.strip():
            raise PrivacyError(REASON_REQUIRED)
        return person_erase_unchecked(actor=user, person=locked, reason=reason)
