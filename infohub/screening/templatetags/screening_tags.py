"""``{% screening_links %}``: the staff home page's links to the screening pages.

Hub managers get the dashboard, with the number of overdue actions; counsellors and
managers get their hubs' open actions. Everyone else gets nothing.
"""

from typing import Any

from django import template

from infohub.accounts.access import active_user_in
from infohub.screening.desk import staff_links

register = template.Library()


@register.inclusion_tag("screening/_staff_links.html", takes_context=True)
def screening_links(context: template.Context) -> dict[str, Any]:
    user = active_user_in(context)
    if user is None:
        return {}
    return staff_links(user)
