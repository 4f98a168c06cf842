"""Referral errors whose messages are safe to show to staff."""


class ReferralError(ValueError):
    """A referral write was refused."""
