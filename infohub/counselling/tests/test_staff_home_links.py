"""The staff home page offers each role the casework pages it may use, and no others."""

import pytest
from django.test import Client

from infohub.accounts.selectors import user_requires_second_factor
from infohub.testing.personas import World, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db

LINKS = {
    "consultations": "/staff/consultations/",
    "people": "/staff/people/",
    "referrals": "/staff/referrals/",
    "overrides": "/staff/referrals/overrides/new/",
    "dashboard": "/staff/dashboard/",
    "privacy": "/staff/privacy/",
}
EXPECTED = {
    "counsellor_a": {"consultations", "people", "referrals", "privacy"},
    "manager_a": {"consultations", "people", "referrals", "dashboard", "privacy"},
    "advisor_a": {"consultations"},
    "provider_staff_a": {"referrals"},
    "dpo": {"overrides", "privacy"},
    "editor": set(),
    "analyst_a": set(),
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_role_sees_its_casework_links(world: World, persona: str) -> None:
    user = getattr(world, persona)
    if user_requires_second_factor(user=user):
        enrol_authenticator(user)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, user)
    page = client.get("/staff/").content.decode()
    shown = {name for name, url in LINKS.items() if f'href="{url}"' in page}
    assert shown == EXPECTED[persona]
