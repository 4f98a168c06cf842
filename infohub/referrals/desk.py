"""Referrals' panel of the staff desk: the referrals waiting for someone to act."""

from collections.abc import Mapping
from typing import Any

from infohub.accounts.desk import DeskPanel
from infohub.accounts.models import User
from infohub.counselling.access import CASE_ROLES, dpo_organisations, hubs_where
from infohub.referrals.access import provider_organisations
from infohub.referrals.models import Referral, ReferralStatus
from infohub.referrals.selectors import INBOX, SENT


def staff_links(user: User) -> dict[str, bool]:
    """Which referral pages are part of the user's work."""
    return {
        "referrals": hubs_where(user, CASE_ROLES).exists() or provider_organisations(user).exists(),
        "overrides": dpo_organisations(user).exists(),
    }


def desk_context(user: User) -> Mapping[str, Any] | None:
    """The links, and how many referrals wait: for the provider's answer, or for the user's."""
    hubs, providers = hubs_where(user, CASE_ROLES), provider_organisations(user)
    is_hub, is_provider = hubs.exists(), providers.exists()
    overrides = dpo_organisations(user).exists()
    if not (is_hub or is_provider or overrides):
        return None
    sent = Referral.objects.filter(status=ReferralStatus.SENT)
    return {
        "referrals": is_hub or is_provider,
        "overrides": overrides,
        "status": ReferralStatus.SENT,
        # Sent by the user's hubs, not answered yet: to follow up with the provider.
        "sent_box": SENT if is_hub else "",
        "awaiting_provider": sent.filter(hub__in=hubs).count() if is_hub else 0,
        # Addressed to the user's organisation: to accept or decline.
        "inbox_box": INBOX if is_provider else "",
        "awaiting_answer": sent.filter(provider__in=providers).count() if is_provider else 0,
    }


PANEL = DeskPanel(name="referrals", order=20, template="referrals/_desk.html", context=desk_context)
