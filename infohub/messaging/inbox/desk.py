"""The inbox's panel of the staff desk: how many people wait for a counsellor."""

from collections.abc import Mapping
from typing import Any

from infohub.accounts.desk import DeskPanel
from infohub.accounts.models import User
from infohub.messaging.inbox.access import inbox_hubs
from infohub.messaging.inbox.selectors import waiting_count


def desk_context(user: User) -> Mapping[str, Any] | None:
    if not inbox_hubs(user=user).exists():
        return None
    return {"waiting": waiting_count(user=user)}


PANEL = DeskPanel(name="inbox", order=25, template="messaging/_desk.html", context=desk_context)
