"""Case workers of the hub move a request through open, contacted and closed; audited."""

import datetime as dt
import re

import pytest
import time_machine

from infohub.audit.models import AuditAction, AuditEvent
from infohub.callbacks.errors import CallbackError
from infohub.callbacks.models import CallbackRequest, CallbackStatus
from infohub.callbacks.selectors import callback_queue
from infohub.callbacks.services import callback_update
from infohub.callbacks.tests.support import referred, requested, signed_in
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)


def detail(callback: CallbackRequest) -> str:
    return f"/staff/callbacks/{callback.public_id}/"


def test_case_workers_change_the_status_and_each_change_is_audited(world: World) -> None:
    callback = requested(world.hub_a)
    client = signed_in(world.counsellor_a)

    contacted = client.post(detail(callback), {"status": "contacted"})
    closed = signed_in(world.manager_a).post(detail(callback), {"status": "closed"})

    assert contacted.status_code == closed.status_code == 302
    assert contacted["Location"] == detail(callback)
    callback.refresh_from_db()
    assert (callback.status, callback.closed_by) == (CallbackStatus.CLOSED, world.manager_a)
    events = AuditEvent.objects.filter(action=AuditAction.CALLBACK_UPDATE).order_by("id")
    assert [(e.actor, e.object_id) for e in events] == [
        (world.counsellor_a, callback.public_id),
        (world.manager_a, callback.public_id),
    ]


def test_the_detail_offers_the_other_statuses_to_case_workers_only(world: World) -> None:
    callback = referred(world.advisor_a, world.hub_a)

    worker = signed_in(world.counsellor_a).get(detail(callback)).content.decode()
    advisor = signed_in(world.advisor_a).get(detail(callback)).content.decode()

    assert set(re.findall(r'name="status" value="(\w+)"', worker)) == {"contacted", "closed"}
    assert 'name="status"' not in advisor


def test_reopening_a_closed_request_clears_who_closed_it(world: World) -> None:
    callback = requested(world.hub_a)
    callback_update(user=world.counsellor_a, request=callback, status=CallbackStatus.CLOSED)

    reopened = callback_update(user=world.counsellor_a, request=callback, status="open")

    assert (reopened.status, reopened.closed_by) == (CallbackStatus.OPEN, None)
    assert AuditEvent.objects.filter(action=AuditAction.CALLBACK_UPDATE).count() == 2


def test_setting_the_status_it_already_has_is_refused_and_not_audited(world: World) -> None:
    callback = requested(world.hub_a)
    callback_update(user=world.counsellor_a, request=callback, status="contacted")

    response = signed_in(world.manager_a).post(detail(callback), {"status": "contacted"})

    assert response.status_code == 409
    assert "The request already has this status." in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.CALLBACK_UPDATE).count() == 1


@pytest.mark.parametrize("status", ["", "done", "OPEN"])
def test_unknown_statuses_are_refused(world: World, status: str) -> None:
    callback = requested(world.hub_a)

    with pytest.raises(CallbackError):
        callback_update(user=world.counsellor_a, request=callback, status=status)

    callback.refresh_from_db()
    assert callback.status == CallbackStatus.OPEN


@pytest.mark.parametrize("persona", ["advisor_a", "counsellor_b", "admin", "dpo", "analyst_a"])
def test_only_case_workers_of_its_hub_change_a_request(world: World, persona: str) -> None:
    callback = referred(world.advisor_a, world.hub_a)

    with pytest.raises(CallbackError):
        callback_update(user=getattr(world, persona), request=callback, status="closed")

    callback.refresh_from_db()
    assert callback.status == CallbackStatus.OPEN
    assert not AuditEvent.objects.filter(action=AuditAction.CALLBACK_UPDATE).exists()


def test_the_queue_shows_open_requests_first_oldest_first(world: World) -> None:
    made = []
    for hours, phone in enumerate(["+509 3700 0001", "+509 3700 0002", "+509 3700 0003"]):
        with time_machine.travel(NOW + dt.timedelta(hours=hours), tick=False):
            made.append(requested(world.hub_a, phone=phone))
    oldest, middle, newest = made
    callback_update(user=world.counsellor_a, request=oldest, status="closed")
    callback_update(user=world.counsellor_a, request=middle, status="contacted")

    assert callback_queue(user=world.counsellor_a) == [newest, middle, oldest]
    html = signed_in(world.counsellor_a).get("/staff/callbacks/").content.decode()
    positions = [html.index(c.reference) for c in (newest, middle, oldest)]
    assert positions == sorted(positions)
