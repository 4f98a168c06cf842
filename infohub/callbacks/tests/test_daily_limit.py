"""Each client address may ask for a few calls a day, counted without keeping the address."""

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.db import connection

from infohub.callbacks.models import CallbackDailyCount, CallbackRequest
from infohub.callbacks.tests.support import IP, portal_post
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)


def test_more_than_the_daily_limit_gets_a_friendly_429_and_tomorrow_is_fine(
    world: World, settings: Any
) -> None:
    settings.INFOHUB_CALLBACK_DAILY_LIMIT = 2
    with time_machine.travel(NOW, tick=False):
        assert portal_post(world.hub_a, phone="+509 3700 0001").status_code == 200
        assert portal_post(world.hub_b, phone="+509 3700 0002").status_code == 200
        refused = portal_post(world.hub_a, phone="+509 3700 0003")
        assert refused.status_code == 429
        html = refused.content.decode()
        assert "You have already asked for several calls today" in html
        assert "never ask you for money" in html
        # Another address is not held back.
        assert portal_post(world.hub_a, phone="+509 3700 0004", ip="203.0.113.9").status_code == 200
    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        assert portal_post(world.hub_a, phone="+509 3700 0005").status_code == 200
    assert CallbackRequest.objects.count() == 4


def test_asking_again_for_the_same_open_request_does_not_use_up_the_limit(
    world: World, settings: Any
) -> None:
    settings.INFOHUB_CALLBACK_DAILY_LIMIT = 1
    for _ in range(3):
        assert portal_post(world.hub_a).status_code == 200

    assert CallbackRequest.objects.count() == 1


def test_the_limit_keeps_no_address_and_no_link_to_the_request(world: World) -> None:
    with time_machine.travel(NOW, tick=False):
        portal_post(world.hub_a)

    count = CallbackDailyCount.objects.get()
    assert re.fullmatch(r"[0-9a-f]{64}", count.client_key)
    assert (count.day, count.count) == (NOW.date(), 1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM callbacks_callbackdailycount")
        counts = repr(cursor.fetchall())
        cursor.execute("SELECT * FROM callbacks_callbackrequest")
        requests = repr(cursor.fetchall())
    for stored in (counts, requests):
        assert IP not in stored
        assert "198.51" not in stored
    assert count.client_key not in requests


def test_earlier_days_counts_are_dropped_by_the_next_request(world: World) -> None:
    with time_machine.travel(NOW, tick=False):
        portal_post(world.hub_a, phone="+509 3700 0001")
    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        portal_post(world.hub_a, phone="+509 3700 0002")

    assert list(CallbackDailyCount.objects.values_list("day", flat=True)) == [
        (NOW + dt.timedelta(days=1)).date()
    ]
