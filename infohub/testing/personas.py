"""Named personas in two hubs and two provider organisations, built through the services.

Every access test uses a second hub or organisation: a check that passes only because
there is nothing else in the database proves nothing.
"""

from dataclasses import dataclass

from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from infohub.accounts.enrolment import enrolment_link_issue, second_factor_provision_with_link
from infohub.accounts.models import Hub, Organisation, User
from infohub.accounts.services import hub_create, organisation_create, staff_create

PASSWORD = "correct-horse-battery-9"


@dataclass
class World:
    network_a: Organisation
    network_b: Organisation
    hub_a: Hub
    hub_b: Hub
    provider_a: Organisation
    provider_b: Organisation
    admin: User
    manager_a: User
    counsellor_a: User
    counsellor_b: User
    advisor_a: User
    provider_staff_a: User
    provider_staff_b: User
    editor: User
    analyst_a: User
    dpo: User


def _staff(
    username: str, role: str, *, hub: Hub | None = None, org: Organisation | None = None
) -> User:
    user, _ = staff_create(
        username=username, role=role, hub=hub, organisation=org, password=PASSWORD
    )
    return user


def build_world() -> World:
    network_a = organisation_create(slug="network-a", name="Network A", kind="hub_operator")
    network_b = organisation_create(slug="network-b", name="Network B", kind="hub_operator")
    hub_a = hub_create(
        slug="hub-a", name="Hub A", organisation=network_a, country="CR", municipality="Town A"
    )
    hub_b = hub_create(
        slug="hub-b", name="Hub B", organisation=network_b, country="DO", municipality="Town B"
    )
    provider_a = organisation_create(slug="provider-a", name="Provider A", kind="service_provider")
    provider_b = organisation_create(slug="provider-b", name="Provider B", kind="ngo")
    return World(
        network_a=network_a,
        network_b=network_b,
        hub_a=hub_a,
        hub_b=hub_b,
        provider_a=provider_a,
        provider_b=provider_b,
        admin=_staff("admin-a", "admin", org=network_a),
        manager_a=_staff("manager-a", "hub_manager", hub=hub_a),
        counsellor_a=_staff("counsellor-a", "counsellor", hub=hub_a),
        counsellor_b=_staff("counsellor-b", "counsellor", hub=hub_b),
        advisor_a=_staff("advisor-a", "community_advisor", hub=hub_a),
        provider_staff_a=_staff("provider-staff-a", "provider_staff", org=provider_a),
        provider_staff_b=_staff("provider-staff-b", "provider_staff", org=provider_b),
        editor=_staff("editor-a", "editor", org=network_a),
        analyst_a=_staff("analyst-a", "analyst", hub=hub_a),
        dpo=_staff("dpo-a", "dpo", org=network_a),
    )


def enrol_authenticator(user: User) -> TOTPDevice:
    """Give the persona an authenticator the way every account gets one: through a link."""
    issued = enrolment_link_issue(user=user, actor=None)
    return second_factor_provision_with_link(token=issued.token, user=user)


def current_code(device: TOTPDevice) -> str:
    """The code the person's phone would show right now."""
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(code).zfill(device.digits)


def sign_in(client: Client, user: User, *, ip: str = "10.0.0.1") -> None:
    """Sign in through the real form, then pass the second factor if the role needs it."""
    response = client.post(
        "/accounts/login/",
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR=ip,
    )
    assert response.status_code == 302, response.content[:500]
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        response = client.post(
            "/accounts/2fa/verify/", {"code": current_code(device)}, REMOTE_ADDR=ip
        )
        assert response.status_code == 302, response.content[:500]
