"""Logging changes to searchable content (called by the services that make them)."""

import uuid

from django.db import connection

from infohub.search.models import SearchChange, SearchDocumentKind


def search_change_record(*, kind: SearchDocumentKind, object_id: uuid.UUID) -> None:
    """Note that a searchable object changed; call inside the change's transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("search_change_record must run inside the change's transaction")
    SearchChange.objects.create(kind=kind, object_id=object_id)
