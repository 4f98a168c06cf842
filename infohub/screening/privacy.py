"""What screening holds about a person, for data-subject export and erasure.

A person's screenings are those recorded for them and those of their consultations.
Erasure deletes them with their actions; a screening tied only to an anonymous
consultation holds nobody's data and stays.
"""

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from infohub.counselling.models import Person
from infohub.screening.models import RequiredAction, Screening


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
