"""Pieces shared by the benchmarks."""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import django
from django.db import connection
from django.test.utils import setup_test_environment, teardown_test_environment


@contextmanager
def temporary_database() -> Iterator[None]:
    """A fresh, migrated database for the duration of the block (a temporary file on SQLite)."""
    django.setup()
    setup_test_environment(debug=False)
    test_settings = connection.settings_dict["TEST"]
    test_name = test_settings.get("NAME")
    with tempfile.TemporaryDirectory() as directory:
        if connection.vendor == "sqlite":
            test_settings["NAME"] = str(Path(directory) / "bench.sqlite3")
        old_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        try:
            from infohub.search.index import reset_search_index  # noqa: PLC0415 - needs setup

            reset_search_index()
            yield
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            test_settings["NAME"] = test_name
            teardown_test_environment()
