"""Person records: a legal basis, encrypted fields, case codes, keyed-hash duplicates, scopes."""

import secrets
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import Http404
from django.utils import timezone

from infohub.audit.models import AuditEvent
from infohub.counselling.access import access_person, person_list_visible
from infohub.counselling.errors import CounsellingError
from infohub.counselling.models import Person
from infohub.counselling.services import (
    ConsultationInput,
    DocumentInput,
    PersonInput,
    consultation_record,
    duplicate_case_codes,
    person_create,
)
from infohub.protection.crypto import key_id_of
from infohub.testing.casework import make_person
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

SENTINEL = "Zyxwvutsrq Sentinelle"


def _raw_row(person: Person) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM counselling_person WHERE id = %s", [person.pk])
        return repr(cursor.fetchone())


def test_personal_fields_are_stored_encrypted_and_read_back(world: World) -> None:
    person = make_person(world.counsellor_a, given_names=SENTINEL, phone="+509 3799 1234")
    assert SENTINEL not in _raw_row(person)
    assert "3799" not in _raw_row(person)
    assert Person.objects.get(pk=person.pk).given_names == SENTINEL


def test_a_person_gets_a_case_code_and_no_name_in_its_string(world: World) -> None:
    person = make_person(world.counsellor_a, given_names=SENTINEL)
    assert len(person.case_code) == 9
    assert SENTINEL not in str(person)


def test_consent_as_legal_basis_needs_the_record_consent(world: World) -> None:
    data = PersonInput(legal_basis="consent", given_names="Ana")
    with pytest.raises(CounsellingError):
        person_create(user=world.counsellor_a, hub=world.hub_a, data=data, consents=[])
    assert Person.objects.count() == 0


def test_only_case_workers_of_the_hub_keep_person_records(world: World) -> None:
    data = PersonInput(legal_basis="vital_interests", given_names="Ana")
    for user, hub in [
        (world.counsellor_b, world.hub_a),
        (world.advisor_a, world.hub_a),
        (world.dpo, world.hub_a),
    ]:
        with pytest.raises(CounsellingError):
            person_create(user=user, hub=hub, data=data, consents=[])
    assert person_create(user=world.manager_a, hub=world.hub_a, data=data, consents=[])


def test_a_duplicate_document_is_found_by_its_keyed_hash(world: World) -> None:
    person = make_person(world.counsellor_a, document="AB-123 456")
    same = [DocumentInput("passport", "ab123456", "HT")]
    found = duplicate_case_codes(user=world.counsellor_a, phone="", documents=same)
    assert found == [person.case_code]
    other_hub = duplicate_case_codes(user=world.counsellor_b, phone="", documents=same)
    assert other_hub == []


def test_lists_mask_document_numbers(world: World) -> None:
    person = make_person(world.counsellor_a, document="AB-123 456")
    (document,) = person.documents.all()
    assert document.masked == "••••56"


def test_each_person_is_seen_only_by_their_hubs_case_workers(world: World) -> None:
    person = make_person(world.counsellor_a)
    allowed = {world.counsellor_a, world.manager_a}
    for user in [
        world.counsellor_a, world.manager_a, world.counsellor_b, world.advisor_a,
        world.provider_staff_a, world.editor, world.analyst_a, world.dpo, world.admin,
    ]:  # fmt: skip
        visible = person_list_visible(user=user).filter(pk=person.pk).exists()
        assert visible == (user in allowed), user.username
        if user not in allowed:
            with pytest.raises(Http404):
                access_person(user=user, public_id=person.public_id)


def test_reading_a_person_is_audited(world: World) -> None:
    person = make_person(world.counsellor_a)
    access_person(user=world.manager_a, public_id=person.public_id)
    read = AuditEvent.objects.filter(action="person.read", object_id=person.public_id)
    assert list(read.values_list("actor_id", flat=True)) == [world.manager_a.pk]


def test_an_anonymous_consultation_takes_one_call(world: World) -> None:
    data = ConsultationInput(
        date=timezone.localdate(), channel="phone", migrant_status="current", outcome="informed"
    )
    consultation = consultation_record(user=world.counsellor_a, hub=world.hub_a, data=data)
    assert consultation.person is None
    assert AuditEvent.objects.filter(action="consultation.record").count() == 1
    with pytest.raises(CounsellingError):
        consultation_record(user=world.counsellor_b, hub=world.hub_a, data=data)


def test_rotating_keys_re_encrypts_person_records(world: World, settings: Any) -> None:
    old, new = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    settings.INFOHUB_DATA_KEYS = f"k1:{old}"
    person = make_person(world.counsellor_a, given_names=SENTINEL, document="ZX-777")
    settings.INFOHUB_DATA_KEYS = f"k2:{new},k1:{old}"
    call_command("rotate_keys", stdout=StringIO(), stderr=StringIO())
    settings.INFOHUB_DATA_KEYS = f"k2:{new}"  # the old key may now leave the ring
    with connection.cursor() as cursor:
        cursor.execute("SELECT given_names FROM counselling_person WHERE id = %s", [person.pk])
        (token,) = cursor.fetchone()
    assert key_id_of(token) == "k2"
    reread = Person.objects.get(pk=person.pk)
    assert reread.given_names == SENTINEL
    assert reread.documents.get().number == "ZX-777"
