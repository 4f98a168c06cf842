"""Whether a hub is open now and, if not, when it next opens: read from its directory place."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from infohub.accounts.models import Hub
from infohub.directory.hubs.selectors import hub_places
from infohub.directory.opening import is_open

STEP = dt.timedelta(minutes=15)
HORIZON = dt.timedelta(days=8)


@dataclass(frozen=True)
class Opening:
    is_open: bool
    # When it next opens, in the hub's zone; None while open or when no hours are known.
    opens_at: dt.datetime | None = None


def _zone(hub: Hub) -> ZoneInfo:
    try:
        return ZoneInfo(hub.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def hub_openings(*, at: dt.datetime) -> dict[int, Opening]:
    """Every active hub's opening at ``at``; a hub without known hours counts as open."""
    openings = {}
    for place in hub_places(lang="en", at=at):
        zone = _zone(place.hub)
        if place.open_now is not False:
            openings[place.hub.pk] = Opening(is_open=True)
            continue
        quarter = at.replace(second=0, microsecond=0) - dt.timedelta(minutes=at.minute % 15)
        moment = quarter + STEP
        opens_at = None
        while moment < at + HORIZON:
            if is_open(place.schedules, at=moment, place_zone=zone):
                opens_at = moment.astimezone(zone)
                break
            moment += STEP
        openings[place.hub.pk] = Opening(is_open=False, opens_at=opens_at)
    return openings
