"""Screening test helpers: criteria by code, consultations, signed-in clients."""

from django.conf import settings
from django.test import Client
from django.utils import timezone

from infohub.accounts.models import User
from infohub.counselling.models import Consultation, Person
from infohub.counselling.services import ConsultationInput, consultation_record
from infohub.screening.models import Criterion
from infohub.testing.personas import enrol_authenticator, sign_in

CHILD = "unaccompanied-or-separated-child"
TRAFFICKING = "trafficking-indicators"
GBV = "gender-based-violence"
MEDICAL = "urgent-medical-need"
DISABILITY = "disability"
PREGNANCY = "pregnancy"
OLDER = "older-person"


def criteria(*codes: str) -> list[Criterion]:
    """Criteria of the default checklist (seeded by migration 0002), in the order given."""
    found = {c.code: c for c in Criterion.objects.filter(code__in=codes)}
    return [found[code] for code in codes]


def make_consultation(user: User, person: Person | None = None) -> Consultation:
    hub = user.memberships.get().hub
    assert hub is not None
    data = ConsultationInput(
        date=timezone.localdate(), channel="phone", migrant_status="current", outcome="informed"
    )
    return consultation_record(user=user, hub=hub, data=data, person=person)


def signed_in(user: User, *, lang: str = "en") -> Client:
    """A client through the real sign-in, with the second factor when the role needs one.

    Staff pages follow the language cookie; it is set to ``lang``.
    """
    enrol_authenticator(user)
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    sign_in(client, user)
    return client
