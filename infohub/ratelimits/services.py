"""Counting requests in fixed windows, shared by every web process through the database."""

import datetime as dt
import math
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from infohub.ratelimits.models import RateCounter


@dataclass(frozen=True)
class Window:
    start: dt.datetime
    seconds: int

    def retry_after(self, now: dt.datetime) -> int:
        """Whole seconds until the window ends, at least one."""
        left = (self.start + dt.timedelta(seconds=self.seconds) - now).total_seconds()
        return max(1, math.ceil(left))


def window_current(*, seconds: int, now: dt.datetime | None = None) -> Window:
    now = now or timezone.now()
    epoch = int(now.timestamp())
    start = dt.datetime.fromtimestamp(epoch - epoch % seconds, tz=dt.UTC)
    return Window(start=start, seconds=seconds)


def rate_count(*, group: str, key: str, window: Window) -> int:
    """Requests already counted for the key in this window."""
    row = RateCounter.objects.filter(group=group, key=key, window_start=window.start)
    return row.values_list("count", flat=True).first() or 0


def rate_hit(*, group: str, key: str, window: Window) -> int:
    """Count one request and return the window's count, this one included."""
    rows = RateCounter.objects.filter(group=group, key=key, window_start=window.start)
    with transaction.atomic():
        if not rows.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateCounter.objects.create(
                        group=group, key=key, window_start=window.start, count=1
                    )
            except IntegrityError:
                # Another process created the row first: count on it.
                rows.update(count=F("count") + 1)
            else:
                _prune(group=group, window=window)
        return rows.values_list("count", flat=True).first() or 1


def _prune(*, group: str, window: Window) -> None:
    # Once per key and window, when its row is created: ended windows are never read again,
    # so the table holds only the current window's rows without a scheduled command.
    RateCounter.objects.filter(group=group, window_start__lt=window.start).delete()
