"""A case code is found however it is typed: any case, with or without the hyphen."""

import pytest

from infohub.counselling.access import person_for_dpo
from infohub.counselling.case_codes import case_code_canonical
from infohub.privacy.tests.conftest import StaffFactory
from infohub.privacy.tests.support import Case
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def test_it_reads_the_code_in_any_case_with_or_without_the_hyphen() -> None:
    for typed in ("gts2pban", "GTS2-PBAN", " gts2-pban ", "gts2 pban"):
        assert case_code_canonical(typed) == "GTS2-PBAN"
    for typed in ("", "gts2pba", "gts2pbann", "gts2_pban"):
        assert case_code_canonical(typed) == ""


def test_the_privacy_desk_finds_a_code_typed_without_hyphen_in_lower_case(
    world: World, case: Case, staff: StaffFactory
) -> None:
    typed = case.person.case_code.replace("-", "").lower()
    response = staff(world.dpo).post("/staff/privacy/", {"case_code": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/staff/privacy/people/{case.person.public_id}/"


def test_the_override_form_finds_a_code_typed_without_hyphen(world: World, case: Case) -> None:
    typed = case.person.case_code.replace("-", "").lower()
    assert person_for_dpo(user=world.dpo, case_code=typed) == case.person
