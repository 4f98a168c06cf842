"""Screening errors whose messages are safe to show to staff (never a personal value)."""


class ScreeningError(ValueError):
    """A screening write was refused."""
