"""An in-memory inverted index with BM25F scoring, for one process. No database here.

Documents have three fields, title, summary and body, weighted 3 : 1.5 : 1 and each
normalised by its own average length (BM25F). A posting stores a document slot and the
document's field-weighted, length-normalised term frequency, computed when the document
is added with the average lengths at that time. Removing a document only marks its slot
dead; when dead slots pile up the postings are compacted in place, so an update never
needs a rebuild from the database.

Not thread-safe: the caller holds a lock (see ``index.SearchIndex``).
"""

import math
import uuid
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from infohub.search.documents import IndexDocument
from infohub.search.query import Concept
from infohub.search.text import analyzer

K1 = 1.2
B = 0.75
FIELD_WEIGHTS = (3.0, 1.5, 1.0)  # title, summary, body
# Average field lengths assumed before enough documents are seen, with their weight.
PRIOR_LENGTHS = (8.0, 30.0, 300.0)
PRIOR_DOCUMENTS = 20
FUZZY_CANDIDATES = 3
# Documents in neither the reader's language nor the query's count for this much.
OTHER_LANGUAGE_FACTOR = 0.8

Scores = npt.NDArray[np.float32]


@dataclass(frozen=True)
class DocMeta:
    kind: str
    object_id: uuid.UUID
    lang: str


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: uuid.UUID
    score: float
    lang: str  # the language of the best-matching document (an article's translation)


class _Postings:
    __slots__ = ("slots", "weights")

    def __init__(self) -> None:
        self.slots = array("i")
        self.weights = array("f")


class InvertedIndex:
    # Compact when this many slots are dead and they are this share of all slots.
    compact_min_dead = 1000
    compact_dead_share = 0.25

    def __init__(self) -> None:
        self._postings: dict[str, _Postings] = {}
        self._docs: list[DocMeta | None] = []
        self._alive = np.zeros(1024, dtype=bool)
        self._languages: dict[str, int] = {}
        self._lang_codes = np.zeros(1024, dtype=np.int16)
        self._by_object: dict[tuple[str, uuid.UUID], list[int]] = {}
        self._length_sums = [0.0, 0.0, 0.0]
        self._lengths: list[tuple[int, int, int]] = []
        self._buckets: dict[int, list[str]] = defaultdict(list)
        self._term_languages: dict[str, int] = {}  # term -> bit mask of language codes
        self._dead = 0

    # -- documents -------------------------------------------------------------------

    @property
    def document_count(self) -> int:
        return len(self._docs) - self._dead

    @property
    def dead_count(self) -> int:
        return self._dead

    def __contains__(self, key: tuple[str, uuid.UUID]) -> bool:
        return key in self._by_object

    def objects(self) -> Iterator[tuple[str, uuid.UUID]]:
        return iter(list(self._by_object))

    def _average_lengths(self) -> list[float]:
        n = self.document_count
        return [
            (prior * PRIOR_DOCUMENTS + total) / (PRIOR_DOCUMENTS + n)
            for prior, total in zip(PRIOR_LENGTHS, self._length_sums, strict=True)
        ]

    def add(self, doc: IndexDocument) -> None:
        """Add one document (remove its object's earlier documents first: see replace)."""
        lang_analyzer = analyzer(doc.lang)
        fields = [lang_analyzer.term_counts(text) for text in (doc.title, doc.summary, doc.body)]
        lengths = (
            sum(fields[0].values()),
            sum(fields[1].values()),
            sum(fields[2].values()),
        )
        norms = [
            weight / ((1 - B) + B * length / average)
            for weight, length, average in zip(
                FIELD_WEIGHTS, lengths, self._average_lengths(), strict=True
            )
        ]
        weighted: dict[str, float] = defaultdict(float)
        for norm, counts in zip(norms, fields, strict=True):
            for term, count in counts.items():
                weighted[term] += norm * count
        self._post(self._register(doc, lengths), weighted)

    def _register(self, doc: IndexDocument, lengths: tuple[int, int, int]) -> int:
        """Give a document a slot."""
        slot = len(self._docs)
        self._docs.append(DocMeta(doc.kind, doc.object_id, doc.lang))
        self._lengths.append(lengths)
        self._grow_arrays(slot + 1)
        self._alive[slot] = True
        self._lang_codes[slot] = self._languages.setdefault(doc.lang, len(self._languages))
        self._by_object.setdefault((doc.kind, doc.object_id), []).append(slot)
        for i, length in enumerate(lengths):
            self._length_sums[i] += length
        return slot

    def _post(self, slot: int, weighted: dict[str, float]) -> None:
        """Append a slot's weighted term frequencies to the terms' postings."""
        language_bit = 1 << int(self._lang_codes[slot])
        known, languages = self._postings, self._term_languages
        for term, weight in weighted.items():
            postings = known[term] if term in known else self._posting(term)
            postings.slots.append(slot)
            postings.weights.append(weight)
            languages[term] = languages.get(term, 0) | language_bit

    def _posting(self, term: str) -> _Postings:
        postings = self._postings.get(term)
        if postings is None:
            postings = self._postings[term] = _Postings()
            self._buckets[len(term)].append(term)
        return postings

    def _grow_arrays(self, size: int) -> None:
        if size > len(self._alive):
            capacity = max(size, 2 * len(self._alive))
            alive = np.zeros(capacity, dtype=bool)
            alive[: len(self._alive)] = self._alive
            codes = np.zeros(capacity, dtype=np.int16)
            codes[: len(self._lang_codes)] = self._lang_codes
            self._alive, self._lang_codes = alive, codes

    def remove(self, kind: str, object_id: uuid.UUID) -> None:
        """Forget an object's documents (their slots die until the next compaction)."""
        for slot in self._by_object.pop((kind, object_id), []):
            self._alive[slot] = False
            self._docs[slot] = None
            self._dead += 1
            for i, length in enumerate(self._lengths[slot]):
                self._length_sums[i] -= length

    def replace(self, kind: str, object_id: uuid.UUID, docs: list[IndexDocument]) -> None:
        """Make an object's documents these (none: the object leaves the index)."""
        self.remove(kind, object_id)
        for doc in docs:
            self.add(doc)

    def compact_if_needed(self) -> bool:
        dead = self.dead_count
        if dead < self.compact_min_dead or dead < self.compact_dead_share * len(self._docs):
            return False
        self.compact()
        return True

    def compact(self) -> None:
        """Renumber the live slots and drop dead postings and unused terms."""
        alive = self._alive[: len(self._docs)]
        new_slot = np.cumsum(alive, dtype=np.int64) - 1
        for term in list(self._postings):
            slots, weights = self._arrays(term)
            keep = alive[slots]
            if not keep.any():
                del self._postings[term]
                self._term_languages.pop(term, None)
                continue
            postings = _Postings()
            postings.slots.frombytes(new_slot[slots[keep]].astype(np.int32).tobytes())
            postings.weights.frombytes(weights[keep].tobytes())
            self._postings[term] = postings
        self._docs = [doc for doc in self._docs if doc is not None]
        self._lengths = [length for length, ok in zip(self._lengths, alive, strict=True) if ok]
        live_codes = self._lang_codes[: len(alive)][alive]
        self._alive = np.zeros(max(1024, len(self._docs)), dtype=bool)
        self._alive[: len(self._docs)] = True
        self._lang_codes = np.zeros(len(self._alive), dtype=np.int16)
        self._lang_codes[: len(self._docs)] = live_codes
        self._dead = 0
        self._by_object = {}
        for slot, doc in enumerate(self._docs):
            if doc is not None:
                self._by_object.setdefault((doc.kind, doc.object_id), []).append(slot)
        self._buckets = defaultdict(list)
        for term in self._postings:
            self._buckets[len(term)].append(term)

    # -- vocabulary ------------------------------------------------------------------

    def _arrays(self, term: str) -> tuple[npt.NDArray[np.int32], Scores]:
        postings = self._postings[term]
        slots = np.frombuffer(postings.slots, dtype=np.int32).copy()
        weights = np.frombuffer(postings.weights, dtype=np.float32).copy()
        return slots, weights

    def document_frequency(self, term: str) -> int:
        postings = self._postings.get(term)
        return len(postings.slots) if postings is not None else 0

    def used_in(self, term: str, lang: str) -> bool:
        """Whether a document in ``lang`` has (or had, until the next compaction) the term."""
        code = self._languages.get(lang)
        return code is not None and bool(self._term_languages.get(term, 0) >> code & 1)

    def idf(self, term: str) -> float:
        n = max(self.document_count, 1)
        df = min(self.document_frequency(term), n)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def near(self, term: str, max_distance: int) -> list[tuple[str, int]]:
        """Known terms within an edit distance, closest and commonest first.

        The distance is the restricted Damerau-Levenshtein one (optimal string alignment):
        an insertion, deletion, substitution or swap of two neighbouring letters is one edit.
        """
        found: list[tuple[str, int]] = []
        for length in range(len(term) - max_distance, len(term) + max_distance + 1):
            bucket = self._buckets.get(length)
            if not bucket:
                continue
            matches = process.extract(
                term,
                bucket,
                scorer=OSA.distance,
                score_cutoff=max_distance,
                limit=FUZZY_CANDIDATES,
            )
            found.extend((str(match), int(distance)) for match, distance, _ in matches)
        found = [(t, d) for t, d in found if t != term and t in self._postings]
        found.sort(key=lambda item: (item[1], -self.document_frequency(item[0]), item[0]))
        return found[:FUZZY_CANDIDATES]

    # -- ranking ---------------------------------------------------------------------

    def _contributions(self, term: str, weight: float) -> tuple[npt.NDArray[np.int32], Scores]:
        """The slots that have a term and its weighted BM25 score in each."""
        slots, tf = self._arrays(term)
        return slots, (weight * self.idf(term)) * tf * (K1 + 1) / (tf + K1)

    def _phrase(self, terms: tuple[str, ...], weight: float) -> Scores:
        """Per slot, the weakest of the terms' scores: zero unless all of them are there."""
        weakest = np.full(len(self._docs), np.inf, dtype=np.float32)
        for term in terms:
            dense = np.zeros(len(self._docs), dtype=np.float32)
            if term in self._postings:
                slots, contribution = self._contributions(term, weight)
                dense[slots] = contribution
            np.minimum(weakest, dense, out=weakest)
        return weakest

    def _concept(self, concept: Concept) -> Scores:
        """Per slot, the score of the concept's best form."""
        best = np.zeros(len(self._docs), dtype=np.float32)
        for term, weight in concept.forms.items():
            if term in self._postings:
                slots, contribution = self._contributions(term, weight)
                best[slots] = np.maximum(best[slots], contribution)
        for terms, weight in concept.phrases.items():
            np.maximum(best, self._phrase(terms, weight), out=best)
        return best

    def scores(self, concepts: Sequence[Concept], preferred: Iterable[str] = ()) -> Scores:
        """Each slot's score: the sum of its concepts' scores.

        Documents in a language other than the ``preferred`` ones count for less.
        """
        total = np.zeros(len(self._docs), dtype=np.float32)
        for concept in concepts:
            total += self._concept(concept)
        total[~self._alive[: len(self._docs)]] = 0
        codes = [self._languages[lang] for lang in preferred if lang in self._languages]
        if codes:
            other = ~np.isin(self._lang_codes[: len(self._docs)], codes)
            total[other] *= OTHER_LANGUAGE_FACTOR
        return total

    def top(
        self,
        concepts: Sequence[Concept],
        *,
        limit: int,
        per_object: int,
        preferred: Iterable[str] = (),
    ) -> list[Hit]:
        """The best objects, each scored by its best document, at most ``limit``."""
        scores = self.scores(concepts, preferred)
        candidates = np.flatnonzero(scores > 0)
        wanted = limit * per_object
        if len(candidates) > wanted:
            best = np.argpartition(-scores[candidates], wanted - 1)[:wanted]
            candidates = candidates[best]
        hits: dict[tuple[str, uuid.UUID], Hit] = {}
        for slot in sorted(candidates.tolist(), key=lambda s: -float(scores[s])):
            doc = self._docs[slot]
            if doc is not None and (doc.kind, doc.object_id) not in hits:
                hits[doc.kind, doc.object_id] = Hit(
                    doc.kind, doc.object_id, float(scores[slot]), doc.lang
                )
        ranked = sorted(hits.values(), key=lambda h: (-h.score, str(h.object_id)))
        return ranked[:limit]
