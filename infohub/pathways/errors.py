"""Pathway errors whose messages are safe to show to users."""

from django.utils.translation import gettext_lazy as _

from infohub.core.errors import DomainError


class PathwayError(DomainError):
    """A pathway or question that cannot be saved as asked."""

    code = "pathway_refused"
    default_message = _("This pathway change was refused.")


class AnswerError(DomainError, ValueError):
    """An answer that does not fit its question; ``field`` names the question."""

    code = "answer_invalid"
    default_message = _("This answer does not fit its question.")

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class PathwayImportError(PathwayError):
    """A pathways file was refused; ``problems`` lists every problem found, in file order."""

    code = "pathway_import_refused"
    default_message = _("This pathways file cannot be imported.")

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems
