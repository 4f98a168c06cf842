"""Counselling's pieces of other apps' pages.

``{% counselling_links %}``: the staff home page's links to consultations and people.
``{% finder_record_form hidden %}``: under the pathway finder's results, the form that
records the pathways shown on one of the case worker's consultations; the finder itself
knows nothing of consultations.
"""

from collections.abc import Sequence
from typing import Any

from django import template

from infohub.accounts.access import active_user_in
from infohub.counselling.access import consultation_list_visible
from infohub.counselling.desk import staff_links

register = template.Library()

RECENT_CONSULTATIONS = 10


@register.inclusion_tag("counselling/_staff_links.html", takes_context=True)
def counselling_links(context: template.Context) -> dict[str, Any]:
    user = active_user_in(context)
    if user is None:
        return {}
    return staff_links(user)


@register.inclusion_tag("counselling/_finder_record.html", takes_context=True)
def finder_record_form(
    context: template.Context, hidden: Sequence[tuple[str, str]]
) -> dict[str, Any]:
    """The case worker's latest consultations and the finder's state to post with one."""
    user = active_user_in(context)
    if user is None:
        return {"consultations": []}
    latest = consultation_list_visible(user=user).order_by("-date", "-created_at")
    return {"consultations": list(latest[:RECENT_CONSULTATIONS]), "hidden": hidden}
