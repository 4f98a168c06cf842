"""Each write and its audit row commit or roll back together."""

from typing import Any

import pytest

from infohub.audit.models import AuditEvent
from infohub.screening import services
from infohub.screening.models import RequiredAction, Screening
from infohub.screening.services import action_done, screening_record
from infohub.screening.tests.support import CHILD, criteria
from infohub.testing.casework import make_person
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


class AuditDownError(RuntimeError):
    pass


def _failing_audit(**kwargs: Any) -> None:
    raise AuditDownError


def test_recording_a_screening_writes_one_audit_row_naming_it(world: World) -> None:
    person = make_person(world.counsellor_a)
    screening = screening_record(user=world.counsellor_a, person=person, criteria=criteria(CHILD))
    (row,) = AuditEvent.objects.filter(action="screening.record")
    assert row.actor == world.counsellor_a
    assert row.object_type == "screening.screening"
    assert row.object_id == screening.public_id


def test_a_screening_is_not_kept_when_its_audit_row_fails(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = make_person(world.counsellor_a)
    monkeypatch.setattr(services, "audit_record", _failing_audit)
    with pytest.raises(AuditDownError):
        screening_record(user=world.counsellor_a, person=person, criteria=criteria(CHILD))
    assert Screening.objects.count() == 0
    assert RequiredAction.objects.count() == 0


def test_marking_an_action_done_writes_one_audit_row_naming_it(world: World) -> None:
    person = make_person(world.counsellor_a)
    screening = screening_record(user=world.counsellor_a, person=person, criteria=criteria(CHILD))
    action = screening.actions.get()
    action_done(user=world.manager_a, action=action)
    (row,) = AuditEvent.objects.filter(action="screening.action_done")
    assert row.actor == world.manager_a
    assert row.object_type == "screening.requiredaction"
    assert row.object_id == action.public_id


def test_an_action_stays_open_when_its_audit_row_fails(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = make_person(world.counsellor_a)
    screening = screening_record(user=world.counsellor_a, person=person, criteria=criteria(CHILD))
    action = screening.actions.get()
    monkeypatch.setattr(services, "audit_record", _failing_audit)
    with pytest.raises(AuditDownError):
        action_done(user=world.manager_a, action=action)
    action.refresh_from_db()
    assert action.done_at is None
    assert action.done_by is None
    assert not AuditEvent.objects.filter(action="screening.action_done").exists()
