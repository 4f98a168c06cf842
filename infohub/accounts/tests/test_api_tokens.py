"""API tokens: expiry, revocation, scopes, the role defaults and `create_api_token`."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from infohub.accounts.errors import ProvisioningError
from infohub.accounts.models import ApiToken, Role, User
from infohub.accounts.services import api_token_create, api_token_revoke, api_token_verify
from infohub.accounts.tokens import ROLE_TOKEN_SCOPES, scopes_for_roles
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)


def run(*args: str) -> list[str]:
    out = io.StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue().splitlines()


def scopes_of(user: User, *scopes: str) -> list[str]:
    return list(api_token_create(user=user, scopes=scopes)[0].scopes)


def test_a_token_expires_after_90_days_by_default(world: World) -> None:
    with time_machine.travel(NOW, tick=False):
        token, raw = api_token_create(user=world.counsellor_a)
        assert token.expires_at == NOW + dt.timedelta(days=90)
    with time_machine.travel(NOW + dt.timedelta(days=89), tick=False):
        assert api_token_verify(raw_token=raw) == token
    with time_machine.travel(NOW + dt.timedelta(days=90), tick=False):
        assert api_token_verify(raw_token=raw) is None


def test_a_revoked_token_authenticates_nothing(world: World) -> None:
    token, raw = api_token_create(user=world.counsellor_a)
    api_token_revoke(token=token)
    assert api_token_verify(raw_token=raw) is None


def test_area_scopes_are_kept_and_write_implies_read(world: World) -> None:
    assert scopes_of(world.counsellor_a, "casework:read") == ["casework:read"]
    assert scopes_of(world.counsellor_a, "casework:read", "casework:write", "content:read") == [
        "casework:write",
        "content:read",
    ]
    assert scopes_of(world.counsellor_a, " Directory:WRITE ") == ["directory:write"]


def test_plain_read_is_read_on_every_area_the_roles_reach(world: World) -> None:
    assert scopes_of(world.counsellor_a, "read") == [
        "casework:read",
        "content:read",
        "directory:read",
    ]
    assert scopes_of(world.editor, "read") == ["content:read", "directory:read"]
    assert scopes_of(world.editor, "read", "content:write") == ["content:write", "directory:read"]


@pytest.mark.parametrize("scope", ["write", "casework", "casework:admin", "people:read", ""])
def test_an_unknown_scope_is_refused_by_name(world: World, scope: str) -> None:
    with pytest.raises(ProvisioningError, match="scope"):
        api_token_create(user=world.counsellor_a, scopes=[scope])
    assert not ApiToken.objects.exists()


def test_without_scopes_a_token_has_its_roles_defaults(world: World) -> None:
    assert scopes_of(world.counsellor_a) == sorted(ROLE_TOKEN_SCOPES[Role.COUNSELLOR])
    assert scopes_of(world.editor) == ["content:write", "directory:write"]
    assert "casework:write" not in scopes_of(world.analyst_a)


def test_the_role_defaults_merge_with_write_winning_over_read() -> None:
    merged = scopes_for_roles([Role.ANALYST, Role.EDITOR])
    assert merged == ["casework:read", "content:write", "directory:write", "indicators:read"]


def test_every_role_has_default_scopes() -> None:
    assert set(ROLE_TOKEN_SCOPES) == set(Role)


@override_settings(INFOHUB_TOKEN_MAX_DAYS=30)
def test_the_lifetime_is_capped_by_the_setting(world: World) -> None:
    assert api_token_create(user=world.counsellor_a, days=30)[0].expires_at <= (
        timezone.now() + dt.timedelta(days=30)
    )
    for days in (31, 0):
        with pytest.raises(ProvisioningError, match="INFOHUB_TOKEN_MAX_DAYS"):
            api_token_create(user=world.counsellor_a, days=days)


def test_the_command_prints_the_token_last_with_scopes_and_days(world: World) -> None:
    with time_machine.travel(NOW, tick=False):
        lines = run(
            "--username", "counsellor-a", "--scope", "casework:read", "--scope", "content:read",
            "--days", "7",
        )  # fmt: skip
        assert api_token_verify(raw_token=lines[-1]) is not None
    token = ApiToken.objects.get()
    assert lines[-1].startswith("ihk_")
    assert token.scopes == ["casework:read", "content:read"]
    assert token.expires_at == NOW + dt.timedelta(days=7)


def test_the_command_defaults_to_the_roles_scopes_and_90_days(world: World) -> None:
    raw = run("--username", "counsellor-a")[-1]
    token = api_token_verify(raw_token=raw)
    assert token is not None
    assert token.scopes == sorted(ROLE_TOKEN_SCOPES[Role.COUNSELLOR])
    assert (token.expires_at - token.created_at).days in (89, 90)


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("--scope", "casework:delete"), "casework:delete"),
        (("--days", "366"), "366"),
        (("--days", "0"), "INFOHUB_TOKEN_MAX_DAYS"),
    ],
)
def test_the_command_names_a_bad_scope_or_lifetime(
    world: World, args: tuple[str, ...], named: str
) -> None:
    with pytest.raises(CommandError, match=named):
        run("--username", "counsellor-a", *args)
    assert not ApiToken.objects.exists()
