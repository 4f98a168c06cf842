"""The API tokens page: list, create after the second factor, revoke in scope.

The owner sees and revokes their own tokens; network A's administrator also those of
everyone holding a role in network A or its hubs, and nothing of network B's; every
other token, an unknown id and a malformed id answer 404 alike.
"""

import datetime as dt
import logging
import re
from typing import TYPE_CHECKING, Any

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.db import connection
from django.http import Http404
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from infohub.accounts.access import access_api_token
from infohub.accounts.models import ApiToken, User
from infohub.accounts.services import api_token_create, api_token_revoke, staff_create
from infohub.audit.models import AuditAction, AuditEvent
from infohub.testing.personas import (
    PASSWORD,
    World,
    current_code,
    enrol_authenticator,
    sign_in,
)
from infohub.testing.queries import query_counts

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

PAGE = "/staff/tokens/"
NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
RAW = re.compile(r"ihk_[A-Za-z0-9_-]{20,}")


def verified(user: User) -> Client:
    """A session that passed the second factor."""
    enrol_authenticator(user)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, user)
    return client


def password_only(user: User) -> Client:
    """A session that signed in with the password alone."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, user)
    return client


def revoke_url(token: ApiToken | str) -> str:
    public_id = token.public_id if isinstance(token, ApiToken) else token
    return f"/staff/tokens/{public_id}/revoke/"


def create(client: Client, **data: object) -> "Response":
    body = {"label": "Reporting", "scopes": ["directory:read"], "days": "30"} | data
    return client.post(PAGE, body)


# --- The list ---------------------------------------------------------------------------


def test_it_lists_the_users_own_tokens_and_no_one_elses(world: World) -> None:
    api_token_create(user=world.editor, label="Website sync")
    api_token_create(user=world.dpo, label="DPO export")
    response = verified(world.editor).get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Website sync" in html
    assert "Directory: read and write" in html
    assert "DPO export" not in html
    assert 'data-label="Expires"' in html


def test_an_expired_token_shows_as_expired_and_a_revoked_one_as_revoked(world: World) -> None:
    with time_machine.travel(NOW, tick=False):
        api_token_create(user=world.counsellor_a, label="Old one", days=1)
        revoked, _raw = api_token_create(user=world.counsellor_a, label="Gone one", days=30)
        api_token_revoke(token=revoked)
        api_token_create(user=world.counsellor_a, label="Live one", days=30)
    with time_machine.travel(NOW + dt.timedelta(days=2), tick=False):
        html = verified(world.counsellor_a).get(PAGE).content.decode()
    statuses = dict(
        re.findall(r'data-label="Label">([^<]+)</td>.*?data-label="Status"><strong>(\w+)<', html)
    )
    assert statuses == {"Old one": "Expired", "Gone one": "Revoked", "Live one": "Active"}
    # Only the active token has a revoke button.
    assert html.count('action="/staff/tokens/') == 1


def test_a_long_list_is_paginated_with_the_same_number_of_queries(world: World) -> None:
    client = verified(world.counsellor_a)
    made = 0

    def add(rows: int) -> list[str]:
        nonlocal made
        labels = []
        for _ in range(rows):
            made += 1
            labels.append(f"Token {made:03d}")
            api_token_create(user=world.counsellor_a, label=labels[-1])
        return labels[-1:]  # newest first: the last one is on the first page

    few, many = query_counts(client, PAGE, add, rows=10)
    assert few == many
    html = client.get(PAGE).content.decode()
    assert html.count('data-label="Label"') == 25
    assert "?page=2" in html
    assert "Token 001" in client.get(PAGE + "?page=2").content.decode()


# --- The second factor ------------------------------------------------------------------


def test_a_session_without_the_second_factor_cannot_create_a_token(world: World) -> None:
    # Editors need no second factor to sign in, but do for tokens.
    client = password_only(world.editor)
    page = client.get(PAGE)
    assert page.status_code == 403
    assert "/accounts/2fa/verify/" in page.content.decode()
    assert create(client).status_code == 403
    assert not ApiToken.objects.filter(user=world.editor).exists()


def test_an_enrolled_authenticator_is_not_enough_the_session_must_have_used_it(
    world: World,
) -> None:
    client = password_only(world.analyst_a)
    enrol_authenticator(world.analyst_a)
    assert create(client, scopes=["content:read"]).status_code == 403
    assert not ApiToken.objects.filter(user=world.analyst_a).exists()


def test_a_role_that_needs_the_second_factor_is_sent_to_it_first(world: World) -> None:
    enrol_authenticator(world.counsellor_a)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post("/accounts/login/", {"username": "counsellor-a", "password": PASSWORD})
    response = create(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/verify/"
    assert not ApiToken.objects.filter(user=world.counsellor_a).exists()


def test_a_session_without_the_second_factor_cannot_revoke(world: World) -> None:
    token, _raw = api_token_create(user=world.editor)
    assert password_only(world.editor).post(revoke_url(token)).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_anonymous_visitor_is_sent_to_sign_in(world: World) -> None:
    response = Client().get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- Creating ---------------------------------------------------------------------------


def test_the_raw_token_appears_only_in_the_create_response(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    client = verified(world.editor)
    statements: list[str] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements.append(f"{sql} {params!r}")
        return execute(sql, params, many, context)

    with caplog.at_level(logging.DEBUG), connection.execute_wrapper(record):
        response = create(client, label="Website sync", scopes=["content:write"], days="30")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "will not be shown again" in html
    raws = set(RAW.findall(html))
    assert len(raws) == 1
    raw = raws.pop()
    token = ApiToken.objects.get(user=world.editor)
    assert token.label == "Website sync"
    assert token.scopes == ["content:write"]
    # Only the digest is stored; the value is not in the session, the list or the audit.
    assert raw not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    for session in Session.objects.all():
        assert raw not in str(session.get_decoded())
    assert raw not in client.get(PAGE).content.decode()
    assert raw not in caplog.text
    # What the database was sent, parameters included: the digest, never the token.
    sent = " ".join(statements)
    assert 'INSERT INTO "accounts_apitoken"' in sent
    assert raw not in sent
    event = AuditEvent.objects.get(action=AuditAction.API_TOKEN_CREATE)
    assert event.actor == world.editor
    assert event.object_id == token.public_id
    assert raw not in str(AuditEvent.objects.filter(pk=event.pk).values().get())


def test_the_token_works_on_the_api_within_its_scopes(world: World) -> None:
    html = create(verified(world.counsellor_a), scopes=["casework:read"]).content.decode()
    raw = RAW.findall(html)[0]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get("/api/v1/consultations").status_code == 200
    assert api.get("/api/v1/hubs").status_code == 403  # no directory scope


def test_the_form_offers_only_the_scopes_the_roles_allow_and_ticks_their_defaults(
    world: World,
) -> None:
    html = verified(world.analyst_a).get(PAGE).content.decode()
    offered = set(re.findall(r'name="scopes" value="([a-z:]+)"', html))
    assert offered == {"casework:read", "directory:read", "content:read", "indicators:read"}
    ticked = set(re.findall(r'name="scopes" value="([a-z:]+)"[^>]*checked', html))
    assert ticked == offered
    assert 'name="days" value="90"' in html


def test_a_scope_beyond_the_roles_is_refused(world: World) -> None:
    response = create(verified(world.analyst_a), scopes=["casework:write"])
    assert response.status_code == 400
    assert not ApiToken.objects.filter(user=world.analyst_a).exists()


def test_a_token_needs_a_label_and_a_scope(world: World) -> None:
    client = verified(world.editor)
    assert create(client, label="").status_code == 400
    response = create(client, scopes=[])
    assert response.status_code == 400
    assert "Choose at least one scope." in response.content.decode()
    assert not ApiToken.objects.exists()


@override_settings(INFOHUB_TOKEN_MAX_DAYS=30)
def test_the_days_are_capped_by_the_setting(world: World) -> None:
    client = verified(world.editor)
    assert 'name="days" value="30"' in client.get(PAGE).content.decode()
    assert create(client, days="31").status_code == 400
    assert not ApiToken.objects.exists()
    with time_machine.travel(NOW, tick=False):
        assert create(client, days="30").status_code == 200
    assert ApiToken.objects.get().expires_at == NOW + dt.timedelta(days=30)


def test_an_account_without_roles_gets_no_form(world: World) -> None:
    user, _password = staff_create(
        username="no-role", role="editor", organisation=world.network_a, password=PASSWORD
    )
    user.memberships.all().delete()
    html = verified(user).get(PAGE).content.decode()
    assert "You hold no role" in html
    assert 'name="scopes"' not in html


# --- Revoking ---------------------------------------------------------------------------


def test_the_owner_revokes_their_own_token(world: World) -> None:
    token, _raw = api_token_create(user=world.counsellor_a)
    response = verified(world.counsellor_a).post(revoke_url(token))
    assert response.status_code == 302
    assert response["Location"] == PAGE
    token.refresh_from_db()
    assert token.revoked_at is not None
    event = AuditEvent.objects.get(action=AuditAction.API_TOKEN_REVOKE)
    assert (event.actor, event.object_id) == (world.counsellor_a, token.public_id)


def test_revoking_needs_a_post(world: World) -> None:
    token, _raw = api_token_create(user=world.counsellor_a)
    assert verified(world.counsellor_a).get(revoke_url(token)).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_needs_the_csrf_token(world: World) -> None:
    token, _raw = api_token_create(user=world.counsellor_a)
    enrol_authenticator(world.counsellor_a)
    client = Client(enforce_csrf_checks=True)
    sign_in_with_csrf(client, world.counsellor_a)
    assert client.post(revoke_url(token)).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None
    csrf = client.cookies["csrftoken"].value
    assert client.post(revoke_url(token), {"csrfmiddlewaretoken": csrf}).status_code == 302


def sign_in_with_csrf(client: Client, user: User) -> None:
    """Sign in on a client that checks CSRF, reading each form's token as a browser does."""
    client.get("/accounts/login/")
    csrf = client.cookies["csrftoken"].value
    client.post(
        "/accounts/login/",
        {"username": user.username, "password": PASSWORD, "csrfmiddlewaretoken": csrf},
    )
    device = TOTPDevice.objects.get(user=user)
    csrf = client.cookies["csrftoken"].value
    client.post(
        "/accounts/2fa/verify/", {"code": current_code(device), "csrfmiddlewaretoken": csrf}
    )


def test_a_counsellor_cannot_revoke_someone_elses_token(world: World) -> None:
    token, _raw = api_token_create(user=world.counsellor_b)
    client = verified(world.counsellor_a)
    assert client.post(revoke_url(token)).status_code == 404
    assert "counsellor-b" not in client.get(PAGE).content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_organisations_admin_sees_and_revokes_its_staffs_tokens(world: World) -> None:
    in_hub, _raw = api_token_create(user=world.counsellor_a, label="Hub A sync")
    in_org, _raw = api_token_create(user=world.editor, label="Network A site")
    other_hub, _raw = api_token_create(user=world.counsellor_b, label="Hub B sync")
    provider, _raw = api_token_create(user=world.provider_staff_a, label="Provider A feed")
    client = verified(world.admin)
    html = client.get(PAGE).content.decode()
    assert "Hub A sync" in html
    assert "Network A site" in html
    assert "Hub B sync" not in html
    assert "Provider A feed" not in html
    for token in (in_hub, in_org):
        assert client.post(revoke_url(token)).status_code == 302
        token.refresh_from_db()
        assert token.revoked_at is not None
    for token in (other_hub, provider):
        assert client.post(revoke_url(token)).status_code == 404
        token.refresh_from_db()
        assert token.revoked_at is None
    actors = set(
        AuditEvent.objects.filter(action=AuditAction.API_TOKEN_REVOKE).values_list(
            "actor__username", flat=True
        )
    )
    assert actors == {"admin-a"}


def test_the_admin_of_another_organisation_gets_404(world: World) -> None:
    admin_b, _password = staff_create(
        username="admin-b", role="admin", organisation=world.network_b, password=PASSWORD
    )
    token_a, _raw = api_token_create(user=world.counsellor_a, label="Hub A sync")
    api_token_create(user=world.counsellor_b, label="Hub B sync")
    client = verified(admin_b)
    html = client.get(PAGE).content.decode()
    assert "Hub A sync" not in html
    assert "Hub B sync" in html
    assert client.post(revoke_url(token_a)).status_code == 404
    token_a.refresh_from_db()
    assert token_a.revoked_at is None


def test_an_unknown_or_malformed_token_id_answers_404(world: World) -> None:
    client = verified(world.admin)
    assert client.post(revoke_url("00000000-0000-4000-8000-000000000000")).status_code == 404
    assert client.post(revoke_url("not-a-token")).status_code == 404
    assert client.post(revoke_url("1")).status_code == 404


def test_an_administrator_cannot_revoke_another_admins_token_outside_their_organisation(
    world: World,
) -> None:
    admin_b, _password = staff_create(
        username="admin-b", role="admin", organisation=world.network_b, password=PASSWORD
    )
    token, _raw = api_token_create(user=admin_b)
    assert verified(world.admin).post(revoke_url(token)).status_code == 404


def test_a_deactivated_administrator_sees_nothing(world: World) -> None:
    token, _raw = api_token_create(user=world.counsellor_a)
    assert access_api_token(user=world.admin, public_id=token.public_id) == token
    world.admin.is_active = False
    with pytest.raises(Http404):
        access_api_token(user=world.admin, public_id=token.public_id)


# --- The staff desk ---------------------------------------------------------------------


def test_the_staff_desk_links_to_the_page_with_the_active_count(world: World) -> None:
    api_token_create(user=world.counsellor_a)
    expired, _raw = api_token_create(user=world.counsellor_a, days=1)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    html = verified(world.counsellor_a).get("/staff/").content.decode()
    assert f'href="{PAGE}"' in html
    assert "<strong>1</strong> active API token" in html
