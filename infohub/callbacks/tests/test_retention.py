"""Callback requests are erased after the retention period, each erasure audited."""

import datetime as dt

import pytest
import time_machine

from infohub.audit.models import AuditAction, AuditEvent
from infohub.callbacks.models import CallbackDailyCount, CallbackRequest
from infohub.callbacks.services import callback_erase_older_than, callback_update
from infohub.callbacks.tests.support import referred, requested
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)


def test_requests_older_than_the_period_are_erased_whatever_their_status(world: World) -> None:
    with time_machine.travel(NOW - dt.timedelta(days=91), tick=False):
        old_open = requested(world.hub_a, phone="+509 3700 0001")
        old_closed = referred(world.advisor_a, world.hub_a)
        callback_update(user=world.counsellor_a, request=old_closed, status="closed")
    with time_machine.travel(NOW - dt.timedelta(days=89), tick=False):
        recent = requested(world.hub_b, phone="+509 3700 0002")

    with time_machine.travel(NOW, tick=False):
        erased = callback_erase_older_than(90)

    assert erased == 2
    assert list(CallbackRequest.objects.all()) == [recent]
    audited = AuditEvent.objects.filter(action=AuditAction.RETENTION_ENFORCE)
    assert {e.object_id for e in audited} == {old_open.public_id, old_closed.public_id}
    assert all(e.actor is None for e in audited)


def test_running_it_again_erases_nothing_more(world: World) -> None:
    with time_machine.travel(NOW - dt.timedelta(days=40), tick=False):
        requested(world.hub_a)

    with time_machine.travel(NOW, tick=False):
        assert callback_erase_older_than(30) == 1
        assert callback_erase_older_than(30) == 0

    assert AuditEvent.objects.filter(action=AuditAction.RETENTION_ENFORCE).count() == 1


def test_the_daily_counts_of_earlier_days_go_too(world: World) -> None:
    with time_machine.travel(NOW - dt.timedelta(days=1), tick=False):
        requested(world.hub_a)
    assert CallbackDailyCount.objects.count() == 1

    with time_machine.travel(NOW, tick=False):
        assert callback_erase_older_than(30) == 0

    assert not CallbackDailyCount.objects.exists()


def test_a_negative_period_is_refused(world: World) -> None:
    requested(world.hub_a)

    with pytest.raises(ValueError, match="zero or more"):
        callback_erase_older_than(-1)

    assert CallbackRequest.objects.count() == 1
