"""Referral errors whose messages are safe to show to staff."""

from django.utils.translation import gettext_lazy as _

from infohub.core.errors import DomainError


class ReferralError(DomainError, ValueError):
    """A referral write was refused."""

    code = "referral_refused"
    default_message = _("This referral was refused.")


class ReferralTransitionError(ReferralError):
    """A step the referral's current status, or the user's side, does not allow."""

    code = "referral_transition_refused"
    status = 409
    default_message = _("The referral cannot take this step now.")
