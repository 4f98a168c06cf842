"""The demo accounts come with authenticators, and ``demo_logins --show-secrets`` prints them.

A newcomer loads the demo, prints the keys, types one into an authenticator app and
signs in as that role: no setup page in between. The keys are never printed in
production.
"""

import base64
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from infohub.audit.models import AuditAction, AuditEvent
from infohub.demo.data import DEMO_PASSWORD, STAFF

pytestmark = pytest.mark.django_db

NEEDS_A_SECOND_FACTOR = {
    "demo-admin", "demo-manager", "demo-counsellor", "demo-counsellor-do", "demo-advisor",
    "demo-provider", "demo-dpo",
}  # fmt: skip
KEY_LINE = re.compile(r"^\s+key ([A-Z2-7]+)$", re.MULTILINE)


def load_demo() -> None:
    call_command("load_demo", stdout=io.StringIO())


def demo_logins(*args: str) -> str:
    out = io.StringIO()
    call_command("demo_logins", *args, stdout=out)
    return out.getvalue()


def printed_keys(output: str) -> dict[str, str]:
    """The key printed under each account's line."""
    keys, username = {}, ""
    for line in output.splitlines():
        if line.startswith("  ") and not line.startswith("    "):
            username = line.split()[0]
        elif match := KEY_LINE.match(line):
            keys[username] = match.group(1)
    return keys


def code_from(key: str) -> str:
    raw = base64.b32decode(key + "=" * (-len(key) % 8))
    return f"{totp(raw, t0=0, step=30, digits=6, drift=0):06d}"


def test_it_enrols_every_demo_role_that_needs_one_and_prints_the_keys_when_asked() -> None:
    load_demo()
    enrolled = set(
        TOTPDevice.objects.filter(confirmed=True).values_list("user__username", flat=True)
    )
    assert enrolled == NEEDS_A_SECOND_FACTOR
    enrolments = AuditEvent.objects.filter(action=AuditAction.SECOND_FACTOR_ENROL)
    assert enrolments.count() == len(NEEDS_A_SECOND_FACTOR)
    output = demo_logins("--show-secrets")
    keys = printed_keys(output)
    assert set(keys) == NEEDS_A_SECOND_FACTOR
    assert len(set(keys.values())) == len(keys)  # one random key per account
    assert output.count("otpauth://totp/") == len(NEEDS_A_SECOND_FACTOR)
    assert all(username in output for username, *_rest in STAFF)


def test_it_keeps_the_keys_when_loaded_again_and_prints_none_unless_asked() -> None:
    load_demo()
    first = printed_keys(demo_logins("--show-secrets"))
    load_demo()
    assert printed_keys(demo_logins("--show-secrets")) == first
    output = demo_logins()
    assert printed_keys(output) == {}
    assert "otpauth://" not in output
    assert "--show-secrets" in output


@override_settings(PRODUCTION=True)
def test_it_refuses_to_print_keys_in_production() -> None:
    with pytest.raises(CommandError, match="production"):
        demo_logins("--show-secrets")


def test_a_newcomer_signs_in_as_each_role_with_the_printed_key() -> None:
    load_demo()
    keys = printed_keys(demo_logins("--show-secrets"))
    for username in sorted(NEEDS_A_SECOND_FACTOR):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        response = client.post(
            "/accounts/login/", {"username": username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302
        assert client.get("/staff/")["Location"].startswith("/accounts/2fa/verify/")
        response = client.post("/accounts/2fa/verify/", {"code": code_from(keys[username])})
        assert response.status_code == 302, (username, response.content[:500])
        assert client.get("/staff/").status_code == 200
