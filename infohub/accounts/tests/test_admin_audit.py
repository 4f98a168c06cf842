"""Writes made in the Django admin are audited like any other write."""

import pytest
from django.test import Client

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
