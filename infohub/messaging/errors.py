"""Messaging's domain error."""

from django.utils.translation import gettext_lazy as _

from infohub.core.errors import DomainError


class MessagingError(DomainError, ValueError):
    """A channel or a conversation step that cannot be done as asked."""

    code = "messaging_error"
    status = 422
    default_message = _("This cannot be done on this conversation.")
