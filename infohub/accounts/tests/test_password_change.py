"""Staff change their own password: the current one first, the validators, other sessions end."""

import pytest
import time_machine
from django.test import Client

from infohub.audit.models import AuditAction, AuditEvent
from infohub.testing.personas import PASSWORD, World, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db

PAGE = "/accounts/password/"
NEW = "a-new-long-passphrase-42"


def _signed_in(world: World) -> Client:
    enrol_authenticator(world.counsellor_a)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, world.counsellor_a)
    return client


def _change(client: Client, old: str, new: str, again: str | None = None) -> str:
    form = {"old_password": old, "new_password1": new, "new_password2": again or new}
    response = client.post(PAGE, form)
    return f"{response.status_code} {response.content.decode()}"


def test_a_counsellor_changes_their_password_and_their_other_sessions_end(world: World) -> None:
    with time_machine.travel("2026-03-01 09:00:05 +0000", tick=False) as clock:
        here, elsewhere = _signed_in(world), Client()
        clock.shift(30)  # each authenticator code works once: the other device waits for the next
        sign_in(elsewhere, world.counsellor_a, ip="10.0.0.2")
        assert here.get(PAGE).status_code == 200
        assert _change(here, PASSWORD, NEW).startswith("200 ")
        assert here.get("/staff/").status_code == 200  # this session goes on
        assert elsewhere.get("/staff/").status_code == 302  # the other one ended
    world.counsellor_a.refresh_from_db()
    assert world.counsellor_a.check_password(NEW)
    row = AuditEvent.objects.filter(action=AuditAction.PASSWORD_SET).get()
    assert row.actor == world.counsellor_a


@pytest.mark.parametrize(
    ("old", "new", "again", "message"),
    [
        ("wrong-password", NEW, None, "Your current password is not correct."),
        (PASSWORD, NEW, NEW + "x", "The two new passwords are not the same."),
        (PASSWORD, "short-1", None, "The password is too short: use at least 12 characters."),
        (PASSWORD, "123456789012345", None, "The password cannot be only digits."),
        (PASSWORD, "password1234", None, "This password is too common"),
    ],
)
def test_it_refuses_and_says_why(
    world: World, old: str, new: str, again: str | None, message: str
) -> None:
    answer = _change(_signed_in(world), old, new, again)
    assert answer.startswith("400 ")
    assert message in answer
    world.counsellor_a.refresh_from_db()
    assert world.counsellor_a.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action=AuditAction.PASSWORD_SET).exists()


def test_the_reasons_are_in_haitian_creole_too(world: World) -> None:
    client = _signed_in(world)
    client.cookies["django_language"] = "ht"
    answer = _change(client, PASSWORD, "short-1")
    assert answer.startswith("400 ")
    assert "The password is too short" not in answer
    assert 'lang="ht"' in answer


def test_it_needs_a_signed_in_and_verified_session(world: World) -> None:
    assert Client().get(PAGE)["Location"].startswith("/accounts/login/")
    enrol_authenticator(world.counsellor_b)
    password_only = Client()
    password_only.post(
        "/accounts/login/", {"username": world.counsellor_b.username, "password": PASSWORD}
    )
    assert password_only.get(PAGE)["Location"] == "/accounts/2fa/verify/"
