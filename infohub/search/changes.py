"""Logging changes to searchable content (called by the services that make them)."""

import uuid
from collections.abc import Iterable

from django.db import connection

from infohub.search.models import SearchChange, SearchDocumentKind
from infohub.search.sources import source_for


def search_change_record(*, kind: str, object_id: uuid.UUID) -> None:
    """Note that a searchable object changed; call inside the change's transaction.

    ``kind`` is the kind of a registered search source (or the synonyms'): a typo here
    would leave an index stale without anyone noticing, so it is refused.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("search_change_record must run inside the change's transaction")
    if kind != SearchDocumentKind.SYNONYMS and source_for(kind) is None:
        raise ValueError(f"no search source is registered for kind {kind!r}")
    SearchChange.objects.create(kind=kind, object_id=object_id)


def search_changes_record(*, kind: str, object_ids: Iterable[uuid.UUID]) -> None:
    """Note that many objects of one kind changed (an import): one insert per batch."""
    unique = sorted(set(object_ids))
    if not unique:
        return
    search_change_record(kind=kind, object_id=unique[0])
    SearchChange.objects.bulk_create(
        [SearchChange(kind=kind, object_id=object_id) for object_id in unique[1:]],
        batch_size=1000,
    )
