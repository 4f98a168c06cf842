"""Passkeys: their pages need a verified session; ceremonies never stand in for the password.

The ceremonies themselves (a browser signing a challenge) are tested in Chromium with a
virtual authenticator: tests/browser/test_passkeys_browser.py.
"""

import json
import os
import re

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django_otp_webauthn.models import WebAuthnCredential
from webauthn.helpers import bytes_to_base64url

from infohub.accounts.authentication import second_factor_reset
from infohub.accounts.models import User
from infohub.accounts.passkeys import FRESH_SECONDS
from infohub.accounts.recovery import recovery_codes_generate, recovery_codes_remaining
from infohub.audit.models import AuditAction, AuditEvent
from infohub.testing.personas import PASSWORD, World, current_code, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db

PASSKEYS = "/accounts/2fa/passkeys/"
REGISTRATION_BEGIN = "/accounts/webauthn/registration/begin/"
AUTHENTICATION_BEGIN = "/accounts/webauthn/authentication/begin/"


def password_only(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def verified(user: User) -> Client:
    enrol_authenticator(user)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, user)
    return client


def passkey_for(user: User) -> WebAuthnCredential:
    return WebAuthnCredential.objects.create(
        user=user,
        name="",
        credential_id=os.urandom(32),
        public_key=os.urandom(77),
        aaguid="00000000-0000-0000-0000-000000000000",
    )


def scripts(html: str) -> list[str]:
    return re.findall(r"<script[^>]*>", html)


def test_the_passkey_pages_send_someone_not_signed_in_to_the_sign_in_page(world: World) -> None:
    passkey = passkey_for(world.counsellor_a)
    for response in (
        Client().get(PASSKEYS),
        Client().post(f"{PASSKEYS}{passkey.pk}/remove/"),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


@pytest.mark.parametrize("persona", ["counsellor_a", "editor"])
def test_the_passkey_pages_ask_a_password_only_session_for_the_second_step(
    world: World, persona: str
) -> None:
    user = getattr(world, persona)
    enrol_authenticator(user)
    passkey = passkey_for(user)
    client = password_only(user)
    for response in (client.get(PASSKEYS), client.post(f"{PASSKEYS}{passkey.pk}/remove/")):
        assert response.status_code == 302
        assert response["Location"] == "/accounts/2fa/verify/"
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


def test_registering_a_passkey_needs_a_verified_session(world: World) -> None:
    # The editor's role lets them in on a password, but a passkey is a second factor.
    enrol_authenticator(world.editor)
    response = password_only(world.editor).post(REGISTRATION_BEGIN)
    assert response.status_code == 403
    assert response.json()["code"] == "user_not_verified"
    assert Client().post(REGISTRATION_BEGIN).status_code == 403


def test_a_verified_session_needs_a_fresh_code_to_add_a_passkey(world: World) -> None:
    user = world.counsellor_a
    with time_machine.travel("2026-03-01 09:00:05 +0000", tick=False) as clock:
        device = enrol_authenticator(user)
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        sign_in(client, user)
        refused = client.post(REGISTRATION_BEGIN)
        assert refused.status_code == 403
        assert refused.json()["code"] == "fresh_factor_required"
        page = client.get(PASSKEYS).content.decode()
        assert "passkey-register-button" not in page
        assert 'name="code"' in page
        # The code that signed in was used up; the next one confirms.
        assert client.post(PASSKEYS, {"code": current_code(device)}).status_code == 400
        clock.shift(device.step)
        device.refresh_from_db()
        assert client.post(PASSKEYS, {"code": current_code(device)}).status_code == 302
        assert "passkey-register-button" in client.get(PASSKEYS).content.decode()
        response = client.post(REGISTRATION_BEGIN)
        assert response.status_code == 200
        options = response.json()
        assert options["rp"]["id"] == settings.OTP_WEBAUTHN_RP_ID
        assert options["user"]["name"] == user.username
        # The confirmation lasts two minutes, not the whole session.
        clock.shift(FRESH_SECONDS + 1)
        assert client.post(REGISTRATION_BEGIN).status_code == 403


def test_a_passkey_never_replaces_the_password(world: World) -> None:
    passkey_for(world.counsellor_a)
    response = Client().post(AUTHENTICATION_BEGIN)
    assert response.status_code == 403
    assert response.json()["code"] == "passwordless_login_disabled"


def test_a_password_only_session_may_start_a_passkey_step_for_its_own_passkeys(
    world: World,
) -> None:
    enrol_authenticator(world.counsellor_a)
    own = passkey_for(world.counsellor_a)
    passkey_for(world.counsellor_b)
    response = password_only(world.counsellor_a).post(AUTHENTICATION_BEGIN)
    assert response.status_code == 200
    allowed = [credential["id"] for credential in response.json()["allowCredentials"]]
    assert allowed == [bytes_to_base64url(bytes(own.credential_id))]


def test_the_passkeys_page_lists_the_users_own_and_loads_only_script_files(world: World) -> None:
    with time_machine.travel("2026-03-01 09:00:05 +0000", tick=False) as clock:
        device = enrol_authenticator(world.counsellor_a)
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        sign_in(client, world.counsellor_a)
        clock.shift(device.step)
        device.refresh_from_db()
        assert client.post(PASSKEYS, {"code": current_code(device)}).status_code == 302
        own = passkey_for(world.counsellor_a)
        passkey_for(world.counsellor_b)
        response = client.get(PASSKEYS)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("/remove/") == 1
    assert f"{PASSKEYS}{own.pk}/remove/" in html
    # The strict CSP runs no inline script: every script is a file or JSON data.
    tags = scripts(html)
    assert tags
    assert all(" src=" in tag or 'type="application/json"' in tag for tag in tags), tags
    assert any("django_otp_webauthn/otp_webauthn_register.js" in tag for tag in tags)


def test_a_user_removes_their_own_passkey_and_not_someone_elses(world: World) -> None:
    client = verified(world.counsellor_a)
    own = passkey_for(world.counsellor_a)
    theirs = passkey_for(world.counsellor_b)
    assert client.post(f"{PASSKEYS}{theirs.pk}/remove/").status_code == 404
    assert client.post(f"{PASSKEYS}not-a-number/remove/").status_code == 404
    assert WebAuthnCredential.objects.filter(pk=theirs.pk).exists()
    response = client.post(f"{PASSKEYS}{own.pk}/remove/")
    assert response.status_code == 302
    assert response["Location"] == PASSKEYS
    assert not WebAuthnCredential.objects.filter(pk=own.pk).exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.PASSKEY_REMOVE, object_id=world.counsellor_a.public_id
    ).exists()


def test_the_verify_page_offers_a_passkey_only_to_someone_who_has_one(world: World) -> None:
    enrol_authenticator(world.counsellor_a)
    client = password_only(world.counsellor_a)
    assert b"passkey-verification-placeholder" not in client.get("/accounts/2fa/verify/").content
    passkey_for(world.counsellor_a)
    html = client.get("/accounts/2fa/verify/").content.decode()
    assert "passkey-verification-placeholder" in html
    # Without JavaScript the code form and the recovery link still work.
    assert 'name="code"' in html
    assert 'href="/accounts/2fa/verify/recovery/"' in html
    tags = scripts(html)
    assert all(" src=" in tag or 'type="application/json"' in tag for tag in tags), tags


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "Verificación exitosa"),
        ("fr", "Vérification réussie"),
        ("ht", "Verifikasyon an reyisi"),
    ],
)
def test_the_passkey_scripts_speak_every_ui_language(language: str, expected: str) -> None:
    catalog = Client(HTTP_ACCEPT_LANGUAGE=language).get("/accounts/webauthn/jsi18n/")
    assert catalog.status_code == 200
    # The catalog is JSON in a script: accented letters arrive escaped.
    assert json.dumps(expected)[1:-1] in catalog.content.decode()


def test_resetting_a_lost_phone_removes_passkeys_but_keeps_recovery_codes(world: World) -> None:
    user = world.counsellor_a
    enrol_authenticator(user)
    passkey_for(user)
    other = passkey_for(world.counsellor_b)
    recovery_codes_generate(user=user)
    second_factor_reset(user=user, actor=world.admin)
    assert not WebAuthnCredential.objects.filter(user=user).exists()
    assert WebAuthnCredential.objects.filter(pk=other.pk).exists()
    assert recovery_codes_remaining(user=user) == 10
