"""The search index of this process: built from the database, kept fresh from the change log.

The database is the source of truth and the index is derived from it. Every web process
holds one index (``search_index()``). Before each search, ``ensure_fresh`` reads the
changes logged after the last one applied (one indexed query) and re-indexes just those
objects, so publishing, editing or archiving is seen by the next search in every process,
without a manual step and without rebuilding.

Change ids can commit out of order when transactions overlap (PostgreSQL hands out ids
before commit), so ids missing below the newest seen are watched for a while. If the
change the cursor points to has disappeared or differs (a database restored from a
backup, a test rolled back), the log was rewritten and the index is rebuilt.

``INFOHUB_SEARCH_REFRESH_SECONDS`` (default 0: every search) limits how often a process
looks at the log.
"""

import math
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q

from infohub.search.documents import all_documents, document_kinds, documents_of
from infohub.search.inverted import Hit, InvertedIndex
from infohub.search.models import SearchChange, SearchDocumentKind
from infohub.search.query import ParsedQuery, parse_query
from infohub.search.synonyms import SynonymTable, load_table

GAP_WAIT_SECONDS = 120.0  # how long a missing change id may still commit
MAX_GAPS = 1000
REFETCH_CHUNK = 500

ChangeRow = tuple[int, str, uuid.UUID, Any]


@dataclass(frozen=True)
class Retrieval:
    query: ParsedQuery
    hits: list[Hit]
    concept_weights: list[float]  # the IDF-based weight of each of the query's concepts


class SearchIndex:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._index = InvertedIndex()
        self._synonyms = SynonymTable()
        self._built = False
        self._cursor: ChangeRow | None = None  # the last change applied
        self._gaps: dict[int, float] = {}  # missing change id -> when to stop waiting
        self._checked_at = -math.inf

    @property
    def document_count(self) -> int:
        return self._index.document_count

    # -- freshness -------------------------------------------------------------------

    def ensure_fresh(self) -> None:
        """Apply the changes logged since the last call (build on first use)."""
        interval = float(getattr(settings, "INFOHUB_SEARCH_REFRESH_SECONDS", 0.0))
        with self._lock:
            now = time.monotonic()
            if self._built and now - self._checked_at < interval:
                return
            self._checked_at = now
            changes = self._pending_changes() if self._built else None
            if changes is None:
                self.build()
            elif changes:
                self._apply(changes)

    def build(self) -> None:
        """Index every public document from scratch."""
        with self._lock:
            last = SearchChange.objects.order_by("-id").values_list("id", "kind", "object_id", "at")
            cursor = last.first()
            index = InvertedIndex()
            for doc in all_documents():
                index.add(doc)
            self._index, self._synonyms = index, load_table()
            self._cursor, self._gaps, self._built = cursor, {}, True
            if cursor is not None:
                self._watch_gaps_below(cursor[0])

    def _watch_gaps_below(self, newest: int) -> None:
        floor = max(0, newest - MAX_GAPS)
        present = set(SearchChange.objects.filter(id__gt=floor).values_list("id", flat=True))
        deadline = time.monotonic() + GAP_WAIT_SECONDS
        self._gaps = {i: deadline for i in range(floor + 1, newest) if i not in present}

    def _pending_changes(self) -> list[ChangeRow] | None:
        """Changes after the cursor and in the gaps; None when the log was rewritten."""
        cursor_id = self._cursor[0] if self._cursor else 0
        rows: list[ChangeRow] = list(
            SearchChange.objects.filter(Q(id__gte=cursor_id) | Q(id__in=list(self._gaps)))
            .order_by("id")
            .values_list("id", "kind", "object_id", "at")
        )
        if self._cursor is not None and self._cursor not in rows:
            return None
        new = [row for row in rows if row[0] > cursor_id or row[0] in self._gaps]
        self._update_gaps(cursor_id, new)
        return new

    def _update_gaps(self, cursor_id: int, new: list[ChangeRow]) -> None:
        now = time.monotonic()
        seen = {row[0] for row in new}
        gaps = {i: t for i, t in self._gaps.items() if i not in seen and t > now}
        newest = max(seen, default=cursor_id)
        for missing in range(max(cursor_id + 1, newest - MAX_GAPS), newest):
            if missing not in seen:
                gaps.setdefault(missing, now + GAP_WAIT_SECONDS)
        self._gaps = gaps

    def _apply(self, changes: list[ChangeRow]) -> None:
        changed: dict[str, set[uuid.UUID]] = defaultdict(set)
        for _, kind, object_id, _ in changes:
            changed[kind].add(object_id)
        if SearchDocumentKind.SYNONYMS in changed:
            self._synonyms = load_table()
        for kind in document_kinds():
            ids = sorted(changed.get(kind, ()))
            for start in range(0, len(ids), REFETCH_CHUNK):
                chunk = documents_of(kind, ids[start : start + REFETCH_CHUNK])
                for object_id, docs in chunk.items():
                    self._index.replace(kind, object_id, docs)
        self._index.compact_if_needed()
        newest = max(changes, key=lambda row: row[0])
        if self._cursor is None or newest[0] > self._cursor[0]:
            self._cursor = newest

    # -- searching -------------------------------------------------------------------

    def retrieve(self, text: str, *, lang: str, limit: int) -> Retrieval:
        """The query's concepts and the best ``limit`` objects for it."""
        languages = list(settings.INFOHUB_CONTENT_LANGUAGES)
        with self._lock:
            parsed = parse_query(
                text,
                lang=lang,
                languages=languages,
                vocabulary=self._index,
                synonyms=self._synonyms,
            )
            hits = self._index.top(
                parsed.concepts,
                limit=limit,
                per_object=len(languages),
                preferred=parsed.main_languages,
            )
            weights = [self._concept_weight(c.forms) for c in parsed.concepts]
        return Retrieval(query=parsed, hits=hits, concept_weights=weights)

    def _concept_weight(self, forms: dict[str, float]) -> float:
        """The IDF of a concept's best known form; the highest IDF when none is known."""
        known = {t: w for t, w in forms.items() if self._index.document_frequency(t)}
        if not known:
            return self._index.idf("")
        top = max(known.values())
        return max(self._index.idf(t) for t, w in known.items() if w == top)


_index = SearchIndex()


def search_index() -> SearchIndex:
    """This process's index."""
    return _index


def reset_search_index() -> None:
    """Forget this process's index; the next search builds it again (for tests)."""
    global _index  # noqa: PLW0603 - the one index of the process
    _index = SearchIndex()
