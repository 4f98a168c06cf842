"""Idle sessions end; active ones stay, up to an absolute limit."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from infohub.accounts.session_limits import SIGNED_IN_AT
from infohub.testing.personas import World, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db

IDLE = timedelta(seconds=settings.SESSION_COOKIE_AGE)


def test_an_idle_session_ends_and_asks_to_sign_in_again(world: World) -> None:
    enrol_authenticator(world.counsellor_a)
    client = Client()
    with time_machine.travel("2026-03-01 09:00 +0000", tick=False) as clock:
        sign_in(client, world.counsellor_a)
        assert client.get("/staff/").status_code == 200
        clock.shift(IDLE + timedelta(seconds=1))
        response = client.get("/staff/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_activity_keeps_the_session_alive(world: World) -> None:
    client = Client()
    with time_machine.travel("2026-03-01 09:00 +0000", tick=False) as clock:
        sign_in(client, world.editor)
        for _ in range(3):
            clock.shift(IDLE - timedelta(minutes=1))
            assert client.get("/staff/").status_code == 200


def test_a_busy_session_still_ends_at_the_absolute_limit(world: World) -> None:
    client = Client()
    limit = timedelta(hours=settings.INFOHUB_SESSION_MAX_HOURS)
    with time_machine.travel("2026-03-01 09:00 +0000", tick=False) as clock:
        sign_in(client, world.editor)
        elapsed = timedelta(0)
        step = IDLE - timedelta(minutes=1)
        while elapsed + step < limit:
            clock.shift(step)
            elapsed += step
            assert client.get("/staff/").status_code == 200
        clock.shift(limit - elapsed + timedelta(seconds=1))
        ended = client.get("/staff/")
    assert ended.status_code == 302
    assert ended["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_a_session_without_its_sign_in_time_is_ended(world: World) -> None:
    client = Client()
    sign_in(client, world.editor)
    session = client.session
    del session[SIGNED_IN_AT]
    session.save()
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
