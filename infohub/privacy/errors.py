"""Privacy errors whose messages are safe to show to staff (never a personal value)."""


class PrivacyError(ValueError):
    """A data-subject request was refused."""
