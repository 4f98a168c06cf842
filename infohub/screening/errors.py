"""Screening errors whose messages are safe to show to staff (never a personal value)."""

from django.utils.translation import gettext_lazy as _

from infohub.core.errors import DomainError


class ScreeningError(DomainError, ValueError):
    """A screening write was refused."""

    code = "screening_refused"
    default_message = _("This screening change was refused.")
