"""Retention: how long personal data is kept, and the writes that end it.

Three rules, each with a setting in days (``INFOHUB_RETENTION_...``):

- **People** (``PERSON_DAYS``, default 730): a person record with no activity for that
  long is erased exactly as a data protection officer's erasure does it
  (``person_erase_unchecked``, with no actor). Activity is the record's creation, the
  date of its last consultation and the last step of any of its referrals, so a
  referral still moving keeps the record.
- **Consultations** (``CONSULTATION_DAYS``, default 1825): a consultation dated before
  that keeps what the counts need (hub, date, channel, migrant status, nationality, sex,
  age group, topics, articles, pathways, outcome) and loses what ties it to one person:
  its link to a person record, the link of a referral that still names a person to it,
  and its languages, the one field that is not a reporting dimension and, being rare
  combinations, most singles a person out. The row itself stays, so past counts never
  change.
- **Referral reasons** (``REFERRAL_EVENT_DAYS``, default 365): the free-text reasons and
  outcomes of a referral that finished (declined, completed, closed, withdrawn) that
  long ago are blanked; the steps, their times and the statuses stay.

Each rule selects only what it still has to change, so a second run changes nothing.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.callbacks.models import CallbackRequest
from infohub.callbacks.services import callback_erase_older_than
from infohub.counselling.models import Consultation, Person
from infohub.privacy.subject_data import person_erase_unchecked
from infohub.referrals.models import Referral, ReferralEvent
from infohub.referrals.workflow import FINAL

Progress = Callable[[str, int, int], None]
BATCH = 200


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def _cutoff(now: dt.datetime, days: int) -> dt.datetime:
    return now - dt.timedelta(days=days)


def _cutoff_date(now: dt.datetime, days: int) -> dt.date:
    return timezone.localdate(now) - dt.timedelta(days=days)


def people_due(*, now: dt.datetime) -> QuerySet[Person]:
    """People with no activity since the retention period began."""
    days = settings.INFOHUB_RETENTION_PERSON_DAYS
    recent_consultation = Consultation.objects.filter(
        person=OuterRef("pk"), date__gte=_cutoff_date(now, days)
    )
    recent_step = ReferralEvent.objects.filter(
        referral__person=OuterRef("pk"), at__gte=_cutoff(now, days)
    )
    idle = Q(created_at__lt=_cutoff(now, days)) & ~Exists(recent_consultation)
    # A record whose only legal basis, consent, was withdrawn goes at the next run.
    return Person.objects.filter(
        (idle & ~Exists(recent_step)) | Q(withdrawn_at__isnull=False)
    ).order_by("pk")


def consultations_due(*, now: dt.datetime) -> QuerySet[Consultation]:
    """Consultations past their period that still hold a person link or their languages."""
    referred_person = Referral.objects.filter(consultation=OuterRef("pk"), person__isnull=False)
    old = Consultation.objects.filter(
        date__lt=_cutoff_date(now, settings.INFOHUB_RETENTION_CONSULTATION_DAYS)
    )
    return old.filter(
        Q(person__isnull=False) | ~Q(languages=[]) | Exists(referred_person)
    ).order_by("pk")


def referrals_due(*, now: dt.datetime) -> QuerySet[Referral]:
    """Finished referrals, finished before the period began, that still hold a reason."""
    steps = ReferralEvent.objects.filter(referral=OuterRef("pk"))
    finished_at = Subquery(steps.order_by("-at", "-pk").values("at")[:1])
    return (
        Referral.objects.filter(status__in=FINAL)
        .annotate(finished_at=finished_at)
        .filter(
            finished_at__lt=_cutoff(now, settings.INFOHUB_RETENTION_REFERRAL_EVENT_DAYS),
        )
        .filter(Exists(steps.exclude(reason="")))
        .order_by("pk")
    )


@dataclass
class RetentionReport:
    people_erased: int = 0
    consultations_reduced: int = 0
    referrals_cleared: int = 0
    reasons_blanked: int = 0
    callbacks_deleted: int = 0
    dry_run: bool = False


def callbacks_due(*, now: dt.datetime) -> QuerySet[CallbackRequest]:
    cutoff = _cutoff(now, settings.INFOHUB_RETENTION_CALLBACK_DAYS)
    return CallbackRequest.objects.filter(created_at__lt=cutoff)


def _batches(ids: Sequence[Any]) -> list[Sequence[Any]]:
    return [ids[i : i + BATCH] for i in range(0, len(ids), BATCH)]


def _erase_people(now: dt.datetime, progress: Progress) -> int:
    ids = list(people_due(now=now).values_list("pk", flat=True))
    erased = 0
    for done, pk in enumerate(ids, start=1):
        with transaction.atomic():
            # Asked again under a lock: a consultation recorded meanwhile keeps the record.
            person = people_due(now=now).filter(pk=pk).select_for_update().first()
            if person is not None:
                person_erase_unchecked(actor=None, person=person)
                erased += 1
        progress("Erasing people", done, len(ids))
    return erased


def _reduce_consultations(now: dt.datetime, progress: Progress) -> int:
    ids = list(consultations_due(now=now).values_list("pk", flat=True))
    reduced = 0
    for batch in _batches(ids):
        with transaction.atomic():
            due = list(consultations_due(now=now).filter(pk__in=batch).select_for_update())
            pks = [c.pk for c in due]
            Consultation.objects.filter(pk__in=pks).update(person=None, languages=[])
            Referral.objects.filter(consultation__in=pks, person__isnull=False).update(
                consultation=None
            )
            for consultation in due:
                audit_record(actor=None, action=AuditAction.RETENTION_ENFORCE, target=consultation)
            reduced += len(due)
        progress("Reducing consultations", reduced, len(ids))
    return reduced


def _blank_reasons(now: dt.datetime, progress: Progress) -> tuple[int, int]:
    ids = list(referrals_due(now=now).values_list("pk", flat=True))
    cleared = blanked = 0
    for batch in _batches(ids):
        with transaction.atomic():
            due = list(referrals_due(now=now).filter(pk__in=batch).select_for_update())
            events = ReferralEvent.objects.filter(referral__in=[r.pk for r in due])
            blanked += events.exclude(reason="").update(reason="")
            for referral in due:
                audit_record(actor=None, action=AuditAction.RETENTION_ENFORCE, target=referral)
            cleared += len(due)
        progress("Blanking referral reasons", cleared, len(ids))
    return cleared, blanked


def retention_enforce(
    *, now: dt.datetime | None = None, dry_run: bool = False, progress: Progress = _no_progress
) -> RetentionReport:
    """Apply every rule (people first, so their consultations are already detached).

    A dry run counts what each rule would change today and writes nothing. Each person
    is erased in a transaction of its own and the other rules work in batches, so an
    interrupted run keeps what it did and the next run carries on.
    """
    now = now or timezone.now()
    if dry_run:
        steps = ReferralEvent.objects.filter(referral__in=referrals_due(now=now))
        return RetentionReport(
            people_erased=people_due(now=now).count(),
            consultations_reduced=consultations_due(now=now).count(),
            referrals_cleared=referrals_due(now=now).count(),
            reasons_blanked=steps.exclude(reason="").count(),
            callbacks_deleted=callbacks_due(now=now).count(),
            dry_run=True,
        )
    report = RetentionReport(people_erased=_erase_people(now, progress))
    report.consultations_reduced = _reduce_consultations(now, progress)
    report.referrals_cleared, report.reasons_blanked = _blank_reasons(now, progress)
    callback_days = settings.INFOHUB_RETENTION_CALLBACK_DAYS
    report.callbacks_deleted = callback_erase_older_than(callback_days, now=now)
    return report
