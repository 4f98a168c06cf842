"""Every action needs a new authenticator code in its form; otherwise nothing happens."""

import pytest

from infohub.audit.models import AuditEvent
from infohub.counselling.models import Person
from infohub.privacy.tests.conftest import StaffFactory
from infohub.privacy.tests.support import GIVEN, Case
from infohub.referrals.models import ReferralEvent
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

REQUEST_ACTIONS = ("person.export", "person.update", "person.erase")


def _wrong(code: str) -> str:
    return f"{(int(code) + 500_000) % 1_000_000:06d}"


def _forms(case: Case, code: str) -> list[tuple[str, dict[str, str]]]:
    base = f"/staff/privacy/people/{case.person.public_id}"
    return [
        (f"{base}/export/", {"export-code": code}),
        (f"{base}/print/", {"print-code": code}),
        (f"{base}/rectify/", {"rectify-given_names": "Changed", "rectify-code": code}),
        (
            f"{base}/erase/",
            {"erase-confirm_case_code": case.person.case_code, "erase-code": code},
        ),
    ]


def _nothing_happened(case: Case) -> None:
    person = Person.objects.get(pk=case.person.pk)
    assert person.given_names == GIVEN
    assert ReferralEvent.objects.filter(referral__person=person).count() == 6
    assert not AuditEvent.objects.filter(action__in=REQUEST_ACTIONS).exists()


def test_a_wrong_code_is_refused_for_every_action(
    world: World, case: Case, staff: StaffFactory
) -> None:
    dpo = staff(world.dpo)
    for path, data in _forms(case, _wrong(dpo.new_code())):
        response = dpo.post(path, data)
        assert response.status_code == 400, path
        assert "Content-Disposition" not in response
        forms = [
            response.context[f"{name}_form"] for name in ("export", "print", "rectify", "erase")
        ]
        assert any(form.errors.get("code") for form in forms), path
    _nothing_happened(case)


def test_the_code_used_to_sign_in_is_refused(world: World, case: Case, staff: StaffFactory) -> None:
    dpo = staff(world.dpo)
    for path, data in _forms(case, dpo.used_code()):
        assert dpo.post(path, data).status_code == 400, path
    _nothing_happened(case)


def test_a_form_without_a_code_is_refused_in_a_verified_session(
    world: World, case: Case, staff: StaffFactory
) -> None:
    dpo = staff(world.dpo)
    for path, data in _forms(case, ""):
        assert dpo.post(path, data).status_code == 400, path
    _nothing_happened(case)


def test_a_code_is_accepted_once(world: World, case: Case, staff: StaffFactory) -> None:
    counsellor = staff(world.counsellor_a)
    code = counsellor.new_code()
    path, data = _forms(case, code)[0]
    assert counsellor.post(path, data).status_code == 200
    path, data = _forms(case, code)[1]
    assert counsellor.post(path, data).status_code == 400
    assert AuditEvent.objects.filter(action="person.export").count() == 1


def test_pages_answer_get_with_405_for_actions(
    world: World, case: Case, staff: StaffFactory
) -> None:
    dpo = staff(world.dpo)
    for path, _ in _forms(case, ""):
        assert dpo.get(path).status_code == 405
