"""Idle sessions end; active ones stay."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client

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
