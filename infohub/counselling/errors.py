"""Counselling errors whose messages are safe to show to staff (never a personal value)."""


class CounsellingError(ValueError):
    """A counselling write was refused."""
