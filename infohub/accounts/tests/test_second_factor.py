"""TOTP second factor: required for roles that see personal data; codes work once."""

import pytest
import time_machine
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from infohub.accounts.enrolment import enrolment_link_issue
from infohub.accounts.models import User
from infohub.audit.models import AuditAction, AuditEvent
from infohub.testing.personas import PASSWORD, World, current_code, enrol_authenticator

pytestmark = pytest.mark.django_db


def password_only(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize(
    "persona", ["admin", "manager_a", "counsellor_a", "advisor_a", "provider_staff_a", "dpo"]
)
def test_roles_seeing_personal_data_cannot_use_staff_pages_on_a_password_alone(
    world: World, persona: str
) -> None:
    user = getattr(world, persona)
    enrol_authenticator(user)
    client = password_only(user)
    for path in ("/staff/", f"/staff/hubs/{world.hub_a.public_id}/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == "/accounts/2fa/verify/"


def test_a_person_without_an_authenticator_is_sent_to_set_one_up(world: World) -> None:
    client = password_only(world.counsellor_a)
    response = client.get("/accounts/2fa/verify/")
    assert response["Location"] == "/accounts/2fa/setup/"


def test_enrolment_confirms_the_authenticator_and_opens_staff_pages(world: World) -> None:
    client = password_only(world.counsellor_a)
    issued = enrolment_link_issue(user=world.counsellor_a, actor=None)
    assert client.get(issued.url)["Location"] == "/accounts/2fa/setup/"
    assert client.get("/accounts/2fa/setup/").status_code == 200
    device = TOTPDevice.objects.get(user=world.counsellor_a, confirmed=False)
    response = client.post("/accounts/2fa/setup/", {"code": current_code(device)})
    assert response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(
        action=AuditAction.SECOND_FACTOR_ENROL, object_id=world.counsellor_a.public_id
    ).exists()


def test_a_wrong_code_is_refused(world: World) -> None:
    device = enrol_authenticator(world.counsellor_a)
    client = password_only(world.counsellor_a)
    wrong = str((int(current_code(device)) + 1) % 1_000_000).zfill(6)
    response = client.post("/accounts/2fa/verify/", {"code": wrong})
    assert response.status_code == 200
    assert client.get("/staff/").status_code == 302


def test_a_code_cannot_be_used_twice(world: World) -> None:
    device = enrol_authenticator(world.counsellor_a)
    with time_machine.travel("2026-03-01 09:00:05 +0000", tick=False):
        code = current_code(device)
        first = password_only(world.counsellor_a)
        assert first.post("/accounts/2fa/verify/", {"code": code}).status_code == 302
        second = password_only(world.counsellor_a)
        response = second.post("/accounts/2fa/verify/", {"code": code})
        assert response.status_code == 200
        assert b"already used" in response.content
        assert second.get("/staff/").status_code == 302


def test_the_next_code_works_after_the_time_step(world: World) -> None:
    device = enrol_authenticator(world.counsellor_a)
    with time_machine.travel("2026-03-01 09:00:05 +0000", tick=False) as clock:
        password_only(world.counsellor_a).post(
            "/accounts/2fa/verify/", {"code": current_code(device)}
        )
        clock.shift(device.step)
        device.refresh_from_db()
        client = password_only(world.counsellor_a)
        assert (
            client.post("/accounts/2fa/verify/", {"code": current_code(device)}).status_code == 302
        )


@pytest.mark.parametrize("persona", ["editor", "analyst_a"])
def test_roles_without_personal_data_sign_in_with_a_password(world: World, persona: str) -> None:
    client = password_only(getattr(world, persona))
    assert client.get("/staff/").status_code == 200
