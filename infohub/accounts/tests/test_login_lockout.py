"""Lockout after repeated failures, keyed on username + IP, with a cool-off."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from infohub.testing.personas import PASSWORD, World

pytestmark = pytest.mark.django_db


def attempt(client: Client, username: str, password: str, ip: str) -> int:
    response = client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )
    return response.status_code


def without_csrf(html: bytes) -> bytes:
    """Pages differ only by their per-request CSRF token."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)


def fail_until_locked(username: str, ip: str) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), username, "wrong-password", ip)


def test_it_locks_the_username_on_that_ip_after_repeated_failures(world: World) -> None:
    fail_until_locked(world.counsellor_a.username, "10.0.0.1")
    assert attempt(Client(), world.counsellor_a.username, PASSWORD, "10.0.0.1") == 429


def test_it_does_not_lock_out_a_colleague_behind_the_same_ip(world: World) -> None:
    fail_until_locked(world.counsellor_a.username, "10.0.0.1")
    assert attempt(Client(), world.manager_a.username, PASSWORD, "10.0.0.1") == 302


def test_it_does_not_lock_the_same_username_from_another_ip(world: World) -> None:
    fail_until_locked(world.counsellor_a.username, "10.0.0.1")
    assert attempt(Client(), world.counsellor_a.username, PASSWORD, "10.0.0.2") == 302


def test_the_lock_cools_off_by_itself(world: World) -> None:
    with time_machine.travel("2026-03-01 09:00 +0000", tick=False) as clock:
        fail_until_locked(world.counsellor_b.username, "10.0.0.9")
        assert attempt(Client(), world.counsellor_b.username, PASSWORD, "10.0.0.9") == 429
        clock.shift(settings.AXES_COOLOFF_TIME + timedelta(seconds=1))
        assert attempt(Client(), world.counsellor_b.username, PASSWORD, "10.0.0.9") == 302


def test_unknown_and_known_usernames_get_identical_answers(world: World) -> None:
    known = Client().post(
        "/accounts/login/", {"username": world.editor.username, "password": "nope-nope-nope"}
    )
    unknown = Client().post(
        "/accounts/login/", {"username": "nobody-here", "password": "nope-nope-nope"}
    )
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors


def test_unknown_usernames_are_locked_out_like_known_ones(world: World) -> None:
    fail_until_locked("nobody-here", "10.0.0.3")
    fail_until_locked(world.editor.username, "10.0.0.3")
    locked_unknown = Client().post(
        "/accounts/login/", {"username": "nobody-here", "password": "x"}, REMOTE_ADDR="10.0.0.3"
    )
    locked_known = Client().post(
        "/accounts/login/",
        {"username": world.editor.username, "password": "x"},
        REMOTE_ADDR="10.0.0.3",
    )
    assert locked_unknown.status_code == locked_known.status_code == 429
    assert without_csrf(locked_unknown.content) == without_csrf(locked_known.content)
