"""Flags with a deadline create actions; overdue ones reach the hub manager's dashboard."""

import datetime as dt

import pytest
import time_machine

from infohub.accounts.models import User
from infohub.screening.errors import ScreeningError
from infohub.screening.models import RequiredAction
from infohub.screening.selectors import due_soon, open_actions, overdue_actions
from infohub.screening.services import action_done, screening_record
from infohub.screening.tests.support import CHILD, DISABILITY, GBV, PREGNANCY, criteria, signed_in
from infohub.testing.casework import make_person
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_an_unaccompanied_child_creates_an_action_due_within_24_hours(world: World) -> None:
    person = make_person(world.counsellor_a)
    with time_machine.travel(START, tick=False):
        screening = screening_record(
            user=world.counsellor_a, person=person, criteria=criteria(CHILD, DISABILITY)
        )
    (action,) = screening.actions.all()
    assert action.criterion.code == CHILD
    assert action.due_at == START + dt.timedelta(hours=24)
    assert action.done_at is None
    assert action.criterion.action["en"] == "Refer to child protection"


def test_flags_without_a_deadline_create_no_action(world: World) -> None:
    person = make_person(world.counsellor_a)
    screening_record(
        user=world.counsellor_a, person=person, criteria=criteria(DISABILITY, PREGNANCY)
    )
    assert RequiredAction.objects.count() == 0


def test_after_25_hours_it_is_overdue_on_hub_a_managers_dashboard_only(
    world: World, manager_b: User
) -> None:
    person = make_person(world.counsellor_a)
    with time_machine.travel(START, tick=False) as traveller:
        screening_record(user=world.counsellor_a, person=person, criteria=criteria(CHILD))
        now = START + dt.timedelta(hours=23)
        traveller.move_to(now)
        assert list(overdue_actions(user=world.manager_a, now=now)) == []
        assert due_soon(user=world.manager_a, now=now).count() == 1

        now = START + dt.timedelta(hours=25)
        traveller.move_to(now)
        (overdue,) = overdue_actions(user=world.manager_a, now=now)
        assert overdue.criterion.code == CHILD
        assert list(overdue_actions(user=manager_b, now=now)) == []
        assert list(due_soon(user=world.manager_a, now=now)) == []

        page_a = signed_in(world.manager_a).get("/staff/dashboard/")
        page_b = signed_in(manager_b).get("/staff/dashboard/")
    assert page_a.status_code == 200
    assert person.case_code in page_a.content.decode()
    assert "Refer to child protection" in page_a.content.decode()
    assert page_a.context["overdue_count"] == 1
    assert page_b.status_code == 200
    assert person.case_code not in page_b.content.decode()
    assert page_b.context["overdue_count"] == 0


def test_the_dashboard_counts_only_for_managers_not_counsellors(world: World) -> None:
    person = make_person(world.counsellor_a)
    screening_record(user=world.counsellor_a, person=person, criteria=criteria(CHILD))
    now = START + dt.timedelta(days=400)
    assert overdue_actions(user=world.manager_a, now=now).count() == 1
    assert overdue_actions(user=world.counsellor_a, now=now).count() == 0
    assert open_actions(user=world.counsellor_a).count() == 1
    assert open_actions(user=world.counsellor_b).count() == 0


def test_marking_the_action_done_removes_it_from_the_dashboard(world: World) -> None:
    person = make_person(world.counsellor_a)
    with time_machine.travel(START, tick=False) as traveller:
        screening = screening_record(
            user=world.counsellor_a, person=person, criteria=criteria(CHILD)
        )
        traveller.move_to(START + dt.timedelta(hours=25))
        (action,) = screening.actions.all()
        client = signed_in(world.counsellor_a)
        response = client.post(f"/staff/screenings/actions/{action.public_id}/done/")
        assert response.status_code == 302
        assert response["Location"] == f"/staff/screenings/{screening.public_id}/"
        now = START + dt.timedelta(hours=25, minutes=1)
        assert list(overdue_actions(user=world.manager_a, now=now)) == []
        assert open_actions(user=world.counsellor_a).count() == 0
    action.refresh_from_db()
    assert action.done_at == START + dt.timedelta(hours=25)
    assert action.done_by == world.counsellor_a


def test_an_action_is_marked_done_once(world: World) -> None:
    person = make_person(world.counsellor_a)
    screening = screening_record(user=world.counsellor_a, person=person, criteria=criteria(GBV))
    (action,) = screening.actions.all()
    action_done(user=world.manager_a, action=action)
    with pytest.raises(ScreeningError):
        action_done(user=world.counsellor_a, action=action)
    action.refresh_from_db()
    assert action.done_by == world.manager_a


def test_another_hubs_case_worker_cannot_mark_it_done(world: World, manager_b: User) -> None:
    person = make_person(world.counsellor_a)
    screening = screening_record(user=world.counsellor_a, person=person, criteria=criteria(GBV))
    (action,) = screening.actions.all()
    for user in (world.counsellor_b, manager_b, world.advisor_a, world.dpo):
        with pytest.raises(ScreeningError):
            action_done(user=user, action=action)
    action.refresh_from_db()
    assert action.done_at is None


def test_a_48_hour_action_is_due_soon_only_in_its_last_24_hours(world: World) -> None:
    person = make_person(world.counsellor_a)
    with time_machine.travel(START, tick=False):
        screening_record(user=world.counsellor_a, person=person, criteria=criteria(GBV))
    assert due_soon(user=world.manager_a, now=START + dt.timedelta(hours=1)).count() == 0
    assert due_soon(user=world.manager_a, now=START + dt.timedelta(hours=25)).count() == 1
    assert overdue_actions(user=world.manager_a, now=START + dt.timedelta(hours=47)).count() == 0
    assert overdue_actions(user=world.manager_a, now=START + dt.timedelta(hours=49)).count() == 1
