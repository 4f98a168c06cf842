"""Erasing a person with an open child-protection action warns and needs a written reason."""

import pytest
from pytest_django.fixtures import Settings

from infohub.audit.models import AuditEvent
from infohub.counselling.models import Person
from infohub.privacy.errors import PrivacyError
from infohub.privacy.subject_data import person_erase, person_erase_warnings
from infohub.privacy.tests.conftest import StaffFactory
from infohub.privacy.tests.support import Case
from infohub.screening.models import RequiredAction
from infohub.screening.services import action_done, screening_record
from infohub.screening.tests.support import CHILD, DISABILITY, TRAFFICKING, criteria
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

REASON = "The person asked in writing; the child protection office already has the case."
WARNING = "An open required action, “Refer to child protection”"


def _url(case: Case) -> str:
    return f"/staff/privacy/people/{case.person.public_id}/erase/"


def _form(case: Case, code: str, reason: str | None = None) -> dict[str, str]:
    data = {"erase-confirm_case_code": case.person.case_code, "erase-code": code}
    if reason is not None:
        data["erase-reason"] = reason
    return data


def _screen(world: World, case: Case, *codes: str) -> list[RequiredAction]:
    screening = screening_record(
        user=world.counsellor_a, criteria=criteria(*codes), person=case.person
    )
    return list(screening.actions.order_by("pk"))


def test_it_refuses_to_erase_without_a_reason_and_shows_the_warning(
    world: World, case: Case, staff: StaffFactory
) -> None:
    _screen(world, case, CHILD)
    dpo = staff(world.dpo)
    page = dpo.get(f"/staff/privacy/people/{case.person.public_id}/").content.decode()
    assert WARNING in page
    assert 'name="erase-reason"' in page
    for reason in (None, "   "):
        response = dpo.post(_url(case), _form(case, dpo.new_code(), reason))
        assert response.status_code == 400
        html = response.content.decode()
        assert WARNING in html
        assert "Write why the record must be erased despite the warning." in html
    assert Person.objects.filter(pk=case.person.pk).exists()
    assert not AuditEvent.objects.filter(action="person.erase").exists()


def test_the_service_refuses_too_whatever_the_form(world: World, case: Case) -> None:
    _screen(world, case, CHILD)
    with pytest.raises(PrivacyError):
        person_erase(user=world.dpo, person=case.person)
    assert Person.objects.filter(pk=case.person.pk).exists()


def test_with_a_reason_it_erases_and_the_audit_row_keeps_the_reason(
    world: World, case: Case, staff: StaffFactory, caplog: pytest.LogCaptureFixture
) -> None:
    _screen(world, case, CHILD)
    dpo = staff(world.dpo)
    response = dpo.post(_url(case), _form(case, dpo.new_code(), REASON))
    assert response.status_code == 302
    assert not Person.objects.filter(pk=case.person.pk).exists()
    (event,) = AuditEvent.objects.filter(action="person.erase")
    assert (event.actor, event.object_id, event.reason) == (
        world.dpo,
        case.person.public_id,
        REASON,
    )
    assert REASON not in caplog.text


def test_a_done_action_or_another_category_gives_no_warning(
    world: World, case: Case, staff: StaffFactory
) -> None:
    (child,) = _screen(world, case, CHILD)
    _screen(world, case, TRAFFICKING)
    action_done(user=world.counsellor_a, action=child)
    assert person_erase_warnings(case.person) == []
    dpo = staff(world.dpo)
    page = dpo.get(f"/staff/privacy/people/{case.person.public_id}/").content.decode()
    assert WARNING not in page
    assert 'name="erase-reason"' not in page
    assert dpo.post(_url(case), _form(case, dpo.new_code())).status_code == 302
    (event,) = AuditEvent.objects.filter(action="person.erase")
    assert event.reason == ""


def test_no_screening_or_a_flag_about_no_child_gives_no_warning(world: World, case: Case) -> None:
    assert person_erase_warnings(case.person) == []
    _screen(world, case, DISABILITY)
    assert person_erase_warnings(case.person) == []
    assert person_erase(user=world.dpo, person=case.person)["person"] == 1


def test_the_categories_that_warn_are_configuration(
    world: World, case: Case, settings: Settings
) -> None:
    _screen(world, case, TRAFFICKING)
    assert person_erase_warnings(case.person) == []
    settings.INFOHUB_ERASURE_WARNING_CATEGORIES = ["counter-trafficking"]
    (line,) = person_erase_warnings(case.person)
    assert "Refer to the anti-trafficking focal point" in line
