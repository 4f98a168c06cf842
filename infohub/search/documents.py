"""What gets indexed: the documents of every registered search source.

Each source (``sources.py``) decides which of its objects are public and what text
they are found by; search reads them through the registry and knows no content app.
"""

import uuid
from collections.abc import Iterable, Iterator

from infohub.search.sources import IndexDocument, kinds, source_for, sources

__all__ = ["IndexDocument", "all_documents", "document_kinds", "documents_of"]


def document_kinds() -> list[str]:
    """The kinds of document an index holds, re-read when the change log names them."""
    return kinds()


def all_documents() -> Iterator[IndexDocument]:
    """Every document search should hold, source by source, read in chunks."""
    for source in sources():
        yield from source.all_documents()


def documents_of(
    kind: str, object_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[IndexDocument]]:
    """The documents of these objects now, an empty list for those no longer public."""
    wanted = set(object_ids)
    found: dict[uuid.UUID, list[IndexDocument]] = {object_id: [] for object_id in wanted}
    source = source_for(kind)
    if source is not None and wanted:
        found.update(source.documents_of(wanted))
    return found
