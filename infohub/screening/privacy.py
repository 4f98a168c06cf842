"""What screening holds about a person, for data-subject export, the copy and erasure.

A person's screenings are those recorded for them and those of their consultations.
Erasure deletes them with their actions; a screening tied only to an anonymous
consultation holds nobody's data and stays. An open required action that refers to a
category of ``INFOHUB_ERASURE_WARNING_CATEGORIES`` (child protection by default) makes
the data protection officer's erasure warn and ask for a reason.
"""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from infohub.counselling.models import Person
from infohub.privacy.readable import Part, fields, label, part, text
from infohub.screening.models import RequiredAction, Screening
from infohub.screening.selectors import criterion_action, criterion_name


def _screenings_of(person: Person) -> QuerySet[Screening]:
    return Screening.objects.filter(Q(person=person) | Q(consultation__person=person)).distinct()


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def screenings_export(person: Person) -> list[dict[str, Any]]:
    screenings = _screenings_of(person).select_related("hub", "consultation")
    return [
        {
            "id": str(s.public_id),
            "hub": s.hub.name,
            "at": s.at.isoformat(),
            "consultation": str(s.consultation.public_id) if s.consultation else None,
            "consultation_date": _iso(s.consultation.date) if s.consultation else None,
            "priority": s.priority,
            "criteria": sorted(s.criteria.values_list("code", flat=True)),
            "actions": [
                {
                    "criterion": a.criterion.code,
                    "due_at": a.due_at.isoformat(),
                    "done_at": _iso(a.done_at),
                }
                for a in s.actions.select_related("criterion").order_by("due_at", "pk")
            ],
        }
        for s in screenings.order_by("at", "pk")
    ]


def screenings_erase(person: Person) -> int:
    """Delete the person's screenings and their actions; return how many rows went."""
    with transaction.atomic():
        ids = list(_screenings_of(person).values_list("pk", flat=True))
        actions = RequiredAction.objects.filter(screening_id__in=ids).count()
        Screening.objects.filter(pk__in=ids).delete()
    return len(ids) + actions


def _action_part(action: RequiredAction, lang: str) -> Part:
    return part(
        criterion_name(action.criterion, lang),
        [
            (_("Required action"), criterion_action(action.criterion, lang)),
            *fields(action, "due_at", "done_at"),
        ],
    )


def screenings_readable(person: Person) -> list[Part]:
    """The person's screenings in words: when, where, the priority, the flags, the actions."""
    lang = get_language() or settings.LANGUAGE_CODE
    screenings = (
        _screenings_of(person)
        .select_related("hub")
        .prefetch_related("criteria")
        .order_by("at", "pk")
    )
    return [
        part(
            _("Vulnerability screenings"),
            parts=[
                part(
                    _("Screening of %(date)s") % {"date": text(s.at)},
                    [
                        (label(Screening, "at"), s.at),
                        (_("Hub"), s.hub.name),
                        *fields(s, "priority"),
                        (_("Flags"), [criterion_name(c, lang) for c in s.criteria.all()]),
                    ],
                    [
                        _action_part(a, lang)
                        for a in s.actions.select_related("criterion").order_by("due_at", "pk")
                    ],
                )
                for s in screenings
            ],
        )
    ]


def open_attention_actions(person: Person) -> QuerySet[RequiredAction]:
    """Open required actions of the person's screenings that refer to a warning category."""
    return (
        RequiredAction.objects.filter(
            screening__in=_screenings_of(person),
            done_at__isnull=True,
            criterion__refer_to__in=settings.INFOHUB_ERASURE_WARNING_CATEGORIES,
        )
        .select_related("criterion")
        .order_by("due_at", "pk")
    )


def screenings_erase_warnings(person: Person) -> list[str]:
    """One line per open action about a child (or another warning category) still to do."""
    lang = get_language() or settings.LANGUAGE_CODE
    return [
        _(
            "An open required action, “%(action)s” (%(flag)s), due %(due)s: erasing the "
            "record deletes it with the screening."
        )
        % {
            "action": criterion_action(a.criterion, lang) or criterion_name(a.criterion, lang),
            "flag": criterion_name(a.criterion, lang),
            "due": text(a.due_at),
        }
        for a in open_attention_actions(person)
    ]
