"""Provisioning from the command line: create_org, create_hub, create_staff, tokens."""

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from infohub.accounts.models import ApiToken, Hub, Membership, Organisation, User
from infohub.accounts.services import api_token_authenticate
from infohub.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def run(*args: str, **options: Any) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


@pytest.fixture
def hub() -> Hub:
    run("create_org", "--slug", "net", "--name", "Network", "--kind", "hub_operator")
    run(
        "create_hub",
        "--slug",
        "h1",
        "--name",
        "Hub 1",
        "--org",
        "net",
        "--country",
        "cr",
        "--municipality",
        "Town",
    )
    return Hub.objects.get(slug="h1")


def test_it_creates_an_organisation_and_a_hub_with_audit_rows(hub: Hub) -> None:
    assert hub.organisation.kind == "hub_operator"
    assert hub.country == "CR"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {AuditAction.ORGANISATION_CREATE, AuditAction.HUB_CREATE} <= actions


def test_it_creates_staff_with_a_password_from_stdin(
    hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-enough-secret-42\n"))
    run(
        "create_staff",
        "--username",
        "ana",
        "--role",
        "counsellor",
        "--hub",
        "h1",
        "--password-stdin",
    )
    user = User.objects.get(username="ana")
    assert user.check_password("a-long-enough-secret-42")
    assert Membership.objects.get(user=user).hub == hub


def test_it_generates_and_prints_a_password_when_none_is_given(hub: Hub) -> None:
    output = run("create_staff", "--username", "ben", "--role", "hub_manager", "--hub", "h1")
    password = output.split("shown once: ")[1].splitlines()[0].strip()
    assert User.objects.get(username="ben").check_password(password)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["create_org", "--slug", "x", "--name", "X", "--kind", "bank"],
            "Unknown organisation kind",
        ),
        (
            [
                "create_hub",
                "--slug",
                "h2",
                "--name",
                "H",
                "--org",
                "nope",
                "--country",
                "CR",
                "--municipality",
                "M",
            ],
            "No organisation with slug",
        ),
        (
            [
                "create_hub",
                "--slug",
                "h2",
                "--name",
                "H",
                "--org",
                "net",
                "--country",
                "XX",
                "--municipality",
                "M",
            ],
            "not an ISO 3166 country code",
        ),
        (
            ["create_staff", "--username", "c", "--role", "counsellor", "--org", "net"],
            "cannot be held in",
        ),
        (["create_staff", "--username", "c", "--role", "wizard", "--hub", "h1"], "Unknown role"),
        (
            ["create_staff", "--username", "c", "--role", "provider_staff", "--org", "net"],
            "service provider or NGO",
        ),
    ],
)
def test_it_rejects_bad_input_with_a_clear_message(hub: Hub, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not User.objects.filter(username="c").exists()


def test_it_rejects_a_weak_password(hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("12345678\n"))
    with pytest.raises(CommandError, match="too short"):
        run(
            "create_staff",
            "--username",
            "d",
            "--role",
            "counsellor",
            "--hub",
            "h1",
            "--password-stdin",
        )
    assert not User.objects.filter(username="d").exists()


def test_a_token_is_printed_once_stored_hashed_and_revocable(hub: Hub) -> None:
    run("create_staff", "--username", "eve", "--role", "analyst", "--hub", "h1")
    raw = run("create_api_token", "--username", "eve").strip()
    token = ApiToken.objects.get(user__username="eve")
    assert raw not in token.digest
    assert api_token_authenticate(raw_token=raw) == token.user
    run("revoke_api_token", str(token.public_id))
    assert api_token_authenticate(raw_token=raw) is None
    assert AuditEvent.objects.filter(action=AuditAction.API_TOKEN_REVOKE).count() == 1


def test_unknown_organisations_are_refused_without_leaving_anything() -> None:
    before = Organisation.objects.count()
    with pytest.raises(CommandError):
        run(
            "create_hub",
            "--slug",
            "h",
            "--name",
            "H",
            "--org",
            "ghost",
            "--country",
            "CR",
            "--municipality",
            "M",
        )
    assert Organisation.objects.count() == before
    assert not Hub.objects.exists()
