"""Domain errors of the knowledge base; messages are safe to show to editors."""

from collections.abc import Sequence
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from infohub.core.errors import DomainError


class ArticleError(DomainError, ValueError):
    """An article change was refused."""

    code = "article_refused"
    default_message = _("This article change was refused.")


class ArticleFileError(ArticleError):
    """An article file cannot be imported; names the file and says why."""

    code = "article_file_invalid"
    default_message = _("This article file cannot be imported.")

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name}: {reason}")
        self.path = path
        self.reason = reason


class ArticleImportError(ArticleError):
    """A folder of article files was refused; lists every problem found."""

    code = "article_import_refused"
    default_message = _("These article files cannot be imported.")

    def __init__(self, errors: Sequence[ArticleFileError]) -> None:
        self.errors = sorted(errors, key=lambda error: (error.path.name, error.reason))
        super().__init__("\n".join(str(error) for error in self.errors))
