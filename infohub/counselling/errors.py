"""Counselling errors whose messages are safe to show to staff (never a personal value)."""

from django.utils.translation import gettext_lazy as _

from infohub.core.errors import DomainError


class CounsellingError(DomainError, ValueError):
    """A counselling write was refused."""

    code = "counselling_refused"
    default_message = _("This record change was refused.")
