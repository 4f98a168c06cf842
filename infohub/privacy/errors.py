"""Privacy errors whose messages are safe to show to staff (never a personal value)."""

from django.utils.translation import gettext_lazy as _

from infohub.core.errors import DomainError


class PrivacyError(DomainError, ValueError):
    """A data-subject request was refused."""

    code = "privacy_request_refused"
    default_message = _("This data-subject request was refused.")
