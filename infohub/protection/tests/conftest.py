"""Fixtures for the protection tests: fresh keys, key rings, and a model with encrypted fields."""

import secrets
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, models

from infohub.protection.fields import EncryptedTextField


def new_key() -> str:
    """A fresh data key, as an operator would generate it."""
    return secrets.token_urlsafe(32)


K1 = new_key()
K2 = new_key()


@pytest.fixture
def ring_k1(settings: Any) -> None:
    """Data keys: k1 only."""
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"


@pytest.fixture
def secret_model(transactional_db: None) -> Iterator[type[models.Model]]:
    """A model with two encrypted fields and its table, registered only during the test.

    Defined here rather than in models.py so that no test table is in the migrations; its
    table is created and dropped around the test (hence a transactional database).
    """
    meta = type("Meta", (), {"app_label": "protection", "db_table": "protection_test_secret"})
    model = type(
        "TestSecret",
        (models.Model,),
        {
            "__module__": __name__,
            "Meta": meta,
            "name": EncryptedTextField(null=True, blank=True),
            "document": EncryptedTextField(default="", blank=True),
        },
    )
    try:
        with connection.schema_editor() as editor:
            editor.create_model(model)
        yield model
        with connection.schema_editor() as editor:
            editor.delete_model(model)
    finally:
        del apps.all_models["protection"]["testsecret"]
        apps.clear_cache()


def raw_column(table: str, column: str) -> list[Any]:
    """The stored values of a column, read with SQL (no field conversion)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} ORDER BY id")  # noqa: S608 - test constants
        return [row[0] for row in cursor.fetchall()]
