"""A person with something in every place a person's data can be, marked with sentinels."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from infohub.accounts.models import User
from infohub.counselling.models import ConsentPurpose, Consultation, HouseholdMember, Person
from infohub.counselling.services import (
    ConsultationInput,
    DocumentInput,
    PersonInput,
    consultation_record,
    person_create,
)
from infohub.protection.fields import EncryptedTextField
from infohub.referrals.models import Referral
from infohub.referrals.services import (
    referral_create,
    referral_override_grant,
    referral_transition,
)
from infohub.testing.casework import Places, consent
from infohub.testing.personas import World, current_code, enrol_authenticator, sign_in

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

# Every personal value carries MARK, so a copy anywhere in the database is found.
MARK = "Qx7Sentinel"
GIVEN = f"{MARK} Given"
FAMILY = f"{MARK} Family"
BORN = "1961-07-13"
PHONE = "+509 3799 4242"
ADDRESS = f"{MARK} 12 Rue Sentinelle"
DOCUMENT = "QX7-991-SENT"
RELATIVE = f"{MARK} Relative"
RELATIVE_BORN = "1977"
OVERRIDE_REASON = f"{MARK}: immediate danger, the person cannot consent now."
OUTCOME = f"{MARK} outcome: case opened with the lawyer."
DECLINED = f"{MARK} declined: no room tonight."
SENTINELS = frozenset(
    {GIVEN, FAMILY, BORN, PHONE, ADDRESS, DOCUMENT, RELATIVE, RELATIVE_BORN, OVERRIDE_REASON}
)
# Plaintext that must not be anywhere once the person is erased.
RAW_SENTINELS = (MARK, BORN, "3799 4242", DOCUMENT)


@dataclass
class Case:
    person: Person
    consultation: Consultation
    completed: Referral
    declined: Referral


def full_case(world: World, places: Places) -> Case:
    """A person in hub A with documents, household, consents, an override, two
    consultations and two finished referrals with reasons."""
    data = PersonInput(
        legal_basis="consent",
        given_names=GIVEN,
        family_names=FAMILY,
        date_of_birth=dt.date.fromisoformat(BORN),
        nationality="HT",
        phone=PHONE,
        address=ADDRESS,
        documents=[DocumentInput("passport", DOCUMENT, "HT")],
    )
    person = person_create(
        user=world.counsellor_a,
        hub=world.hub_a,
        data=data,
        consents=[
            consent(ConsentPurpose.COUNSELLING_RECORD),
            consent(ConsentPurpose.REFERRAL, world.provider_a),
        ],
    )
    HouseholdMember.objects.create(
        person=person, relation="child", name=RELATIVE, birth_year=RELATIVE_BORN
    )
    visit = ConsultationInput(
        date=timezone.localdate(),
        channel="in_person",
        migrant_status="returned",
        outcome="referred",
        nationality="HT",
        sex="female",
        age_group="50-64",
        languages=["ht", "fr"],
    )
    consultation = consultation_record(
        user=world.counsellor_a, hub=world.hub_a, data=visit, person=person
    )
    consultation_record(user=world.counsellor_a, hub=world.hub_a, data=visit, person=person)
    completed = referral_create(
        user=world.counsellor_a,
        person=person,
        service_at_location=places.legal_a,
        consultation=consultation,
    )
    for step in ("accepted", "in_progress"):
        referral_transition(user=world.provider_staff_a, referral=completed, to=step)
    referral_transition(
        user=world.provider_staff_a, referral=completed, to="completed", reason=OUTCOME
    )
    referral_override_grant(
        user=world.dpo, person=person, provider=world.provider_b, reason=OVERRIDE_REASON
    )
    declined = referral_create(
        user=world.counsellor_a, person=person, service_at_location=places.shelter_b
    )
    referral_transition(
        user=world.provider_staff_b, referral=declined, to="declined", reason=DECLINED
    )
    return Case(person=person, consultation=consultation, completed=completed, declined=declined)


def raw_hits(needles: tuple[str, ...] | list[str]) -> list[str]:
    """Tables whose rows hold any of ``needles`` in clear, read with raw SQL."""
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            text = repr(cursor.fetchall())
            hits += [f"{table}: {needle}" for needle in needles if needle in text]
    return hits


def decrypted_hits(sentinels: frozenset[str] = SENTINELS) -> list[str]:
    """Encrypted values, decrypted across every model, that hold a sentinel."""
    hits = []
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for name, value in zip(fields, row, strict=True):
                if value and (value in sentinels or MARK in value):
                    hits.append(f"{model._meta.label}.{name}")
    return hits


class Staff:
    """A signed-in staff member with an authenticator, who types codes into forms."""

    def __init__(self, user: User, shift: Any) -> None:
        self.user = user
        self.client = Client(HTTP_ACCEPT_LANGUAGE="en")  # staff pages follow the browser
        self.device: TOTPDevice = enrol_authenticator(user)
        self._shift = shift
        sign_in(self.client, user)

    def used_code(self) -> str:
        """The code the phone shows now, in the time step the sign-in already used."""
        return current_code(self.device)

    def new_code(self) -> str:
        """Wait for the phone to show the next code, and read it."""
        self._shift(dt.timedelta(seconds=31))
        self.device.refresh_from_db()
        return current_code(self.device)

    def post(self, path: str, data: dict[str, Any]) -> Any:
        return self.client.post(path, data)

    def get(self, path: str) -> Any:
        return self.client.get(path)
