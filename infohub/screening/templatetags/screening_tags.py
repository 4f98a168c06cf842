"""``{% screening_links %}``: the staff home page's links to the screening pages.

Hub managers get the dashboard, with the number of overdue actions; counsellors and
managers get their hubs' open actions. Everyone else gets nothing.
"""

from typing import Any

from django import template
from django.utils import timezone

from infohub.accounts.access import active_user_in
from infohub.screening.access import managed_hubs, screening_hubs
from infohub.screening.selectors import overdue_actions

register = template.Library()


@register.inclusion_tag("screening/_staff_links.html", takes_context=True)
def screening_links(context: template.Context) -> dict[str, Any]:
    user = active_user_in(context)
    if user is None:
        return {}
    show_dashboard = managed_hubs(user).exists()
    return {
        "show_dashboard": show_dashboard,
        "show_open_actions": screening_hubs(user).exists(),
        "overdue_count": (
            overdue_actions(user=user, now=timezone.now()).count() if show_dashboard else 0
        ),
    }
