"""The consultation and people lists read as many queries for many rows as for a few."""

import pytest
from django.test import Client
from django.utils import timezone

from infohub.accounts.models import User
from infohub.counselling.models import ConsentPurpose
from infohub.counselling.services import (
    ConsultationInput,
    DocumentInput,
    PersonInput,
    consultation_record,
    person_create,
)
from infohub.testing.casework import consent
from infohub.testing.personas import World, enrol_authenticator, sign_in
from infohub.testing.queries import query_counts

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    enrol_authenticator(user)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, user)
    return client


def people(world: World, count: int) -> list[str]:
    """People of hub A, each with a document and two consents; their case codes."""
    codes = []
    for number in range(count):
        data = PersonInput(
            legal_basis="consent",
            given_names="Marie",
            documents=[DocumentInput("passport", f"AB{number:06d}", "HT")],
        )
        consents = [
            consent(ConsentPurpose.COUNSELLING_RECORD),
            consent(ConsentPurpose.REFERRAL, world.provider_a),
        ]
        person = person_create(
            user=world.counsellor_a, hub=world.hub_a, data=data, consents=consents
        )
        codes.append(person.case_code)
    return codes


def consultations(world: World, count: int) -> list[str]:
    """Consultations of hub A, each with a person; the case codes the list links to."""
    codes = people(world, count)
    data = ConsultationInput(
        date=timezone.localdate(), channel="phone", migrant_status="current", outcome="informed"
    )
    for person in world.hub_a.people.filter(case_code__in=codes):
        consultation_record(user=world.counsellor_a, hub=world.hub_a, data=data, person=person)
    return codes


def test_the_consultation_list_reads_as_many_queries_for_many_rows(world: World) -> None:
    client = signed_in(world.counsellor_a)
    few, many = query_counts(client, "/staff/consultations/", lambda n: consultations(world, n))
    assert few == many


def test_the_people_list_reads_as_many_queries_for_many_rows(world: World) -> None:
    client = signed_in(world.counsellor_a)
    few, many = query_counts(client, "/staff/people/", lambda n: people(world, n))
    assert few == many
