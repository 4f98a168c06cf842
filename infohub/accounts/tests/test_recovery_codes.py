"""Recovery codes: ten single-use codes, kept hashed, shown once, made again with a fresh code."""

import re

import pytest
import time_machine
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from infohub.accounts.models import RecoveryCode, User
from infohub.accounts.recovery import recovery_codes_generate, recovery_codes_remaining
from infohub.audit.models import AuditAction, AuditEvent
from infohub.testing.personas import PASSWORD, World, current_code, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db

RECOVERY = "/accounts/2fa/recovery/"
VERIFY_RECOVERY = "/accounts/2fa/verify/recovery/"
CODE_PATTERN = re.compile(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>")


def password_only(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def verified(user: User) -> tuple[Client, TOTPDevice]:
    device = enrol_authenticator(user)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, user)
    return client, device


def audited(action: AuditAction, user: User) -> int:
    return AuditEvent.objects.filter(action=action, object_id=user.public_id).count()


def test_the_recovery_page_sends_someone_not_signed_in_to_the_sign_in_page() -> None:
    response = Client().get(RECOVERY)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("persona", ["counsellor_a", "editor"])
def test_the_recovery_page_asks_a_password_only_session_for_the_second_step(
    world: World, persona: str
) -> None:
    # The editor's role does not require the second factor, but the page does.
    user = getattr(world, persona)
    enrol_authenticator(user)
    client = password_only(user)
    for response in (client.get(RECOVERY), client.post(RECOVERY, {"code": "123456"})):
        assert response.status_code == 302
        assert response["Location"] == "/accounts/2fa/verify/"
    assert not RecoveryCode.objects.exists()


def test_new_codes_are_shown_once_for_a_fresh_authenticator_code(world: World) -> None:
    user = world.counsellor_a
    with time_machine.travel("2026-03-01 09:00:05 +0000", tick=False) as clock:
        client, device = verified(user)
        page = client.get(RECOVERY)
        assert page.status_code == 200
        assert b"You have 0 unused recovery codes." in page.content
        # The code that signed in was used up: it cannot make codes.
        refused = client.post(RECOVERY, {"code": current_code(device)})
        assert refused.status_code == 400
        assert not RecoveryCode.objects.exists()
        clock.shift(device.step)
        device.refresh_from_db()
        response = client.post(RECOVERY, {"code": current_code(device)})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    codes = CODE_PATTERN.findall(response.content.decode())
    assert len(codes) == len(set(codes)) == 10
    assert b"the only time these codes are shown" in response.content
    assert recovery_codes_remaining(user=user) == 10
    assert audited(AuditAction.RECOVERY_CODES_GENERATE, user) == 1
    # Only keyed hashes are stored: no code, with or without its hyphen, is in a row.
    stored = list(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert all(len(digest) == 64 for digest in stored)
    for code in codes:
        assert not {code, code.replace("-", "")} & set(stored)
        assert code not in client.get(RECOVERY).content.decode()


def test_new_codes_are_refused_without_a_code(world: World) -> None:
    client, _device = verified(world.counsellor_a)
    response = client.post(RECOVERY, {})
    assert response.status_code == 400
    assert not RecoveryCode.objects.exists()
    assert audited(AuditAction.RECOVERY_CODES_GENERATE, world.counsellor_a) == 0


def test_a_recovery_code_passes_the_second_step_once(world: World) -> None:
    user = world.counsellor_a
    enrol_authenticator(user)
    codes = recovery_codes_generate(user=user)
    client = password_only(user)
    assert client.get("/staff/")["Location"] == "/accounts/2fa/verify/"
    response = client.post(VERIFY_RECOVERY, {"code": codes[3]})
    assert response.status_code == 200
    assert b"You have 9 recovery codes left." in response.content
    assert b"reset your authenticator" in response.content
    assert client.get("/staff/").status_code == 200
    assert audited(AuditAction.RECOVERY_CODE_USE, user) == 1
    again = password_only(user)
    refused = again.post(VERIFY_RECOVERY, {"code": codes[3]})
    assert refused.status_code == 200
    assert b"not valid or was already used" in refused.content
    assert again.get("/staff/").status_code == 302
    assert recovery_codes_remaining(user=user) == 9


def test_a_code_may_be_typed_in_capitals_without_its_hyphen(world: World) -> None:
    user = world.counsellor_a
    enrol_authenticator(user)
    code = recovery_codes_generate(user=user)[0]
    client = password_only(user)
    typed = f" {code.replace('-', ' ').upper()} "
    assert client.post(VERIFY_RECOVERY, {"code": typed}).status_code == 200
    assert client.get("/staff/").status_code == 200


def test_new_codes_replace_the_old_ones(world: World) -> None:
    user = world.counsellor_a
    enrol_authenticator(user)
    old = recovery_codes_generate(user=user)
    new = recovery_codes_generate(user=user)
    assert recovery_codes_remaining(user=user) == 10
    with time_machine.travel("2026-03-01 09:00:00 +0000", tick=False) as clock:
        client = password_only(user)
        assert b"not valid" in client.post(VERIFY_RECOVERY, {"code": old[0]}).content
        clock.shift(2)  # past the wait that the wrong code started
        assert client.post(VERIFY_RECOVERY, {"code": new[0]}).status_code == 200
        assert client.get("/staff/").status_code == 200


def test_a_code_of_another_person_is_refused(world: World) -> None:
    enrol_authenticator(world.counsellor_a)
    enrol_authenticator(world.counsellor_b)
    recovery_codes_generate(user=world.counsellor_a)
    theirs = recovery_codes_generate(user=world.counsellor_b)
    client = password_only(world.counsellor_a)
    assert b"not valid" in client.post(VERIFY_RECOVERY, {"code": theirs[0]}).content
    assert client.get("/staff/").status_code == 302
    assert recovery_codes_remaining(user=world.counsellor_b) == 10


def test_wrong_codes_are_throttled_like_authenticator_codes(world: World) -> None:
    user = world.counsellor_a
    enrol_authenticator(user)
    codes = recovery_codes_generate(user=user)
    with time_machine.travel("2026-03-01 09:00:00 +0000", tick=False) as clock:
        client = password_only(user)
        for wrong in ("aaaaa-aaaaa", "bbbbb-bbbbb", "not a code"):
            client.post(VERIFY_RECOVERY, {"code": wrong})
        # Three failures: the next try waits 4 seconds, even with a good code.
        assert b"not valid" in client.post(VERIFY_RECOVERY, {"code": codes[0]}).content
        assert recovery_codes_remaining(user=user) == 10
        clock.shift(5)
        assert client.post(VERIFY_RECOVERY, {"code": codes[0]}).status_code == 200
        assert client.get("/staff/").status_code == 200


def test_a_verified_session_does_not_need_a_recovery_code(world: World) -> None:
    client, _device = verified(world.counsellor_a)
    assert client.get(VERIFY_RECOVERY)["Location"] == "/staff/"


def test_the_verify_page_offers_a_recovery_code_without_javascript(world: World) -> None:
    enrol_authenticator(world.counsellor_a)
    page = password_only(world.counsellor_a).get("/accounts/2fa/verify/")
    assert f'href="{VERIFY_RECOVERY}"'.encode() in page.content
    assert b"Lost your phone? Use a recovery code" in page.content
    # No passkey yet: no passkey button and no script.
    assert b"<script" not in page.content


def test_the_desk_links_to_recovery_codes_and_passkeys(world: World) -> None:
    user = world.counsellor_a
    client, _device = verified(user)
    recovery_codes_generate(user=user)
    page = client.get("/staff/").content.decode()
    assert f'href="{RECOVERY}"' in page
    assert "<strong>10</strong> recovery codes left" in page
    assert 'href="/accounts/2fa/passkeys/"' in page


def test_new_codes_are_refused_without_a_passkey_confirmation(world: World) -> None:
    # The passkey button posts "passkey"; without a ceremony in this session it is refused.
    client, _device = verified(world.counsellor_a)
    response = client.post(RECOVERY, {"passkey": "1"})
    assert response.status_code == 400
    assert b"passkey confirmation has expired" in response.content
    assert not RecoveryCode.objects.exists()
