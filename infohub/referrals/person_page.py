"""Referrals' section of the person page: the person's referrals, newest first."""

from collections.abc import Mapping
from typing import Any

from django.utils import translation

from infohub.counselling.access import CASE_ROLES, hubs_where
from infohub.counselling.person_page import PersonPage, PersonSection
from infohub.referrals.access import referral_list_visible
from infohub.referrals.selectors import place_labels


def person_referrals(page: PersonPage) -> Mapping[str, Any] | None:
    """The referrals the person's hub sent; the services named in the reader's language."""
    rows = list(
        referral_list_visible(user=page.user)
        .filter(person=page.person, hub__in=hubs_where(page.user, CASE_ROLES))
        .select_related("provider", "service_at_location__service", "service_at_location__location")
        .order_by("-created_at", "-pk")
    )
    labels = place_labels([r.service_at_location for r in rows], lang=translation.get_language())
    return {
        "referrals": [
            (r, labels.get(r.service_at_location_id) if r.service_at_location_id else None)
            for r in rows
        ],
        "person": page.person,
    }


SECTION = PersonSection(
    name="referrals", order=30, template="referrals/_person.html", context=person_referrals
)
