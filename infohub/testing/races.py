"""Running a race between two real database connections, for the tests that need one.

SQLite runs one writer at a time, so a race cannot happen there; these tests run in
CI's PostgreSQL pass (``make test-postgres``). Each side runs in a thread with its own
connection; a side's pause, set by the test, gives the other side the moment to act.
"""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

# Decided before the database is set up: flushing SQLite after a transactional test
# meets the audit log's append-only trigger.
ON_POSTGRESQL = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers: the race needs PostgreSQL (make test-postgres)",
    ),
]

# How long one side waits, mid-step, for the other: without a lock the other side
# finishes well within it; with one, it cannot.
PAUSE_SECONDS = 2.0


def in_thread(work: Callable[[], Any], errors: list[BaseException]) -> threading.Thread:
    """Start ``work`` on its own connection; an exception is kept for the test to report."""

    def run() -> None:
        try:
            work()
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connection.close()  # each thread opened its own connection

    thread = threading.Thread(target=run)
    thread.start()
    return thread
