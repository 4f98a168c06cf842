"""Rectification: corrected values, a new phone hash, removals, refusals; audited."""

import pytest

from infohub.audit.models import AuditEvent
from infohub.counselling.models import Person
from infohub.counselling.services import duplicate_case_codes, phone_hash
from infohub.privacy.errors import PrivacyError
from infohub.privacy.subject_data import person_rectify
from infohub.privacy.tests.conftest import StaffFactory
from infohub.privacy.tests.support import ADDRESS, FAMILY, GIVEN, PHONE, Case
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

NEW_PHONE = "+509 4811 2020"


def test_rectifying_changes_the_values_and_hashes_the_new_phone(world: World, case: Case) -> None:
    changed = person_rectify(
        user=world.counsellor_a,
        person=case.person,
        changes={
            "given_names": "Marie-Claire",
            "date_of_birth": "1962-07-13",
            "nationality": "do",
            "phone": NEW_PHONE,
            "address": ADDRESS,  # unchanged, so not reported
        },
    )
    assert changed == ["given_names", "date_of_birth", "nationality", "phone"]
    person = Person.objects.get(pk=case.person.pk)
    assert (person.given_names, person.date_of_birth, person.nationality, person.phone) == (
        "Marie-Claire",
        "1962-07-13",
        "DO",
        NEW_PHONE,
    )
    assert person.phone_hash == phone_hash(NEW_PHONE)
    by_new = duplicate_case_codes(user=world.counsellor_a, phone="+50948112020", documents=[])
    by_old = duplicate_case_codes(user=world.counsellor_a, phone=PHONE, documents=[])
    assert (by_new, by_old) == ([person.case_code], [])
    (row,) = AuditEvent.objects.filter(action="person.update")
    assert (row.actor, row.object_id) == (world.counsellor_a, person.public_id)


def test_an_empty_value_removes_an_optional_field(world: World, case: Case) -> None:
    person_rectify(user=world.dpo, person=case.person, changes={"phone": "", "family_names": ""})
    person = Person.objects.get(pk=case.person.pk)
    assert (person.phone, person.phone_hash, person.family_names) == ("", "", "")


@pytest.mark.parametrize(
    "changes",
    [
        {"given_names": "  "},
        {"date_of_birth": "13/07/1961"},
        {"date_of_birth": "2999-01-01"},
        {"nationality": "XX"},
        {"legal_basis": "vital_interests"},
        {"phone": NEW_PHONE, "nationality": "XX"},
    ],
)
def test_bad_values_are_refused_and_nothing_changes(
    world: World, case: Case, changes: dict[str, str]
) -> None:
    with pytest.raises(PrivacyError):
        person_rectify(user=world.counsellor_a, person=case.person, changes=changes)
    person = Person.objects.get(pk=case.person.pk)
    assert (person.given_names, person.phone) == (GIVEN, PHONE)
    assert not AuditEvent.objects.filter(action="person.update").exists()


def test_the_same_values_change_nothing_and_are_not_audited(world: World, case: Case) -> None:
    assert (
        person_rectify(user=world.dpo, person=case.person, changes={"family_names": FAMILY}) == []
    )
    assert not AuditEvent.objects.filter(action="person.update").exists()


def test_another_hubs_counsellor_cannot_rectify(world: World, case: Case) -> None:
    with pytest.raises(PrivacyError):
        person_rectify(user=world.counsellor_b, person=case.person, changes={"phone": ""})


def test_the_form_corrects_and_removes_values(
    world: World, case: Case, staff: StaffFactory
) -> None:
    manager = staff(world.manager_a)
    url = f"/staff/privacy/people/{case.person.public_id}/"
    response = manager.post(
        f"{url}rectify/",
        {
            "rectify-family_names": "Joseph",
            "rectify-phone": NEW_PHONE,
            "rectify-clear": ["address"],
            "rectify-code": manager.new_code(),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{url}?rectified=3"
    person = Person.objects.get(pk=case.person.pk)
    assert (person.given_names, person.family_names, person.phone, person.address) == (
        GIVEN,
        "Joseph",
        NEW_PHONE,
        "",
    )
    assert person.phone_hash == phone_hash(NEW_PHONE)


def test_the_form_refuses_a_value_both_changed_and_removed(
    world: World, case: Case, staff: StaffFactory
) -> None:
    manager = staff(world.manager_a)
    response = manager.post(
        f"/staff/privacy/people/{case.person.public_id}/rectify/",
        {
            "rectify-phone": NEW_PHONE,
            "rectify-clear": ["phone"],
            "rectify-code": manager.new_code(),
        },
    )
    assert response.status_code == 400
    assert Person.objects.get(pk=case.person.pk).phone == PHONE
