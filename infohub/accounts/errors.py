"""Domain errors of the accounts app; their messages are safe to show to users."""

from django.utils.translation import gettext_lazy as _

from infohub.core.errors import DomainError


class ProvisioningError(DomainError, ValueError):
    """Creating an organisation, hub, account, role or token was refused."""

    code = "provisioning_refused"
    default_message = _("This account change was refused.")
