"""``{% callback_links %}``: the staff home page's links to callbacks, by the user's roles."""

from typing import Any

from django import template

from infohub.accounts.access import active_user_in
from infohub.callbacks.desk import staff_links

register = template.Library()


@register.inclusion_tag("callbacks/_staff_links.html", takes_context=True)
def callback_links(context: dict[str, Any]) -> dict[str, Any]:
    """Nothing for users who neither work a hub's queue nor refer people to a hub."""
    user = active_user_in(context)
    if user is None:
        return {"links": None}
    return {"links": staff_links(user)}
