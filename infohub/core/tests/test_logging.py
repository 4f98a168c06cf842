"""Logs say where something failed, never the values involved."""

import logging
import sys

from infohub.core.logging import RedactingFormatter


def failing_lookup(document_number: str) -> None:
    raise ValueError(f"document number {document_number} is invalid")


def test_exception_messages_are_withheld_but_the_place_is_kept() -> None:
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, exc_info=None)
    try:
        failing_lookup("AB-" + "123456")
    except ValueError:
        record.exc_info = sys.exc_info()
    text = RedactingFormatter("%(message)s").format(record)
    assert "AB-123456" not in text
    assert "ValueError: <message withheld>" in text
    assert "failing_lookup" in text
