"""Screening's panel of the staff desk: required actions past their deadline."""

from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from infohub.accounts.desk import DeskPanel
from infohub.accounts.models import User
from infohub.screening.access import managed_hubs, screening_hubs
from infohub.screening.selectors import open_actions, overdue_actions


def staff_links(user: User) -> dict[str, Any]:
    """Hub managers get the dashboard, with its overdue count; case workers the open actions."""
    show_dashboard = managed_hubs(user).exists()
    return {
        "show_dashboard": show_dashboard,
        "show_open_actions": screening_hubs(user).exists(),
        "overdue_count": (
            overdue_actions(user=user, now=timezone.now()).count() if show_dashboard else 0
        ),
    }


def desk_context(user: User) -> Mapping[str, Any] | None:
    """The links, and the overdue actions of every hub the user works a case in."""
    links = staff_links(user)
    if not links["show_open_actions"]:
        return None
    overdue = open_actions(user=user).filter(due_at__lt=timezone.now()).count()
    return {**links, "open_overdue": overdue}


PANEL = DeskPanel(name="screening", order=40, template="screening/_desk.html", context=desk_context)
