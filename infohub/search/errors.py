"""Domain errors of search; messages are safe to show to editors."""

from django.utils.translation import gettext_lazy as _

from infohub.core.errors import DomainError


class SynonymError(DomainError, ValueError):
    """A synonym group was refused."""

    code = "synonym_refused"
    default_message = _("This synonym group was refused.")
