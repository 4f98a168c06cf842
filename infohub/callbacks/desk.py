"""Callbacks' panel of the staff desk: the hub's queue and how many people wait for a call."""

from collections.abc import Mapping
from typing import Any

from infohub.accounts.desk import DeskPanel
from infohub.accounts.models import User
from infohub.callbacks.access import callback_scope
from infohub.callbacks.selectors import callback_open_count


def staff_links(user: User) -> dict[str, Any] | None:
    """The user's callback links, or None for users who neither work a queue nor refer."""
    scope = callback_scope(user=user)
    if not (scope.works_queue or scope.refers):
        return None
    return {
        "works_queue": scope.works_queue,
        "refers": scope.refers,
        "open": callback_open_count(user=user) if scope.works_queue else 0,
    }


def desk_context(user: User) -> Mapping[str, Any] | None:
    links = staff_links(user)
    return None if links is None else {"links": links}


PANEL = DeskPanel(name="callbacks", order=30, template="callbacks/_desk.html", context=desk_context)
