"""Errors of the service directory, and the problems an import finds in its input."""

from dataclasses import asdict, dataclass

from django.utils.translation import gettext_lazy as _

from infohub.core.errors import DomainError


class DirectoryError(DomainError):
    """A domain error whose message is safe to show to the person who caused it."""

    code = "directory_refused"
    default_message = _("This directory change was refused.")


@dataclass(frozen=True)
class Problem:
    """Something wrong with one record (or a whole file) of an import.

    ``line`` is the 1-based line of a CSV row (the header is line 1); ``pointer`` is
    the JSON pointer of an object in a JSON file. Both are empty for file-level problems.
    """

    file: str
    reason: str
    line: int | None = None
    pointer: str | None = None
    table: str = ""
    record_id: str = ""
    field: str = ""

    @property
    def where(self) -> str:
        if self.line is not None:
            return f"{self.file} line {self.line}"
        if self.pointer is not None:
            return f"{self.file} {self.pointer or '/'}"
        return self.file

    def __str__(self) -> str:
        field = f", {self.field}" if self.field else ""
        return f"{self.where}{field}: {self.reason}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class HsdsImportError(DirectoryError):
    """An import that wrote nothing, with every problem found."""

    code = "hsds_import_refused"
    default_message = _("This directory import was refused; nothing was imported.")

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s); nothing was imported.")
        self.problems = problems


class ProposalError(DirectoryError):
    """A proposed change to a listing that cannot be made (invalid, or changing nothing)."""

    code = "proposal_refused"
    default_message = _("This proposed change cannot be made.")


class VerificationLinkError(DirectoryError):
    """A verification link that cannot be used; ``status`` is the HTTP status to answer."""

    code = "verification_link_unusable"
    status = 400
    default_message = _("This verification link cannot be used.")


class InvalidVerificationLinkError(VerificationLinkError):
    """Tampered, truncated, or not ours: 400."""

    code = "verification_link_invalid"
    default_message = _("This verification link is not valid.")


class GoneVerificationLinkError(VerificationLinkError):
    """Expired, already used, or for a listing that is no longer published: 410."""

    code = "verification_link_gone"
    status = 410
    default_message = _("This verification link can no longer be used.")


class FeedbackLimitError(DirectoryError):
    """Too much feedback from one client for one service today."""

    code = "feedback_limit_reached"
    status = 429
    default_message = _("Too much feedback today. Please try again tomorrow.")
