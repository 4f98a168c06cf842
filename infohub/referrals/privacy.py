"""What referrals hold about a person, for data-subject requests and retention.

Registered in ``infohub.privacy.registry`` from ``ReferralsConfig.ready()``: the section
(export, erase, the count on the data protection officer's page, the person's printable
copy in words, the steps that keep a
record alive, the referrals that tie a consultation to a person) and the rule that
blanks the reasons of referrals finished long ago (``INFOHUB_RETENTION_REFERRAL_EVENT_DAYS``,
default 365; the steps, their times and the statuses stay).
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.counselling.models import Person
from infohub.privacy.readable import Part, Readable, fields, part, text
from infohub.privacy.registry import (
    ConsultationLinks,
    Progress,
    RetentionRule,
    SubjectDataSection,
    cutoff,
    in_batches,
)
from infohub.referrals.models import Referral, ReferralEvent, ReferralStatus
from infohub.referrals.workflow import FINAL

SECTION = "referrals"


def _when(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _service_name(referral: Referral) -> str | None:
    place = referral.service_at_location
    return place.service.name if place is not None else None


def _location_name(referral: Referral) -> str | None:
    place = referral.service_at_location
    if place is None or place.location.confidential:
        return None  # a confidential location's name is never written out
    return place.location.name or None


def referrals_export(person: Person) -> list[dict[str, Any]]:
    """The person's referrals: provider, service, status, and each step with its reason."""
    referrals = (
        Referral.objects.filter(person=person)
        .select_related("provider", "service_at_location__service", "service_at_location__location")
        .prefetch_related("events")
        .order_by("created_at", "pk")
    )
    return [
        {
            "public_id": str(r.public_id),
            "created_at": _when(r.created_at),
            "provider": r.provider.name,
            "service": _service_name(r),
            "location": _location_name(r),
            "status": r.status,
            "events": [
                {
                    "at": _when(e.at),
                    "from_status": e.from_status,
                    "to_status": e.to_status,
                    "reason": e.reason,
                }
                for e in r.events.all()
            ],
        }
        for r in referrals
    ]


def _status(value: str) -> Readable | None:
    return Readable(str(ReferralStatus(value).label)) if value in ReferralStatus.values else None


def _referral_part(referral: Referral) -> Part:
    steps = [
        part(
            _status(e.to_status) or e.to_status,
            [(_("Date"), e.at), (_("From"), _status(e.from_status)), *fields(e, "reason")],
        )
        for e in referral.events.all()
    ]
    return part(
        _("Referral of %(date)s") % {"date": text(referral.created_at)},
        [
            (_("Sent on"), referral.created_at),
            (_("Provider"), referral.provider.name),
            (_("Service"), _service_name(referral)),
            (_("Place"), _location_name(referral)),
            *fields(referral, "status"),
        ],
        steps,
    )


def referrals_readable(person: Person) -> list[Part]:
    """The person's referrals in words, each with its steps and their reasons."""
    referrals = (
        Referral.objects.filter(person=person)
        .select_related("provider", "service_at_location__service", "service_at_location__location")
        .prefetch_related("events")
        .order_by("created_at", "pk")
    )
    return [part(_("Referrals"), parts=[_referral_part(r) for r in referrals])]


def referrals_erase(person: Person) -> int:
    """Delete the history of the person's referrals; keep each as an anonymous count."""
    referrals = Referral.objects.filter(person=person)
    removed = ReferralEvent.objects.filter(referral__in=referrals).delete()[0]
    removed += referrals.update(person=None, consent=None)
    return removed


def referrals_summary(person: Person) -> list[str]:
    count = person.referrals.count()
    return [ngettext("%(n)s referral", "%(n)s referrals", count) % {"n": count}]


def steps_since(since: dt.datetime) -> Exists:
    """A step of one of the person's referrals since then: a referral still moving."""
    return Exists(ReferralEvent.objects.filter(referral__person=OuterRef("pk"), at__gte=since))


def consultation_referred() -> Exists:
    """A referral that still names a person links to the consultation."""
    return Exists(Referral.objects.filter(consultation=OuterRef("pk"), person__isnull=False))


def consultations_detach(pks: Sequence[int]) -> int:
    return Referral.objects.filter(consultation__in=pks, person__isnull=False).update(
        consultation=None
    )


SUBJECT_DATA = SubjectDataSection(
    SECTION,
    referrals_export,
    referrals_erase,
    models=(Referral,),
    summary=referrals_summary,
    readable=referrals_readable,
    active_since=steps_since,
    consultation_links=ConsultationLinks(held=consultation_referred, detach=consultations_detach),
)


def referrals_due(*, now: dt.datetime) -> QuerySet[Referral]:
    """Finished referrals, finished before the period began, that still hold a reason."""
    steps = ReferralEvent.objects.filter(referral=OuterRef("pk"))
    finished_at = Subquery(steps.order_by("-at", "-pk").values("at")[:1])
    return (
        Referral.objects.filter(status__in=FINAL)
        .annotate(finished_at=finished_at)
        .filter(finished_at__lt=cutoff(now, settings.INFOHUB_RETENTION_REFERRAL_EVENT_DAYS))
        .filter(Exists(steps.exclude(reason="")))
        .order_by("pk")
    )


def _blank_reasons(now: dt.datetime, progress: Progress) -> tuple[int, int]:
    ids = list(referrals_due(now=now).values_list("pk", flat=True))
    cleared = blanked = 0
    for batch in in_batches(ids):
        with transaction.atomic():
            due = list(referrals_due(now=now).filter(pk__in=batch).select_for_update())
            events = ReferralEvent.objects.filter(referral__in=[r.pk for r in due])
            blanked += events.exclude(reason="").update(reason="")
            for referral in due:
                audit_record(actor=None, action=AuditAction.RETENTION_ENFORCE, target=referral)
            cleared += len(due)
        progress("Blanking referral reasons", cleared, len(ids))
    return cleared, blanked


def reasons_retention(*, now: dt.datetime, dry_run: bool, progress: Progress) -> Mapping[str, int]:
    """Blank the reasons of referrals finished before the period began (a dry run counts)."""
    if dry_run:
        steps = ReferralEvent.objects.filter(referral__in=referrals_due(now=now))
        cleared, blanked = referrals_due(now=now).count(), steps.exclude(reason="").count()
    else:
        cleared, blanked = _blank_reasons(now, progress)
    return {"referrals_cleared": cleared, "reasons_blanked": blanked}


def _reasons_report(counts: Mapping[str, int], verb: str) -> str:
    return (
        f"Referrals: {counts['reasons_blanked']} reason(s) on {counts['referrals_cleared']} "
        f"finished referral(s) {verb} blanked (finished more than "
        f"{settings.INFOHUB_RETENTION_REFERRAL_EVENT_DAYS} days ago)."
    )


RETENTION = RetentionRule(SECTION, reasons_retention, _reasons_report, models=(ReferralEvent,))
