"""Retention: how long personal data is kept, and the writes that end it.

Two rules here, each with a setting in days (``INFOHUB_RETENTION_...``), then the rules
other apps register (``registry.register_retention``: referral reasons, callback
requests):

- **People** (``PERSON_DAYS``, default 730): a person record with no activity for that
  long is erased exactly as a data protection officer's erasure does it
  (``person_erase_unchecked``, with no actor). Activity is the record's creation, the
  date of its last consultation and the activity registered sections report (the last
  step of any of its referrals), so a referral still moving keeps the record. A record
  whose erasure a registered section warns about (an open child-protection action, say)
  is held, not erased: the timer cannot give the reason a data protection officer must,
  so it counts it as held and leaves the decision to them.
- **Consultations** (``CONSULTATION_DAYS``, default 1825): a consultation dated before
  that keeps what the counts need (hub, date, channel, migrant status, nationality, sex,
  age group, topics, articles, pathways, outcome) and loses what ties it to one person:
  its link to a person record, the links of other apps' rows that still name a person
  (a section's ``consultation_links``: a referral's), and its languages, the one field
  that is not a reporting dimension and, being rare combinations, most singles a person
  out. The row itself stays, so past counts never change.

Each rule selects only what it still has to change, so a second run changes nothing.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.counselling.models import Consultation, Person
from infohub.privacy.registry import (
    Progress,
    RetentionRule,
    cutoff,
    in_batches,
    retention_rules,
    sections,
)
from infohub.privacy.subject_data import person_erase_unchecked, person_erase_warnings


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def _cutoff_date(now: dt.datetime, days: int) -> dt.date:
    return timezone.localdate(now) - dt.timedelta(days=days)


def people_due(*, now: dt.datetime) -> QuerySet[Person]:
    """People with no activity since the retention period began."""
    days = settings.INFOHUB_RETENTION_PERSON_DAYS
    since = cutoff(now, days)
    recent_consultation = Consultation.objects.filter(
        person=OuterRef("pk"), date__gte=_cutoff_date(now, days)
    )
    idle = Q(created_at__lt=since) & Q(~Exists(recent_consultation))
    for section in sections():
        if section.active_since is not None:
            idle &= Q(~section.active_since(since))
    # A record whose only legal basis, consent, was withdrawn goes at the next run.
    return Person.objects.filter(idle | Q(withdrawn_at__isnull=False)).order_by("pk")


def consultations_due(*, now: dt.datetime) -> QuerySet[Consultation]:
    """Consultations past their period that still hold a person link or their languages."""
    holds = Q(person__isnull=False) | ~Q(languages=[])
    for section in sections():
        if section.consultation_links is not None:
            holds |= Q(section.consultation_links.held())
    old = Consultation.objects.filter(
        date__lt=_cutoff_date(now, settings.INFOHUB_RETENTION_CONSULTATION_DAYS)
    )
    return old.filter(holds).order_by("pk")


def _erase_people(now: dt.datetime, progress: Progress) -> Mapping[str, int]:
    ids = list(people_due(now=now).values_list("pk", flat=True))
    counts = {"people_erased": 0, "people_held": 0}
    for done, pk in enumerate(ids, start=1):
        with transaction.atomic():
            # Asked again under a lock: a consultation recorded meanwhile keeps the record.
            person = people_due(now=now).filter(pk=pk).select_for_update().first()
            if person is not None and person_erase_warnings(person):
                counts["people_held"] += 1
            elif person is not None:
                person_erase_unchecked(actor=None, person=person)
                counts["people_erased"] += 1
        progress("Erasing people", done, len(ids))
    return counts


def _count_people(now: dt.datetime) -> Mapping[str, int]:
    due = list(people_due(now=now))
    held = sum(1 for person in due if person_erase_warnings(person))
    return {"people_erased": len(due) - held, "people_held": held}


def _reduce_consultations(now: dt.datetime, progress: Progress) -> int:
    ids = list(consultations_due(now=now).values_list("pk", flat=True))
    reduced = 0
    for batch in in_batches(ids):
        with transaction.atomic():
            due = list(consultations_due(now=now).filter(pk__in=batch).select_for_update())
            pks = [c.pk for c in due]
            Consultation.objects.filter(pk__in=pks).update(person=None, languages=[])
            for section in sections():
                if section.consultation_links is not None:
                    section.consultation_links.detach(pks)
            for consultation in due:
                audit_record(actor=None, action=AuditAction.RETENTION_ENFORCE, target=consultation)
            reduced += len(due)
        progress("Reducing consultations", reduced, len(ids))
    return reduced


def _people(*, now: dt.datetime, dry_run: bool, progress: Progress) -> Mapping[str, int]:
    if dry_run:
        return _count_people(now)
    return _erase_people(now, progress)


def _people_report(counts: Mapping[str, int], verb: str) -> str:
    line = (
        f"People: {counts['people_erased']} record(s) {verb} erased "
        f"(no activity for {settings.INFOHUB_RETENTION_PERSON_DAYS} days)."
    )
    if counts["people_held"]:
        line += (
            f" {counts['people_held']} record(s) held: erasing them would drop something "
            "that still needs attention (an open required action); a data protection "
            "officer decides."
        )
    return line


def _consultations(*, now: dt.datetime, dry_run: bool, progress: Progress) -> Mapping[str, int]:
    if dry_run:
        return {"consultations_reduced": consultations_due(now=now).count()}
    return {"consultations_reduced": _reduce_consultations(now, progress)}


def _consultations_report(counts: Mapping[str, int], verb: str) -> str:
    return (
        f"Consultations: {counts['consultations_reduced']} {verb} reduced to anonymous "
        f"counts (older than {settings.INFOHUB_RETENTION_CONSULTATION_DAYS} days)."
    )


# People first, so their consultations are already detached; then what the apps register.
PEOPLE = RetentionRule("people", _people, _people_report, models=(Person,))
CONSULTATIONS = RetentionRule(
    "consultations", _consultations, _consultations_report, models=(Consultation,)
)


@dataclass
class RetentionReport:
    dry_run: bool = False
    results: list[tuple[RetentionRule, Mapping[str, int]]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One English line per rule saying what it changed, or would change."""
        verb = "would be" if self.dry_run else "were"
        return [rule.report(counts, verb) for rule, counts in self.results]


def retention_enforce(
    *, now: dt.datetime | None = None, dry_run: bool = False, progress: Progress = _no_progress
) -> RetentionReport:
    """Apply every rule, in order: people, consultations, then the registered ones.

    A dry run counts what each rule would change today and writes nothing. Each person
    is erased in a transaction of its own and the other rules work in batches, so an
    interrupted run keeps what it did and the next run carries on.
    """
    now = now or timezone.now()
    report = RetentionReport(dry_run=dry_run)
    for rule in [PEOPLE, CONSULTATIONS, *retention_rules()]:
        report.results.append((rule, rule.run(now=now, dry_run=dry_run, progress=progress)))
    return report
