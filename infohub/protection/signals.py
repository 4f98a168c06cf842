"""Writing the active key's canary after every migrate."""

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

from infohub.protection.models import KeyCanary
from infohub.protection.services import canary_ensure


def write_key_canary(*, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """Write the active key's canary, when the table exists (not after migrating back)."""
    if KeyCanary._meta.db_table in connections[using].introspection.table_names():
        canary_ensure(using=using)
