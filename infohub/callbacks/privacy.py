"""Callback requests in ``enforce_retention``, registered from ``CallbacksConfig.ready()``.

A request is personal data tied to no person record, so it is no data-subject section:
it leaves after ``INFOHUB_RETENTION_CALLBACK_DAYS`` days (``callback_erase_older_than``).
"""

import datetime as dt
from collections.abc import Mapping

from django.conf import settings

from infohub.callbacks.models import CallbackRequest
from infohub.callbacks.services import callback_erase_older_than
from infohub.privacy.registry import Progress, RetentionRule, cutoff


def callbacks_retention(
    *, now: dt.datetime, dry_run: bool, progress: Progress
) -> Mapping[str, int]:
    """Delete the requests past their period (a dry run counts them)."""
    days = settings.INFOHUB_RETENTION_CALLBACK_DAYS
    if dry_run:
        deleted = CallbackRequest.objects.filter(created_at__lt=cutoff(now, days)).count()
    else:
        deleted = callback_erase_older_than(days, now=now)
    return {"callbacks_deleted": deleted}


def _report(counts: Mapping[str, int], verb: str) -> str:
    return (
        f"Callback requests: {counts['callbacks_deleted']} {verb} deleted "
        f"(older than {settings.INFOHUB_RETENTION_CALLBACK_DAYS} days)."
    )


RETENTION = RetentionRule("callbacks", callbacks_retention, _report, models=(CallbackRequest,))
