"""Callback errors whose messages are safe to show to the person who caused them."""


class CallbackError(ValueError):
    """A callback write was refused; ``field`` names the form field at fault, if one is."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class CallbackLimitError(CallbackError):
    """Too many requests from one client address today."""
