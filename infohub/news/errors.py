"""Domain errors of news and alerts."""

from django.utils.translation import gettext_lazy as _

from infohub.core.errors import DomainError


class NewsError(DomainError):
    """A news item that cannot be created; the message is safe to show to staff."""

    code = "news_refused"
    default_message = _("This news item cannot be saved.")


class AlertError(DomainError):
    """An alert that cannot be created; the message is safe to show to staff."""

    code = "alert_refused"
    default_message = _("This alert cannot be saved.")


class NewsImportError(DomainError):
    """A news import that cannot go ahead; nothing has been written.

    Only the command-line import raises it, so its message is plain English.
    """

    code = "news_import_refused"
    default_message = _("This news file cannot be imported.")


class NewsFormatError(NewsImportError):
    """A news file that does not follow the format, with where and why."""

    code = "news_format_invalid"
    default_message = _("This news file does not follow the format.")

    def __init__(self, source: str, line_number: int, reason: str) -> None:
        self.source = source
        self.line_number = line_number
        self.reason = reason
        super().__init__(f"{source}:{line_number}: {reason}")
