"""`mail_token_expiry`: owners hear once per token that it expires soon, never its value.

The clock is moved with time-machine; mail goes to Django's locmem outbox, and a
backend that refuses every message stands in for a mail server that is down.
"""

import datetime as dt
import io
import smtplib
from collections.abc import Sequence

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.test import override_settings

from infohub.accounts.models import ApiToken, User
from infohub.accounts.services import (
    api_token_create,
    api_token_expiry_warning_claim,
    api_token_revoke,
)
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
BASE = "https://hub.example.org"


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise smtplib.SMTPServerDisconnected("down")


REFUSING = f"{__name__}.RefusingBackend"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("mail_token_expiry", "--base-url", BASE, *args, stdout=out)
    return out.getvalue()


def with_email(user: User, address: str) -> User:
    user.email = address
    user.save(update_fields=["email"])
    return user


def issued(user: User, label: str, *, days: int) -> tuple[ApiToken, str]:
    """A token issued at NOW that expires ``days`` later."""
    with time_machine.travel(NOW, tick=False):
        return api_token_create(user=user, label=label, days=days)


@pytest.fixture
def owner(world: World) -> User:
    return with_email(world.editor, "editor@example.org")


def test_it_mails_the_owner_of_a_token_that_expires_soon_once(owner: User) -> None:
    token, raw = issued(owner, "Website sync", days=10)
    with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
        assert "warnings sent: 1;" in run()
        assert "warnings sent: 0;" in run()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["editor@example.org"]
    assert "Website sync" in message.subject
    assert "Website sync" in message.body
    assert f"{BASE}/staff/tokens/" in message.body
    assert raw not in message.body
    assert raw not in message.subject
    assert "ihk_" not in message.body
    token.refresh_from_db()
    assert token.expiry_warned_at == NOW + dt.timedelta(hours=1)


def test_the_mail_gives_the_expiry_in_the_time_of_the_owners_hubs(owner: User) -> None:
    # 11 June 2026, 12:00 UTC is 06:00 in Costa Rica, where the editor's network runs hub A.
    issued(owner, "Website sync", days=10)
    with time_machine.travel(NOW, tick=False), override_settings(LANGUAGE_CODE="en"):
        run()
    body = mail.outbox[0].body
    assert "June 11, 2026, 6 a.m. (America/Costa_Rica)" in body
    assert mail.outbox[0].extra_headers["Content-Language"] == "en"


def test_the_mail_is_written_in_the_sites_default_language(owner: User) -> None:
    issued(owner, "Website sync", days=10)
    with time_machine.travel(NOW, tick=False), override_settings(LANGUAGE_CODE="es"):
        run()
    message = mail.outbox[0]
    assert message.extra_headers["Content-Language"] == "es"
    assert "caduca" in message.subject
    assert "junio de 2026" in message.body


def test_it_waits_until_the_token_is_within_the_warning_period(owner: User) -> None:
    issued(owner, "Website sync", days=30)
    with time_machine.travel(NOW + dt.timedelta(days=15), tick=False):
        run()
    assert mail.outbox == []
    with time_machine.travel(NOW + dt.timedelta(days=16), tick=False):
        run()
    assert len(mail.outbox) == 1


@override_settings(INFOHUB_TOKEN_EXPIRY_WARNING_DAYS=3)
def test_the_warning_period_follows_the_setting(owner: User) -> None:
    issued(owner, "Website sync", days=10)
    with time_machine.travel(NOW + dt.timedelta(days=6), tick=False):
        assert "(warning period: 3 days)" in run()
    assert mail.outbox == []
    with time_machine.travel(NOW + dt.timedelta(days=7), tick=False):
        run()
    assert len(mail.outbox) == 1


def test_it_mails_each_token_once_even_for_the_same_owner(owner: User) -> None:
    issued(owner, "First", days=5)
    issued(owner, "Second", days=12)
    with time_machine.travel(NOW, tick=False):
        run()
        run()
    assert len(mail.outbox) == 2
    assert {label for m in mail.outbox for label in ("First", "Second") if label in m.subject} == {
        "First",
        "Second",
    }


def test_revoked_expired_and_deactivated_owners_tokens_are_not_mailed(
    owner: User, world: World
) -> None:
    revoked, _raw = issued(owner, "Revoked", days=5)
    api_token_revoke(token=revoked)
    issued(owner, "Already expired", days=1)
    gone = with_email(world.analyst_a, "analyst@example.org")
    issued(gone, "Of a deactivated account", days=5)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    with time_machine.travel(NOW + dt.timedelta(days=2), tick=False):
        assert "warnings sent: 0;" in run()
    assert mail.outbox == []


def test_an_owner_without_an_address_is_counted_and_not_marked(world: World) -> None:
    token, _raw = issued(world.counsellor_a, "No address", days=5)
    with time_machine.travel(NOW, tick=False):
        assert "owners without an email address: 1" in run()
    token.refresh_from_db()
    assert token.expiry_warned_at is None
    assert mail.outbox == []


def test_a_dry_run_sends_and_marks_nothing(owner: User) -> None:
    token, _raw = issued(owner, "Website sync", days=5)
    with time_machine.travel(NOW, tick=False):
        assert "warnings would be sent: 1;" in run("--dry-run")
    token.refresh_from_db()
    assert token.expiry_warned_at is None
    assert mail.outbox == []


def test_a_mail_that_fails_is_tried_again_on_the_next_run(owner: User) -> None:
    token, _raw = issued(owner, "Website sync", days=5)
    with time_machine.travel(NOW, tick=False):
        with override_settings(EMAIL_BACKEND=REFUSING), pytest.raises(CommandError):
            run()
        token.refresh_from_db()
        assert token.expiry_warned_at is None
        run()
    assert len(mail.outbox) == 1


def test_it_needs_the_sites_address_for_the_link(owner: User) -> None:
    issued(owner, "Website sync", days=5)
    with override_settings(INFOHUB_PUBLIC_URL=""), pytest.raises(CommandError):
        call_command("mail_token_expiry", stdout=io.StringIO())
    assert mail.outbox == []


def test_the_public_address_setting_gives_the_link(owner: User) -> None:
    issued(owner, "Website sync", days=5)
    with (
        time_machine.travel(NOW, tick=False),
        override_settings(INFOHUB_PUBLIC_URL="https://other.example.org/"),
    ):
        call_command("mail_token_expiry", stdout=io.StringIO())
    assert "https://other.example.org/staff/tokens/" in mail.outbox[0].body


def test_a_token_another_run_claimed_is_not_mailed_twice(owner: User) -> None:
    token, _raw = issued(owner, "Website sync", days=5)
    assert api_token_expiry_warning_claim(token=token)
    assert not api_token_expiry_warning_claim(token=token)
    with time_machine.travel(NOW, tick=False):
        assert "warnings sent: 0;" in run()
    assert mail.outbox == []
