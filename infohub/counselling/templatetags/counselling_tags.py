"""``{% counselling_links %}``: the staff home page's links to consultations and people."""

from typing import Any

from django import template

from infohub.accounts.access import active_user_in
from infohub.counselling.access import CASE_ROLES, hubs_where, recordable_hubs

register = template.Library()


@register.inclusion_tag("counselling/_staff_links.html", takes_context=True)
def counselling_links(context: template.Context) -> dict[str, Any]:
    user = active_user_in(context)
    if user is None:
        return {}
    return {
        "consultations": recordable_hubs(user=user).exists(),
        "people": hubs_where(user, CASE_ROLES).exists(),
    }
