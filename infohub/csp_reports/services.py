"""Count violations by day, directive and blocked source, up to a daily cap."""

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Sum

from infohub.csp_reports.models import CspViolationCount
from infohub.csp_reports.parsing import Violation


def _add_one(*, day: dt.date, violation: Violation) -> None:
    key = {"day": day, "directive": violation.directive, "blocked": violation.blocked}
    if CspViolationCount.objects.filter(**key).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            CspViolationCount.objects.create(**key, count=1)
    except IntegrityError:  # another request created the row first
        CspViolationCount.objects.filter(**key).update(count=F("count") + 1)


def csp_violations_count(*, violations: Sequence[Violation], day: dt.date) -> int:
    """Add the violations to the day's counts; past the daily cap they are dropped.

    The cap keeps a flood of reports (a broken page seen by many, or someone posting in
    a loop) from filling the table or the disk; the counts it keeps already say enough.
    Returns how many were counted. No audit row: the writer is an anonymous browser.
    """
    with transaction.atomic():
        counted = CspViolationCount.objects.filter(day=day).aggregate(total=Sum("count"))
        room = max(settings.INFOHUB_CSP_REPORTS_DAILY_CAP - (counted["total"] or 0), 0)
        kept = list(violations[:room])
        for violation in kept:
            _add_one(day=day, violation=violation)
    return len(kept)
