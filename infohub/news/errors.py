"""Domain errors of news and alerts."""


class NewsError(Exception):
    """A news item that cannot be created; the message is safe to show to staff."""


class AlertError(Exception):
    """An alert that cannot be created; the message is safe to show to staff."""


class NewsImportError(Exception):
    """A news import that cannot go ahead; nothing has been written.

    Only the command-line import raises it, so its message is plain English.
    """


class NewsFormatError(NewsImportError):
    """A news file that does not follow the format, with where and why."""

    def __init__(self, source: str, line_number: int, reason: str) -> None:
        self.source = source
        self.line_number = line_number
        self.reason = reason
        super().__init__(f"{source}:{line_number}: {reason}")
