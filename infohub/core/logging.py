"""Logging helpers."""

import logging

from infohub.core.request_context import _current


class RequestIdFilter(logging.Filter):
    """Add the request id to every record so log lines of one request can be joined."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = _current.get()
        record.request_id = context.request_id if context else "-"
        return True
