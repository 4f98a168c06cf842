"""Screening's section of the person page: the person's screenings, newest first."""

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Q

from infohub.counselling.person_page import PersonPage, PersonSection
from infohub.screening.access import screening_list_visible


def person_screenings(page: PersonPage) -> Mapping[str, Any] | None:
    """Case workers of the person's hub only; anyone else gets no section."""
    rows = (
        screening_list_visible(user=page.user)
        .filter(person=page.person)
        .annotate(
            flags=Count("criteria", distinct=True),
            open_actions=Count("actions", filter=Q(actions__done_at=None), distinct=True),
        )
        .order_by("-at", "-pk")
    )
    return {"screenings": list(rows), "person": page.person}


SECTION = PersonSection(
    name="screenings", order=20, template="screening/_person.html", context=person_screenings
)
