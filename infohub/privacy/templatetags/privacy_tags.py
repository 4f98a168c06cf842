"""``{% privacy_links %}``: the staff home page's link to data-subject requests."""

from typing import Any

from django import template

from infohub.accounts.access import active_user_in
from infohub.privacy.desk import staff_links

register = template.Library()


@register.inclusion_tag("privacy/_staff_links.html", takes_context=True)
def privacy_links(context: template.Context) -> dict[str, Any]:
    user = active_user_in(context)
    if user is None:
        return {}
    return staff_links(user)
