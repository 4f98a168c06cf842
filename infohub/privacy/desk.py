"""Privacy's panel of the staff desk: data-subject requests and, for the DPO, the audit log."""

from collections.abc import Mapping
from typing import Any

from infohub.accounts.desk import DeskPanel
from infohub.accounts.models import User
from infohub.counselling.access import dpo_organisations
from infohub.privacy.access import handles_subjects


def staff_links(user: User) -> dict[str, bool]:
    return {"show_privacy": handles_subjects(user), "show_audit": dpo_organisations(user).exists()}


def desk_context(user: User) -> Mapping[str, Any] | None:
    links = staff_links(user)
    return links if links["show_privacy"] else None


PANEL = DeskPanel(name="privacy", order=60, template="privacy/_desk.html", context=desk_context)
