"""Writes for consultations, person records and consents, each audited in its transaction.

Personal values never reach an audit row, a log line or an error message: rows name the
object by its public id, and errors say which field is wrong, not what it held.
"""

import datetime as dt
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from infohub.accounts.models import Hub, Organisation, OrganisationKind, User
from infohub.articles.models import Article, Topic
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.counselling.access import (
    CASE_ROLES,
    consultation_list_visible,
    hubs_where,
    is_dpo_for,
    person_list_visible,
    recordable_hubs,
)
from infohub.counselling.consent_hooks import consent_withdrawn
from infohub.counselling.errors import CounsellingError
from infohub.counselling.models import (
    Channel,
    Consent,
    ConsentPurpose,
    Consultation,
    DocumentKind,
    HouseholdMember,
    IdentityDocument,
    LegalBasis,
    Person,
    Relation,
)
from infohub.counselling.schemas import consultation_languages
from infohub.pathways.models import Pathway
from infohub.protection.hashing import keyed_hash, normalise_identifier

CASE_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L


@dataclass(frozen=True)
class ConsultationInput:
    date: dt.date
    channel: str
    migrant_status: str
    outcome: str
    nationality: str = ""
    sex: str = "not_stated"
    age_group: str = "unknown"
    languages: Sequence[str] = ()
    topics: Sequence[Topic] = ()
    articles: Sequence[Article] = ()
    pathways: Sequence[Pathway] = ()


def _check_country(code: str, field: str) -> str:
    code = code.strip().upper()
    if code and code not in countries:
        raise CounsellingError(_("%(field)s: not a country code.") % {"field": field})
    return code


LANGUAGE_CODE_PATTERN = re.compile(r"^[a-z]{2,3}$")


def _check_languages(codes: Iterable[str]) -> list[str]:
    cleaned = sorted({code.strip().lower() for code in codes if code.strip()})
    if not all(LANGUAGE_CODE_PATTERN.match(code) for code in cleaned):
        raise CounsellingError(_("languages: use ISO 639 codes such as es or ht."))
    return cleaned


def consultation_record(
    *, user: User, hub: Hub, data: ConsultationInput, person: Person | None = None
) -> Consultation:
    """Record a consultation in a hub the user works in; anonymous unless ``person``."""
    if not recordable_hubs(user=user).filter(pk=hub.pk).exists():
        raise CounsellingError(_("You cannot record consultations for this hub."))
    if person is not None and not person_list_visible(user=user).filter(pk=person.pk).exists():
        raise CounsellingError(_("You cannot record consultations for this person."))
    if data.date > timezone.localdate():
        raise CounsellingError(_("date: a consultation cannot be in the future."))
    with transaction.atomic():
        consultation = Consultation.objects.create(
            hub=hub,
            recorded_by=user,
            date=data.date,
            channel=data.channel,
            migrant_status=data.migrant_status,
            nationality=_check_country(data.nationality, "nationality"),
            sex=data.sex,
            age_group=data.age_group,
            languages=consultation_languages(_check_languages(data.languages)),
            outcome=data.outcome,
            person=person,
        )
        consultation.topics.set(data.topics)
        consultation.articles.set(data.articles)
        consultation.pathways.set(data.pathways)
        audit_record(actor=user, action=AuditAction.CONSULTATION_RECORD, target=consultation)
    return consultation


def consultation_pathways_add(
    *, user: User, consultation: Consultation, pathways: Sequence[Pathway]
) -> int:
    """Record on a consultation the pathways the finder showed; returns how many were new."""
    if not consultation_list_visible(user=user).filter(pk=consultation.pk).exists():
        raise CounsellingError(_("You cannot change this consultation."))
    known = set(consultation.pathways.values_list("pk", flat=True))
    new = [p for p in pathways if p.pk not in known]
    if not new:
        return 0
    with transaction.atomic():
        consultation.pathways.add(*new)
        audit_record(actor=user, action=AuditAction.CONSULTATION_PATHWAYS, target=consultation)
    return len(new)


def new_case_code() -> str:
    while True:
        raw = "".join(secrets.choice(CASE_CODE_ALPHABET) for _ in range(8))
        code = f"{raw[:4]}-{raw[4:]}"
        if not Person.objects.filter(case_code=code).exists():
            return code


def phone_hash(phone: str) -> str:
    return keyed_hash(normalise_identifier(phone), purpose="phone") if phone.strip() else ""


def document_hash(kind: str, country: str, number: str) -> str:
    value = f"{kind}|{country}|{normalise_identifier(number)}"
    return keyed_hash(value, purpose="identity-document")


@dataclass(frozen=True)
class DocumentInput:
    kind: str
    number: str
    issuing_country: str = ""


@dataclass(frozen=True)
class HouseholdInput:
    relation: str
    name: str
    birth_year: str = ""


@dataclass(frozen=True)
class PersonInput:
    legal_basis: str
    given_names: str
    family_names: str = ""
    date_of_birth: dt.date | None = None
    nationality: str = ""
    phone: str = ""
    address: str = ""
    documents: Sequence[DocumentInput] = ()
    household: Sequence[HouseholdInput] = ()


@dataclass(frozen=True)
class ConsentInput:
    purpose: str
    notice_version: str
    notice_language: str
    provider: Organisation | None = None
    source: str = ""  # a ``Channel``: where the person gave it


def _check_person(data: PersonInput, consents: Sequence[ConsentInput]) -> None:
    if not data.given_names.strip():
        raise CounsellingError(_("given names: required."))
    if data.legal_basis not in LegalBasis.values:
        raise CounsellingError(_("legal basis: required."))
    consented = {c.purpose for c in consents}
    if data.legal_basis == LegalBasis.CONSENT and (
        ConsentPurpose.COUNSELLING_RECORD not in consented
    ):
        raise CounsellingError(
            _("With consent as the legal basis, record the consent to keep a counselling record.")
        )
    for document in data.documents:
        if document.kind not in DocumentKind.values or not document.number.strip():
            raise CounsellingError(_("documents: each needs a kind and a number."))
    for member in data.household:
        year = member.birth_year.strip()
        if member.relation not in Relation.values or not member.name.strip():
            raise CounsellingError(_("household: each member needs a relation and a name."))
        if year and not (year.isdigit() and len(year) == 4):
            raise CounsellingError(_("household: the year of birth has four digits."))


def duplicate_case_codes(
    *, user: User, phone: str, documents: Iterable[DocumentInput]
) -> list[str]:
    """Case codes of visible people with the same phone or document, found by keyed hash."""
    people = person_list_visible(user=user)
    hashes = [document_hash(d.kind, d.issuing_country, d.number) for d in documents]
    matches = people.filter(documents__number_hash__in=hashes) if hashes else people.none()
    if phone.strip():
        matches = matches | people.filter(phone_hash=phone_hash(phone))
    return sorted(set(matches.values_list("case_code", flat=True)))


def person_create(
    *, user: User, hub: Hub, data: PersonInput, consents: Sequence[ConsentInput]
) -> Person:
    """A person record in a hub the user keeps cases for, with its documents and consents."""
    if not hubs_where(user, CASE_ROLES).filter(pk=hub.pk).exists():
        raise CounsellingError(_("You cannot keep person records for this hub."))
    _check_person(data, consents)
    with transaction.atomic():
        person = Person.objects.create(
            hub=hub,
            case_code=new_case_code(),
            legal_basis=data.legal_basis,
            given_names=data.given_names.strip(),
            family_names=data.family_names.strip(),
            date_of_birth=data.date_of_birth.isoformat() if data.date_of_birth else "",
            nationality=_check_country(data.nationality, "nationality"),
            phone=data.phone.strip(),
            address=data.address.strip(),
            phone_hash=phone_hash(data.phone),
            created_by=user,
        )
        for document in data.documents:
            _document_add(person, document)
        for member in data.household:
            HouseholdMember.objects.create(
                person=person,
                relation=member.relation,
                name=member.name.strip(),
                birth_year=member.birth_year.strip(),
            )
        audit_record(actor=user, action=AuditAction.PERSON_CREATE, target=person)
        for consent in consents:
            consent_give(user=user, person=person, data=consent)
    return person


def _document_add(person: Person, data: DocumentInput) -> IdentityDocument:
    number = data.number.strip()
    country = _check_country(data.issuing_country, "issuing country")
    return IdentityDocument.objects.create(
        person=person,
        kind=data.kind,
        issuing_country=country,
        number=number,
        number_hash=document_hash(data.kind, country, number),
        masked="••••" + normalise_identifier(number)[-2:].upper(),
    )


def consent_give(*, user: User, person: Person, data: ConsentInput) -> Consent:
    if not person_list_visible(user=user).filter(pk=person.pk).exists():
        raise CounsellingError(_("You cannot change this person's consents."))
    if data.purpose not in ConsentPurpose.values:
        raise CounsellingError(_("purpose: not a consent purpose."))
    is_referral = data.purpose == ConsentPurpose.REFERRAL
    provider = data.provider
    if is_referral and (provider is None or provider.kind == OrganisationKind.HUB_OPERATOR):
        raise CounsellingError(_("A referral consent names the provider organisation."))
    if data.notice_language not in settings.INFOHUB_CONTENT_LANGUAGES or not data.notice_version:
        raise CounsellingError(_("Record the notice's version and the language it was given in."))
    if data.source and data.source not in Channel.values:
        raise CounsellingError(_("source: not a channel."))
    with transaction.atomic():
        consent = Consent.objects.create(
            person=person,
            purpose=data.purpose,
            provider=data.provider if is_referral else None,
            notice_version=data.notice_version.strip(),
            notice_language=data.notice_language,
            source=data.source,
            recorded_by=user,
        )
        audit_record(actor=user, action=AuditAction.CONSENT_GIVE, target=consent)
    return consent


def consent_withdraw(*, user: User, consent: Consent) -> int:
    """End a consent: the purpose stops now; returns how many dependent records ended.

    What relied on the consent (pending referrals) is ended by the handlers other apps
    register in ``consent_hooks``, in this transaction.
    """
    person = consent.person
    may = person_list_visible(user=user).filter(pk=person.pk).exists() or is_dpo_for(user, person)
    if not may:
        raise CounsellingError(_("You cannot change this person's consents."))
    with transaction.atomic():
        # Read again under a lock: a second request that saw the consent before the
        # first one committed must find it ended, not end it again.
        current = Consent.objects.select_for_update().get(pk=consent.pk)
        if current.withdrawn_at is not None:
            return 0
        current.withdrawn_at = timezone.now()
        current.withdrawn_by = user
        current.save(update_fields=["withdrawn_at", "withdrawn_by"])
        consent.withdrawn_at, consent.withdrawn_by = current.withdrawn_at, user
        audit_record(actor=user, action=AuditAction.CONSENT_WITHDRAW, target=current)
        _close_record_without_basis(current, user)
        return consent_withdrawn(consent=current, actor=user)


def _close_record_without_basis(consent: Consent, user: User) -> None:
    """Consent was the record's legal basis and is gone: keeping the record stops now.

    Case workers no longer see it and ``enforce_retention`` erases it on its next run.
    """
    person = consent.person
    if consent.purpose != ConsentPurpose.COUNSELLING_RECORD:
        return
    if person.legal_basis != LegalBasis.CONSENT or person.withdrawn_at is not None:
        return
    if person.consents.filter(
        purpose=ConsentPurpose.COUNSELLING_RECORD, withdrawn_at__isnull=True
    ).exists():
        return
    person.withdrawn_at = consent.withdrawn_at
    person.save(update_fields=["withdrawn_at", "updated_at"])
    audit_record(actor=user, action=AuditAction.PERSON_UPDATE, target=person)
