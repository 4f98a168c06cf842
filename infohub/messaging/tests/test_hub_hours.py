"""When a hub is closed, the assistant learns when it next opens, from the hub's own place."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from infohub.accounts.services import hub_create
from infohub.demo.hubs import DEMO_HUB_PLACES, load_demo_hub_places
from infohub.messaging.hours import hub_openings
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db
SANTO_DOMINGO = ZoneInfo("America/Santo_Domingo")


@pytest.fixture
def hub_id(world: World) -> int:
    for place in DEMO_HUB_PLACES:
        hub_create(
            slug=place.slug,
            name=f"Hub {place.city}",
            organisation=world.network_a,
            country=place.country,
            municipality=place.city,
        )
    load_demo_hub_places()
    return next(h.pk for h in world.network_a.hubs.all() if h.slug == "demo-hub-do")


def _local(year: int, month: int, day: int, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=SANTO_DOMINGO)


def test_a_hub_is_open_in_its_hours(hub_id: int) -> None:
    opening = hub_openings(at=_local(2026, 12, 7, 10, 0))[hub_id]  # a Monday morning
    assert (opening.is_open, opening.opens_at) == (True, None)


def test_on_a_sunday_it_opens_on_monday_morning_in_its_own_zone(hub_id: int) -> None:
    opening = hub_openings(at=_local(2026, 12, 6, 10, 7))[hub_id]  # a Sunday
    assert opening.is_open is False
    assert opening.opens_at == _local(2026, 12, 7, 8, 0)
    assert opening.opens_at.tzinfo == SANTO_DOMINGO


def test_after_hours_on_saturday_it_opens_on_monday(hub_id: int) -> None:
    opening = hub_openings(at=_local(2026, 12, 5, 12, 30))[hub_id]
    assert opening.opens_at == _local(2026, 12, 7, 8, 0)


def test_a_hub_without_a_place_counts_as_open(world: World) -> None:
    assert hub_openings(at=_local(2026, 12, 6, 3, 0))[world.hub_a.pk].is_open is True
