"""Guessing one account from many addresses is slowed down, never locked for long."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from infohub.accounts.tests.test_login_lockout import without_csrf
from infohub.ratelimits.models import SignInSlowdown
from infohub.ratelimits.sign_in import slowdown_delay
from infohub.testing.personas import PASSWORD, World

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 12, 0, 0, tzinfo=dt.UTC)


def _try(username: str, password: str, *, address: int) -> Any:
    """One sign-in from its own address, so django-axes' lock per address never applies."""
    client = Client(REMOTE_ADDR=f"198.51.100.{address}", HTTP_ACCEPT_LANGUAGE="en")
    return client.post("/accounts/login/", {"username": username, "password": password})


def _fail_from_many_addresses(username: str, times: int) -> None:
    """Failures at one instant: only as many as go through without a wait."""
    for address in range(times):
        assert _try(username, "wrong-password", address=address).status_code == 200


def _wait_due() -> int:
    """Seconds the stored count makes the next attempt wait, read without attempting."""
    row = SignInSlowdown.objects.get()
    if row.next_attempt_at is None:
        return 0
    return int((row.next_attempt_at - dt.datetime.now(tz=dt.UTC)).total_seconds())


def _fail_in_turn(username: str, times: int, clock: Any) -> list[int]:
    """Failures each made once its wait is over; the wait due after each."""
    waits = []
    for address in range(times):
        assert _try(username, "wrong-password", address=address).status_code == 200
        waits.append(_wait_due())
        clock.shift(dt.timedelta(seconds=waits[-1]))
    return waits


def test_after_the_free_failures_the_next_attempt_waits_even_with_the_right_password(
    world: World,
) -> None:
    free = settings.INFOHUB_LOGIN_ACCOUNT_FREE_FAILURES
    with time_machine.travel(NOW, tick=False):
        _fail_from_many_addresses(world.counsellor_a.username, free)
        refused = _try(world.counsellor_a.username, PASSWORD, address=200)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "1"
    assert b"Too many failed sign-ins for this username" in refused.content
    assert "_auth_user_id" not in refused.wsgi_request.session


def test_after_the_wait_the_owner_signs_in_and_the_count_is_cleared(world: World) -> None:
    free = settings.INFOHUB_LOGIN_ACCOUNT_FREE_FAILURES
    username = world.counsellor_a.username
    with time_machine.travel(NOW, tick=False) as clock:
        _fail_in_turn(username, free + 1, clock)
        assert _try(username, "wrong-password", address=200).status_code == 200
        refused = _try(username, PASSWORD, address=201)
        assert refused.status_code == 429
        assert refused["Retry-After"] == "4"
        clock.shift(dt.timedelta(seconds=4))
        assert _try(username, PASSWORD, address=201).status_code == 302
        assert not SignInSlowdown.objects.exists()
        assert _try(username, "wrong-password", address=202).status_code == 200


def test_the_wait_doubles_with_each_failure_up_to_the_cap(world: World, settings: Any) -> None:
    settings.INFOHUB_LOGIN_ACCOUNT_FREE_FAILURES = 2
    settings.INFOHUB_LOGIN_ACCOUNT_MAX_DELAY_SECONDS = 8
    assert [slowdown_delay(n).total_seconds() for n in range(1, 8)] == [0, 1, 2, 4, 8, 8, 8]
    with time_machine.travel(NOW, tick=False) as clock:
        waits = _fail_in_turn(world.editor.username, 7, clock)
    assert waits == [0, 1, 2, 4, 8, 8, 8]


def test_attempts_made_while_waiting_do_not_lengthen_the_wait(world: World) -> None:
    free = settings.INFOHUB_LOGIN_ACCOUNT_FREE_FAILURES
    username = world.counsellor_b.username
    with time_machine.travel(NOW, tick=False) as clock:
        _fail_in_turn(username, free + 2, clock)
        assert _try(username, "wrong-password", address=99).status_code == 200
        assert _wait_due() == 8
        for address in range(100, 150):
            assert _try(username, "guess", address=address).status_code == 429
        assert _wait_due() == 8
        clock.shift(dt.timedelta(seconds=8))
        assert _try(username, PASSWORD, address=200).status_code == 302


def test_an_unknown_username_gets_the_same_answer_as_a_known_one(world: World) -> None:
    free = settings.INFOHUB_LOGIN_ACCOUNT_FREE_FAILURES
    with time_machine.travel(NOW, tick=False):
        _fail_from_many_addresses(world.analyst_a.username, free)
        _fail_from_many_addresses("nobody-here", free)
        known = _try(world.analyst_a.username, "x", address=200)
        unknown = _try("nobody-here", "x", address=200)
    assert known.status_code == unknown.status_code == 429
    assert known["Retry-After"] == unknown["Retry-After"]
    assert without_csrf(known.content) == without_csrf(unknown.content)


def test_the_count_names_no_account_and_forgets_old_failures(world: World) -> None:
    free = settings.INFOHUB_LOGIN_ACCOUNT_FREE_FAILURES
    window = dt.timedelta(minutes=settings.INFOHUB_LOGIN_ACCOUNT_WINDOW_MINUTES)
    username = world.manager_a.username
    with time_machine.travel(NOW, tick=False) as clock:
        _fail_from_many_addresses(username, free)
        stored = list(SignInSlowdown.objects.values_list("key", flat=True))
        assert len(stored) == 1
        assert username not in stored[0]
        clock.shift(window + dt.timedelta(seconds=1))
        assert _try(username, PASSWORD, address=200).status_code == 302


def test_a_case_change_does_not_escape_the_count(world: World) -> None:
    free = settings.INFOHUB_LOGIN_ACCOUNT_FREE_FAILURES
    username = world.counsellor_a.username
    with time_machine.travel(NOW, tick=False):
        for address in range(free):
            variant = username.upper() if address % 2 else username
            _try(variant, "wrong-password", address=address)
        assert _try(username, PASSWORD, address=200).status_code == 429


def test_attempts_django_axes_refused_are_not_counted(world: World) -> None:
    username = world.counsellor_a.username
    with time_machine.travel(NOW, tick=False):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _try(username, "wrong-password", address=1)
        for _ in range(settings.INFOHUB_LOGIN_ACCOUNT_FREE_FAILURES * 2):
            assert _try(username, "wrong-password", address=1).status_code == 429  # axes
        assert _try(username, PASSWORD, address=2).status_code == 302
