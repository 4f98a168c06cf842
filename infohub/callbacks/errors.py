"""Callback errors whose messages are safe to show to the person who caused them."""

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from infohub.core.errors import DomainError


class CallbackError(DomainError, ValueError):
    """A callback write was refused; ``field`` names the form field at fault, if one is."""

    code = "callback_refused"
    default_message = _("This callback request was refused.")

    def __init__(self, message: StrOrPromise, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class CallbackLimitError(CallbackError):
    """Too many requests from one client address today."""

    code = "callback_limit_reached"
    status = 429
    default_message = _("Too many callback requests today. Please try again tomorrow.")
