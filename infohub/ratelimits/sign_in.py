"""Slow down guessing one account's password from many addresses, without locking it.

django-axes locks the pair (username, address) after a few failures; an attacker with
many addresses is not stopped by it. Here failures on a username are counted across all
addresses. The first ``INFOHUB_LOGIN_ACCOUNT_FREE_FAILURES`` cost nothing; after them each
attempt must wait a delay that doubles with every further failure, up to
``INFOHUB_LOGIN_ACCOUNT_MAX_DELAY_SECONDS``. A waiting attempt is refused without the
password being checked, and does not lengthen the wait, so the owner of the account is
never kept out longer than the cap; a success clears the count, and failures older than
``INFOHUB_LOGIN_ACCOUNT_WINDOW_MINUTES`` are forgotten. An attempt that may go ahead
takes the next slot before its password is checked, so many addresses guessing at once
get one guess per delay between them. Counts live in the database (shared by every web
process) under a keyed hash of the username.
"""

import datetime as dt
import math

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from infohub.protection.hashing import keyed_hash
from infohub.ratelimits.models import SignInSlowdown

_PURPOSE = "sign_in_slowdown"


def _key(username: str) -> str:
    return keyed_hash(username.strip().casefold(), purpose=_PURPOSE)


def slowdown_delay(failures: int) -> dt.timedelta:
    """How long to wait after this many failures: nothing at first, then doubling."""
    free: int = settings.INFOHUB_LOGIN_ACCOUNT_FREE_FAILURES
    if failures < free:
        return dt.timedelta(0)
    cap: int = settings.INFOHUB_LOGIN_ACCOUNT_MAX_DELAY_SECONDS
    return dt.timedelta(seconds=min(cap, 2 ** min(failures - free, 30)))


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.INFOHUB_LOGIN_ACCOUNT_WINDOW_MINUTES)


def _locked_row(key: str) -> SignInSlowdown | None:
    return SignInSlowdown.objects.select_for_update().filter(key=key).first()


def sign_in_wait(*, username: str, now: dt.datetime | None = None) -> int:
    """Whole seconds before this username may be tried again; 0 takes the attempt's slot."""
    now = now or timezone.now()
    with transaction.atomic():
        row = _locked_row(_key(username))
        if row is None or row.last_failure_at < now - _window():
            return 0
        if row.next_attempt_at is not None and row.next_attempt_at > now:
            return max(1, math.ceil((row.next_attempt_at - now).total_seconds()))
        delay = slowdown_delay(row.failures)
        if delay:
            row.next_attempt_at = now + delay
            row.save(update_fields=["next_attempt_at"])
    return 0


def sign_in_failed(*, username: str, now: dt.datetime | None = None) -> None:
    """Count a failed password check on this username, from whatever address."""
    now = now or timezone.now()
    with transaction.atomic():
        row = _locked_row(_key(username)) or _first_row(key=_key(username), now=now)
        if row.last_failure_at < now - _window():
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        delay = slowdown_delay(row.failures)
        row.next_attempt_at = now + delay if delay else None
        row.save(update_fields=["failures", "last_failure_at", "next_attempt_at"])


def sign_in_succeeded(*, username: str) -> None:
    """The owner is in: forget the failures on the username."""
    SignInSlowdown.objects.filter(key=_key(username)).delete()


def _first_row(*, key: str, now: dt.datetime) -> SignInSlowdown:
    try:
        with transaction.atomic():
            row = SignInSlowdown.objects.create(key=key, failures=0, last_failure_at=now)
    except IntegrityError:
        # Another process counted a first failure at the same moment: count on its row.
        return SignInSlowdown.objects.select_for_update().get(key=key)
    # Forgotten failures are removed as new usernames arrive; no scheduled command needed.
    SignInSlowdown.objects.filter(last_failure_at__lt=now - _window()).delete()
    return row
