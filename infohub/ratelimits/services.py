"""Counting requests in fixed windows, shared by every web process.

The counters live in the database, or in the shared cache (Redis or Memcached) when
``INFOHUB_SHARED_CACHE_URL`` configures one: both are seen by every process and machine,
and the increments are atomic in each. A cache that cannot be reached raises
``CounterStoreError``, as the database raises ``DatabaseError``.
"""

import datetime as dt
import math
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import BaseCache, caches
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


class CounterStoreError(Exception):
    """The shared cache holding the counters did not answer."""


def _shared_cache() -> BaseCache | None:
    return caches["shared"] if "shared" in settings.CACHES else None


def _cache_key(*, group: str, key: str, window: Window) -> str:
    return f"ratelimit:{group}:{key}:{int(window.start.timestamp())}"


def rate_count(*, group: str, key: str, window: Window) -> int:
    """Requests already counted for the key in this window."""
    cache = _shared_cache()
    if cache is not None:
        return _cache_count(cache, _cache_key(group=group, key=key, window=window))
    row = RateCounter.objects.filter(group=group, key=key, window_start=window.start)
    return row.values_list("count", flat=True).first() or 0


def rate_hit(*, group: str, key: str, window: Window) -> int:
    """Count one request and return the window's count, this one included."""
    cache = _shared_cache()
    if cache is not None:
        name = _cache_key(group=group, key=key, window=window)
        return _cache_hit(cache, name, timeout=window.seconds + 60)
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


def _cache_count(cache: BaseCache, name: str) -> int:
    try:
        return int(cache.get(name, 0))
    except Exception as error:  # each cache client raises its own connection errors
        raise CounterStoreError(str(error)) from error


def _cache_hit(cache: BaseCache, name: str, *, timeout: int) -> int:
    """Increment in the cache itself (Redis INCR, Memcached incr), never read-then-write.

    The entry expires a minute after its window ends, so no pruning is needed.
    """
    try:
        cache.add(name, 0, timeout=timeout)
        try:
            return int(cache.incr(name))
        except ValueError:  # expired between add and incr: start it again
            cache.add(name, 0, timeout=timeout)
            return int(cache.incr(name))
    except Exception as error:  # each cache client raises its own connection errors
        raise CounterStoreError(str(error)) from error
