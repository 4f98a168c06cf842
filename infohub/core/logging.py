"""Logging helpers."""

import logging
import traceback
from typing import Any

from infohub.core.request_context import _current


class RequestIdFilter(logging.Filter):
    """Add the request id to every record so log lines of one request can be joined."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = _current.get()
        record.request_id = context.request_id if context else "-"
        return True


class RedactingFormatter(logging.Formatter):
    """Log where an exception happened, never its message.

    Exception messages can carry the values that caused them (a name, a document
    number); tracebacks keep only file, line and function, plus the exception type.
    """

    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's own method name
        exc_type, _, tb = ei
        frames = "".join(traceback.format_tb(tb))
        name = exc_type.__name__ if exc_type else "Exception"
        return f"Traceback (most recent call last):\n{frames}{name}: <message withheld>"
