"""Counselling's panel of the staff desk: record a consultation, today's count, recent people."""

from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from infohub.accounts.desk import DeskPanel
from infohub.accounts.models import User
from infohub.counselling.access import (
    CASE_ROLES,
    consultation_list_visible,
    hubs_where,
    recordable_hubs,
)
from infohub.counselling.selectors import person_list_recent

RECENT_PEOPLE = 5


def staff_links(user: User) -> dict[str, bool]:
    """Which counselling pages are part of the user's work."""
    return {
        "consultations": recordable_hubs(user=user).exists(),
        "people": hubs_where(user, CASE_ROLES).exists(),
    }


def desk_context(user: User) -> Mapping[str, Any] | None:
    links = staff_links(user)
    if not links["consultations"]:
        return None
    today = consultation_list_visible(user=user).filter(date=timezone.localdate()).count()
    recent = list(person_list_recent(user=user)[:RECENT_PEOPLE]) if links["people"] else []
    return {**links, "today": today, "recent_people": recent}


PANEL = DeskPanel(
    name="counselling", order=10, template="counselling/_desk.html", context=desk_context
)
