"""Domain errors of the accounts app; their messages are safe to show to users."""

from django.utils.translation import gettext_lazy as _

from infohub.core.errors import DomainError


class ProvisioningError(DomainError, ValueError):
    """Creating an organisation, hub, account, role or token was refused."""

    code = "provisioning_refused"
    default_message = _("This account change was refused.")


class TokenScopeError(DomainError):
    """An API token used outside its scopes: an area it lacks, or a write with read only."""

    code = "forbidden"
    status = 403
    default_message = _("The scopes of this token do not allow this request.")


class EnrolmentLinkError(DomainError):
    """An enrolment link that cannot enrol this account: unknown, used, replaced, expired
    or another person's."""

    code = "enrolment_link_refused"
    status = 403
    default_message = _("This enrolment link does not work. Ask your administrator for a new one.")
