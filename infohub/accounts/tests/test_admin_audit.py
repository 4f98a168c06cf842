"""Writes made in the Django admin are audited like any other write."""

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from infohub.accounts.models import Hub, User
from infohub.audit.models import AuditAction, AuditEvent
from infohub.testing.personas import PASSWORD, World, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(world: World) -> Client:
    root = User.objects.create_superuser("platform-operator", password=PASSWORD)
    enrol_authenticator(root)
    client = Client()
    sign_in(client, root)
    return client


def test_adding_a_hub_in_the_admin_writes_an_audit_row(operator: Client, world: World) -> None:
    response = operator.post(
        "/admin/accounts/hub/add/",
        {
            "slug": "hub-c",
            "name": "Hub C",
            "organisation": world.network_a.pk,
            "country": "GT",
            "municipality": "Town C",
        },
    )
    assert response.status_code == 302, response.content[:300]
    hub = Hub.objects.get(slug="hub-c")
    event = AuditEvent.objects.get(action=AuditAction.HUB_CREATE, object_id=hub.public_id)
    assert event.actor is not None
    assert event.actor.username == "platform-operator"


def test_the_admin_offers_no_way_to_delete_audited_objects(operator: Client, world: World) -> None:
    assert operator.get(f"/admin/accounts/hub/{world.hub_a.pk}/delete/").status_code == 403


def test_a_second_factor_is_needed_for_the_admin_too(world: World) -> None:
    root = User.objects.create_superuser("root-without-2fa", password=PASSWORD)
    client = Client()
    client.post("/accounts/login/", {"username": root.username, "password": PASSWORD})
    assert client.get("/admin/")["Location"] == "/accounts/2fa/verify/"


def staff_change_form(user: User, memberships: list[dict[str, str]]) -> dict[str, object]:
    """The admin's user change form as a browser would submit it."""
    data: dict[str, object] = {
        "username": user.username,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "00:00:00",
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": "0",
    }
    for index, fields in enumerate(memberships):
        data.update({f"memberships-{index}-{k}": v for k, v in fields.items()})
    return data


def test_granting_a_role_in_the_admin_applies_scope_rules_and_is_audited(
    operator: Client, world: World
) -> None:
    user = world.editor
    wrong = staff_change_form(
        user, [{"role": "counsellor", "organisation": str(world.network_a.pk)}]
    )
    response = operator.post(f"/admin/accounts/user/{user.pk}/change/", wrong)
    assert response.status_code == 200  # the form comes back with the error
    assert not user.memberships.filter(role="counsellor").exists()

    right = staff_change_form(user, [{"role": "counsellor", "hub": str(world.hub_a.pk)}])
    response = operator.post(f"/admin/accounts/user/{user.pk}/change/", right)
    assert response.status_code == 302, response.content[:500]
    membership = user.memberships.get(role="counsellor")
    assert AuditEvent.objects.filter(
        action=AuditAction.ROLE_GRANT, object_id=membership.public_id
    ).exists()


def test_resetting_an_authenticator_is_audited(operator: Client, world: World) -> None:
    enrol_authenticator(world.counsellor_a)
    response = operator.post(
        "/admin/accounts/user/",
        {"action": "reset_authenticator", "_selected_action": [world.counsellor_a.pk]},
    )
    assert response.status_code == 200
    assert "/accounts/enrol/" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=world.counsellor_a).exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.SECOND_FACTOR_RESET, object_id=world.counsellor_a.public_id
    ).exists()


def test_setting_a_password_in_the_admin_is_audited(operator: Client, world: World) -> None:
    response = operator.post(
        f"/admin/accounts/user/{world.editor.pk}/password/",
        {
            "password1": "a-brand-new-pass-77",
            "password2": "a-brand-new-pass-77",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content[:300]
    assert AuditEvent.objects.filter(
        action=AuditAction.PASSWORD_SET, object_id=world.editor.public_id
    ).exists()
