"""The directory's panel of the staff desk: a provider's links to their own listings."""

from collections.abc import Mapping
from typing import Any

from infohub.accounts.desk import DeskPanel
from infohub.accounts.models import Role, User
from infohub.directory.listings.selectors import service_list_for_provider


def desk_context(user: User) -> Mapping[str, Any] | None:
    """Provider staff only; the count is of their organisations' listings."""
    if not user.is_active or not user.memberships.filter(role=Role.PROVIDER_STAFF).exists():
        return None
    return {"listings": service_list_for_provider(user=user).count()}


PANEL = DeskPanel(
    name="listings", order=50, template="directory/listings/_desk.html", context=desk_context
)
