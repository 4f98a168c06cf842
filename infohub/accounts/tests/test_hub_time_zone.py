"""Each hub keeps its own clock: staff see times where their hub is, not in UTC."""

import datetime as dt

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.utils import timezone

from infohub.accounts.middleware import HubTimeZoneMiddleware
from infohub.accounts.models import Hub, User
from infohub.accounts.services import hub_active_set, hub_create
from infohub.audit.models import AuditEvent
from infohub.callbacks.tests.support import requested, signed_in
from infohub.testing.personas import PASSWORD, World, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db


def zone_seen_by(user: User, path: str = "/staff/") -> str:
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse(timezone.get_current_timezone_name())

    request = RequestFactory().get(path)
    request.user = user
    return HubTimeZoneMiddleware(view)(request).content.decode()


def test_it_gives_a_new_hub_the_time_zone_of_its_country(world: World) -> None:
    hub = hub_create(
        slug="hub-ht", name="Hub HT", organisation=world.network_a, country="ht", municipality="X"
    )
    assert hub.time_zone == "America/Port-au-Prince"
    assert world.hub_a.time_zone == "America/Costa_Rica"
    assert world.hub_b.time_zone == "America/Santo_Domingo"
    assert hub.is_active


def test_it_takes_the_time_zone_given_to_create_hub(world: World) -> None:
    call_command(
        "create_hub",
        "--slug=hub-tj",
        "--name=Hub Tijuana",
        "--org=network-a",
        "--country=MX",
        "--municipality=Tijuana",
        "--time-zone=America/Tijuana",
    )
    assert Hub.objects.get(slug="hub-tj").time_zone == "America/Tijuana"


def test_it_refuses_a_time_zone_that_does_not_exist(world: World) -> None:
    with pytest.raises(CommandError, match="not a known time zone"):
        call_command(
            "create_hub",
            "--slug=hub-x",
            "--name=Hub X",
            "--org=network-a",
            "--country=CR",
            "--municipality=X",
            "--time-zone=America/Atlantis",
        )
    assert not Hub.objects.filter(slug="hub-x").exists()


def test_it_asks_for_a_time_zone_when_the_country_has_no_single_one(world: World) -> None:
    with pytest.raises(CommandError, match="give the hub's time zone"):
        call_command(
            "create_hub",
            "--slug=hub-us",
            "--name=Hub US",
            "--org=network-a",
            "--country=US",
            "--municipality=X",
        )


def test_it_shows_staff_pages_in_the_zone_their_hubs_share(world: World) -> None:
    assert zone_seen_by(world.counsellor_a) == "America/Costa_Rica"
    assert zone_seen_by(world.counsellor_b) == "America/Santo_Domingo"
    # An organisation-wide role sees its network's hubs: one hub, one zone.
    assert zone_seen_by(world.admin) == "America/Costa_Rica"


def test_it_keeps_the_server_zone_for_a_user_whose_hubs_keep_different_clocks(
    world: World,
) -> None:
    hub_create(
        slug="hub-a2",
        name="Hub A2",
        organisation=world.network_a,
        country="MX",
        municipality="Tijuana",
        time_zone="America/Tijuana",
    )
    assert zone_seen_by(world.admin) == "UTC"
    assert zone_seen_by(world.counsellor_a) == "America/Costa_Rica"


def test_it_leaves_public_pages_and_people_without_hubs_in_the_server_zone(world: World) -> None:
    assert zone_seen_by(world.counsellor_a, "/es/") == "UTC"
    assert zone_seen_by(world.provider_staff_a) == "UTC"


def test_it_shows_a_callback_received_time_in_the_hub_own_time(world: World) -> None:
    # 15:30 UTC is 09:30 in Costa Rica (UTC-6) and 11:30 in Santo Domingo (UTC-4).
    with time_machine.travel(dt.datetime(2026, 3, 10, 15, 30, tzinfo=dt.UTC), tick=False):
        callback_a = requested(world.hub_a)
        callback_b = requested(world.hub_b, phone="+1 809 555 0100")
    page_a = signed_in(world.counsellor_a).get(f"/staff/callbacks/{callback_a.public_id}/")
    page_b = signed_in(world.counsellor_b).get(f"/staff/callbacks/{callback_b.public_id}/")
    assert "9:30" in page_a.content.decode()
    assert "15:30" not in page_a.content.decode()
    assert "11:30" in page_b.content.decode()


def test_it_audits_closing_a_hub(world: World) -> None:
    hub_active_set(hub=world.hub_a, active=False, actor=world.admin)
    world.hub_a.refresh_from_db()
    assert not world.hub_a.is_active
    assert AuditEvent.objects.filter(action="hub.update", object_id=world.hub_a.public_id).exists()


def test_the_admin_gives_a_new_hub_its_country_zone_unless_one_is_chosen(world: World) -> None:
    root = User.objects.create_superuser("platform-operator", password=PASSWORD)
    enrol_authenticator(root)
    client = Client()
    sign_in(client, root)
    form = {
        "organisation": world.network_a.pk,
        "municipality": "Town",
        "is_active": "on",
    }
    client.post(
        "/admin/accounts/hub/add/", {**form, "slug": "hub-gt", "name": "GT", "country": "GT"}
    )
    client.post(
        "/admin/accounts/hub/add/",
        {**form, "slug": "hub-mx", "name": "MX", "country": "MX", "time_zone": "America/Tijuana"},
    )
    refused = client.post(
        "/admin/accounts/hub/add/",
        {**form, "slug": "hub-zz", "name": "ZZ", "country": "CR", "time_zone": "Mars/Olympus"},
    )

    assert Hub.objects.get(slug="hub-gt").time_zone == "America/Guatemala"
    assert Hub.objects.get(slug="hub-mx").time_zone == "America/Tijuana"
    assert refused.status_code == 200
    assert not Hub.objects.filter(slug="hub-zz").exists()
