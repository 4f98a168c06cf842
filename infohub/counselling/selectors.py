"""Reads for the counselling staff pages, scoped through ``access``.

Lists never load a person's encrypted fields: they name people by case code only, so a
list cannot show a name, even by mistake in a template.
"""

from django.db.models import (
    Case,
    CharField,
    F,
    Max,
    Prefetch,
    QuerySet,
    UUIDField,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from infohub.accounts.models import Hub, Organisation, OrganisationKind, User
from infohub.counselling.access import (
    CASE_ROLES,
    consultation_list_visible,
    hubs_where,
    person_list_visible,
)
from infohub.counselling.models import Consent, Consultation, IdentityDocument, Person

# What a list may read of a person and of a document: nothing that is encrypted.
_PERSON_LIST_FIELDS = ("public_id", "case_code", "created_at", "hub")
_DOCUMENT_LIST_FIELDS = ("id", "person_id", "kind", "issuing_country", "masked")


def case_hubs(*, user: User) -> QuerySet[Hub]:
    """Hubs in which the user keeps person records (counsellors and hub managers)."""
    return hubs_where(user, CASE_ROLES)


def consultation_rows(*, user: User) -> QuerySet[Consultation]:
    """Visible consultations, newest first, with the case code only where the user may
    see the person (``shown_case_code``, ``shown_person_id``); the person is never loaded."""
    visible_people = person_list_visible(user=user).values("pk")
    shown = When(person__in=visible_people, then=F("person__case_code"))
    shown_id = When(person__in=visible_people, then=F("person__public_id"))
    return (
        consultation_list_visible(user=user)
        .select_related("hub")
        .annotate(
            shown_case_code=Case(shown, default=Value(""), output_field=CharField()),
            shown_person_id=Case(shown_id, default=None, output_field=UUIDField()),
        )
        .order_by("-date", "-created_at", "-pk")
    )


def person_rows(*, user: User) -> QuerySet[Person]:
    """Visible people, newest first, without their encrypted fields: case code, masked
    documents and active consents (``active_consents``; overrides are not consent)."""
    documents = IdentityDocument.objects.only(*_DOCUMENT_LIST_FIELDS).order_by("pk")
    consents = (
        Consent.objects.filter(withdrawn_at=None, override_reason="")
        .select_related("provider")
        .order_by("purpose", "given_at")
    )
    return (
        person_list_visible(user=user)
        .only(*_PERSON_LIST_FIELDS)
        .prefetch_related(
            Prefetch("documents", queryset=documents),
            Prefetch("consents", queryset=consents, to_attr="active_consents"),
        )
        .order_by("-created_at", "-pk")
    )


def person_list_recent(*, user: User) -> QuerySet[Person]:
    """Visible people, the latest seen first (their newest consultation, else their record),
    read without their encrypted fields."""
    return (
        person_list_visible(user=user)
        .only(*_PERSON_LIST_FIELDS)
        .annotate(last_seen=Coalesce(Max("consultations__created_at"), F("created_at")))
        .order_by("-last_seen", "-pk")
    )


def person_consultations(*, user: User, person: Person) -> QuerySet[Consultation]:
    return (
        consultation_list_visible(user=user)
        .filter(person=person)
        .select_related("hub")
        .order_by("-date", "-created_at", "-pk")
    )


def provider_organisation_list() -> QuerySet[Organisation]:
    """Organisations a referral consent may name."""
    kinds = (OrganisationKind.SERVICE_PROVIDER, OrganisationKind.NGO)
    return Organisation.objects.filter(kind__in=kinds).order_by("name")
