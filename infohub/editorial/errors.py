"""The editorial workflow's refusals; messages are safe to show to editors."""

from django.utils.translation import gettext_lazy as _

from infohub.core.errors import DomainError


class EditorialError(DomainError, ValueError):
    """A workflow step was refused (a status that may not follow, a missing reviewer)."""

    code = "editorial_refused"
    status = 409
    default_message = _("This editorial step is not allowed.")
