"""Dates as staff pages see them: in their hubs' time zone, not the server's.

A staff page shows and checks dates in the zone its user's hubs share; the server's
zone is UTC. Between midnight UTC and midnight in the Americas, the server's "today"
is the hubs' "tomorrow", and a test that posts the server's date meets "cannot be in the
future". Tests that post dates to staff pages take them from here.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from infohub.accounts.models import Hub, User
from infohub.accounts.selectors import staff_time_zone


def staff_today(user: User) -> dt.date:
    """Today where the user's staff pages are shown."""
    zone = staff_time_zone(user=user) or settings.TIME_ZONE
    return timezone.localdate(timezone=ZoneInfo(zone))


def earliest_hub_today() -> dt.date:
    """The earliest "today" of any hub: a date no hub's page finds in the future."""
    zones = set(Hub.objects.values_list("time_zone", flat=True)) or {settings.TIME_ZONE}
    return min(timezone.localdate(timezone=ZoneInfo(zone)) for zone in zones)
