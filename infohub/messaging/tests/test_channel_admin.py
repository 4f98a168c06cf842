"""Channels in the admin: credentials go in once, encrypted, and never come back out."""

import json

import pytest
from django.test import Client

from infohub.accounts.models import User
from infohub.audit.models import AuditAction, AuditEvent
from infohub.messaging.models import Channel
from infohub.messaging.services import credentials_of
from infohub.testing.personas import PASSWORD, World, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db
SECRET = {"token": "123:zqvxkd-token", "secret": "zqvxkd-secret"}


@pytest.fixture
def operator(world: World) -> Client:
    root = User.objects.create_superuser("platform-operator", password=PASSWORD)
    enrol_authenticator(root)
    client = Client()
    sign_in(client, root)
    return client


def _form(world: World, **changes: str) -> dict[str, str]:
    form = {
        "hub": str(world.hub_a.pk),
        "kind": "telegram",
        "name": "Telegram",
        "api_base": "https://api.telegram.org",
        "languages": "ht,es",
        "is_enabled": "on",
        "rate_per_minute": "30",
        "new_credentials": json.dumps(SECRET),
    }
    return {**form, **changes}


def test_a_channel_added_in_the_admin_keeps_its_credentials_out_of_sight(
    operator: Client, world: World
) -> None:
    response = operator.post("/admin/messaging/channel/add/", _form(world))
    assert response.status_code == 302
    channel = Channel.objects.get()
    assert credentials_of(channel) == SECRET
    assert channel.language_list() == ("ht", "es")
    assert AuditEvent.objects.filter(action=AuditAction.CHANNEL_CREATE).count() == 1
    page = operator.get(f"/admin/messaging/channel/{channel.pk}/change/").content.decode()
    assert "zqvxkd" not in page
    assert f"/channels/{channel.public_id}/receive" in page


def test_saving_without_new_credentials_keeps_the_stored_ones(
    operator: Client, world: World
) -> None:
    operator.post("/admin/messaging/channel/add/", _form(world))
    channel = Channel.objects.get()
    response = operator.post(
        f"/admin/messaging/channel/{channel.pk}/change/",
        _form(world, name="Renamed", new_credentials=""),
    )
    assert response.status_code == 302
    channel.refresh_from_db()
    assert (channel.name, credentials_of(channel)) == ("Renamed", SECRET)


@pytest.mark.parametrize(
    "credentials", ["", "not json", '["a"]', '{"token": "t"}', '{"token": 1, "secret": "s"}']
)
def test_incomplete_credentials_are_refused(
    operator: Client, world: World, credentials: str
) -> None:
    response = operator.post(
        "/admin/messaging/channel/add/", _form(world, new_credentials=credentials)
    )
    assert response.status_code == 200
    assert Channel.objects.count() == 0
