"""Finding a person by case code: the hub's case workers and DPO only; 404 otherwise."""

import pytest

from infohub.counselling.models import ConsentPurpose
from infohub.counselling.services import consent_withdraw
from infohub.privacy.tests.conftest import StaffFactory
from infohub.privacy.tests.support import Case
from infohub.testing.casework import make_person
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def test_a_case_code_posted_leads_to_the_persons_page(
    world: World, case: Case, staff: StaffFactory
) -> None:
    dpo = staff(world.dpo)
    typed = case.person.case_code.lower() + " "
    response = dpo.post("/staff/privacy/", {"case_code": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/staff/privacy/people/{case.person.public_id}/"


def test_an_unknown_code_and_another_hubs_code_look_the_same(
    world: World, case: Case, staff: StaffFactory
) -> None:
    other = make_person(world.counsellor_b)
    counsellor = staff(world.counsellor_a)
    unknown = counsellor.post("/staff/privacy/", {"case_code": "ZZZZ-ZZZZ"})
    elsewhere = counsellor.post("/staff/privacy/", {"case_code": other.case_code})
    assert unknown.status_code == elsewhere.status_code == 404
    message = b"No person record with this case code that you may handle."
    assert message in unknown.content
    assert message in elsewhere.content
    page = counsellor.get(f"/staff/privacy/people/{other.public_id}/")
    assert page.status_code == 404
    assert counsellor.get("/staff/privacy/people/not-a-uuid/").status_code == 404


def test_roles_without_person_records_get_404(
    world: World, case: Case, staff: StaffFactory
) -> None:
    for user in (world.advisor_a, world.provider_staff_a, world.admin):
        member = staff(user)
        assert member.get("/staff/privacy/").status_code == 404
        page = member.get(f"/staff/privacy/people/{case.person.public_id}/")
        assert page.status_code == 404


def test_a_closed_record_is_the_dpos_alone(world: World, case: Case, staff: StaffFactory) -> None:
    record = case.person.consents.get(purpose=ConsentPurpose.COUNSELLING_RECORD)
    consent_withdraw(user=world.counsellor_a, consent=record)
    page = f"/staff/privacy/people/{case.person.public_id}/"
    typed = {"case_code": case.person.case_code}
    counsellor = staff(world.counsellor_a)
    assert counsellor.post("/staff/privacy/", typed).status_code == 404
    assert counsellor.get(page).status_code == 404
    dpo = staff(world.dpo)
    assert dpo.post("/staff/privacy/", typed).status_code == 302
    assert dpo.get(page).status_code == 200
