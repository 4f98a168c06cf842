"""A query as weighted concepts: each word the reader typed, in every analysis that fits.

Queries do not say their language, so each word is analysed by every content language's
analyser. The reader's language and the language the query seems to be in (the one
whose stopwords it uses most) weigh fully, the others less. A word that is a stopword
in either of those two languages is left out. Then:

- typos: a word none of whose forms the index knows gains the known terms within a
  Damerau-Levenshtein distance of 1 (2 for long words), at a discount;
- synonyms: a run of words that matches a term of a synonym group gains the group's
  other terms, at a discount.

A concept is matched by its best form, so one word counts once however many forms it has.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from infohub.search.synonyms import Alternative, SynonymTable
from infohub.search.text import TOKEN_RE, analyzer

OTHER_LANGUAGE_WEIGHT = 0.6
FUZZY_WEIGHTS = {1: 0.7, 2: 0.5}
SYNONYM_WEIGHT = 0.8
MAX_WORDS = 40


class Vocabulary(Protocol):
    def document_frequency(self, term: str) -> int: ...
    def near(self, term: str, max_distance: int) -> list[tuple[str, int]]: ...


@dataclass
class Concept:
    word: str  # as typed
    forms: dict[str, float] = field(default_factory=dict)  # term -> weight

    def add(self, term: str, weight: float) -> None:
        if weight > self.forms.get(term, 0.0):
            self.forms[term] = weight


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    lang: str  # the reader's language
    concepts: list[Concept]
    main_languages: frozenset[str]  # the reader's and the query's

    @property
    def terms(self) -> set[str]:
        return {term for concept in self.concepts for term in concept.forms}

    @property
    def forms(self) -> list[dict[str, float]]:
        return [concept.forms for concept in self.concepts]


def max_typo_distance(term: str) -> int:
    """How far a word may be from a known term: none for short words, 2 for long ones."""
    if len(term) < 4:
        return 0
    return 1 if len(term) <= 7 else 2


def _query_language(analyses: dict[str, list[str | None]], reader: str) -> str:
    """The language whose stopwords the query uses most; the reader's on a tie."""
    stopword_counts = {lang: terms.count(None) for lang, terms in analyses.items()}
    best = max(stopword_counts.values(), default=0)
    if best == 0 or stopword_counts.get(reader) == best:
        return reader
    return next(lang for lang, count in stopword_counts.items() if count == best)


def _concepts(
    words: list[str], reader: str, languages: Iterable[str]
) -> tuple[list[Concept], frozenset[str]]:
    analyses = {lang: analyzer(lang).words(words) for lang in dict.fromkeys([reader, *languages])}
    main = frozenset({reader, _query_language(analyses, reader)})
    concepts = []
    for i, word in enumerate(words):
        if any(analyses[lang][i] is None for lang in main):
            continue
        concept = Concept(word)
        for lang, terms in analyses.items():
            term = terms[i]
            if term is not None:
                concept.add(term, 1.0 if lang in main else OTHER_LANGUAGE_WEIGHT)
        concepts.append(concept)
    return concepts, main


def _correct_typos(concepts: list[Concept], vocabulary: Vocabulary) -> None:
    for concept in concepts:
        if any(vocabulary.document_frequency(term) for term in concept.forms):
            continue
        for term, weight in sorted(concept.forms.items(), key=lambda item: -item[1]):
            distance = max_typo_distance(term)
            for known, found in vocabulary.near(term, distance) if distance else []:
                concept.add(known, weight * FUZZY_WEIGHTS[found])


def _run_matches(concepts: list[Concept], start: int, alternative: Alternative) -> float:
    """The weight with which concepts from ``start`` spell ``alternative`` (0: they don't)."""
    if start + len(alternative) > len(concepts):
        return 0.0
    weights = [concepts[start + j].forms.get(term, 0.0) for j, term in enumerate(alternative)]
    return min(weights)


def _expand_synonyms(concepts: list[Concept], synonyms: SynonymTable) -> None:
    additions: list[tuple[Concept, str, float]] = []
    for start, concept in enumerate(concepts):
        for term in list(concept.forms):
            for alternative, others in synonyms.starting_with(term):
                weight = _run_matches(concepts, start, alternative)
                if not weight:
                    continue
                run = concepts[start : start + len(alternative)]
                additions.extend(
                    (member, other_term, weight * SYNONYM_WEIGHT)
                    for other in others
                    for other_term in other
                    for member in run
                )
    for concept, term, weight in additions:
        concept.add(term, weight)


def parse_query(
    text: str,
    *,
    lang: str,
    languages: Iterable[str],
    vocabulary: Vocabulary,
    synonyms: SynonymTable,
) -> ParsedQuery:
    words = TOKEN_RE.findall(text)[:MAX_WORDS]
    concepts, main = _concepts(words, lang, languages)
    _correct_typos(concepts, vocabulary)
    _expand_synonyms(concepts, synonyms)
    return ParsedQuery(text=text, lang=lang, concepts=concepts, main_languages=main)
