"""The extractive answer: one to three sentences of a published article, verbatim.

Candidates are windows of one to three consecutive sentences inside one paragraph or
list item of the top few article results, in the translation the reader is shown.
A window is scored by the share of the query's weight it covers (each concept weighed
by its IDF, matched through stems, typo corrections and synonyms), how close together
the matched words are, and a little by the section heading above it. Nothing is
generated: the answer is the article's own words, Markdown markup removed. When no
window covers enough of the question, there is no answer.
"""

import uuid
from dataclasses import dataclass

from infohub.search.plaintext import Block, markdown_blocks, sentence_spans
from infohub.search.query import Concept
from infohub.search.text import Token, analyzer

MAX_SENTENCES = 3
MIN_COVERAGE = 0.6
MIN_ANSWER_LENGTH = 20
MAX_ANSWER_LENGTH = 600
HEADING_WEIGHT = 0.25
PROXIMITY_WEIGHT = 0.1
LENGTH_PENALTY = 0.05  # per sentence after the first
RANK_PENALTY = 0.05  # per article rank after the first


@dataclass(frozen=True)
class AnswerSource:
    article_id: uuid.UUID
    lang: str
    body: str  # Markdown


@dataclass(frozen=True)
class Answer:
    text: str
    article_id: uuid.UUID
    lang: str


@dataclass(frozen=True)
class _Candidate:
    score: float
    text: str


class _Scorer:
    def __init__(self, concepts: list[Concept], weights: list[float]) -> None:
        self.concepts = concepts
        self.weights = weights
        self.total = sum(weights) or 1.0
        self.needed = min(2, len(concepts))

    def match_quality(self, terms: set[str]) -> list[float]:
        """Per concept, the weight of its best form among ``terms`` (0 when absent)."""
        return [concept.quality(terms) for concept in self.concepts]

    def coverage(self, quality: list[float]) -> float:
        return sum(q * w for q, w in zip(quality, self.weights, strict=True)) / self.total

    def proximity(self, tokens: list[Token]) -> float:
        """Matched concepts per word of the shortest stretch that holds them all."""
        positions: dict[int, list[int]] = {}
        for position, token in enumerate(tokens):
            for i, concept in enumerate(self.concepts):
                if token.term in concept.terms:
                    positions.setdefault(i, []).append(position)
        if len(positions) < 2:
            return 1.0 if positions else 0.0
        return len(positions) / _shortest_span(positions)

    def score_window(
        self, text: str, *, lang: str, heading_terms: set[str], rank: int
    ) -> _Candidate | None:
        tokens = analyzer(lang).tokens(text)
        terms = {t.term for t in tokens if t.term}
        quality = self.match_quality(terms)
        coverage = self.coverage(quality)
        if coverage < MIN_COVERAGE or sum(1 for q in quality if q) < self.needed:
            return None
        in_context = self.match_quality(terms | heading_terms)
        score = (
            coverage
            + HEADING_WEIGHT * self.coverage(in_context)
            + PROXIMITY_WEIGHT * self.proximity(tokens)
            - LENGTH_PENALTY * (len(sentence_spans(text)) - 1)
            - RANK_PENALTY * rank
        )
        return _Candidate(score, text)


def _shortest_span(positions: dict[int, list[int]]) -> int:
    """Length of the shortest run of words holding one occurrence of each concept."""
    events = sorted((p, c) for c, ps in positions.items() for p in ps)
    counts: dict[int, int] = {}
    best, left = events[-1][0] - events[0][0] + 1, 0
    for position, concept in events:
        counts[concept] = counts.get(concept, 0) + 1
        while len(counts) == len(positions):
            best = min(best, position - events[left][0] + 1)
            left_concept = events[left][1]
            counts[left_concept] -= 1
            if not counts[left_concept]:
                del counts[left_concept]
            left += 1
    return best


def _windows(block: Block) -> list[str]:
    spans = sentence_spans(block.text)
    return [
        block.text[spans[i][0] : spans[i + n - 1][1]]
        for i in range(len(spans))
        for n in range(1, MAX_SENTENCES + 1)
        if i + n <= len(spans)
    ]


def _acceptable(text: str) -> bool:
    """Long enough to say something, short enough to read; not a question or a lead-in."""
    return MIN_ANSWER_LENGTH <= len(text) <= MAX_ANSWER_LENGTH and text.rstrip()[-1:] not in "?:"


def find_answer(
    concepts: list[Concept], weights: list[float], sources: list[AnswerSource]
) -> Answer | None:
    """The best window of the sources (ranked articles), or None when none is good enough."""
    if not concepts:
        return None
    best: tuple[_Candidate, AnswerSource] | None = None
    scorer = _Scorer(concepts, weights)
    for rank, source in enumerate(sources):
        heading_terms: set[str] = set()
        for block in markdown_blocks(source.body):
            if block.heading:
                heading_terms = set(analyzer(source.lang).terms(block.text))
                continue
            for text in filter(_acceptable, _windows(block)):
                candidate = scorer.score_window(
                    text, lang=source.lang, heading_terms=heading_terms, rank=rank
                )
                if candidate and (best is None or candidate.score > best[0].score):
                    best = (candidate, source)
    if best is None:
        return None
    candidate, source = best
    return Answer(text=candidate.text, article_id=source.article_id, lang=source.lang)
