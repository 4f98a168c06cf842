"""A query as weighted concepts: each word the reader typed, in every analysis that fits.

Queries do not say their language, so each word is analysed by every content language's
analyser. The reader's language and the language the query seems to be in (the one
whose stopwords and indexed words it uses most) weigh fully, the others less. A word
that is a stopword in either of those two languages is left out. Then:

- typos: a word whose full-weight forms the index does not know gains the known terms
  within one edit (two for long words; see ``InvertedIndex.near``), at a discount;
- synonyms: a run of words that matches a term of a synonym group gains the group's
  other terms, at a discount; a term of several words matches only where all are. Each
  member of a group is analysed in every content language (``synonyms.build_table``), so
  any form of the word the reader typed reaches every language's stems of the others.

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
    def used_in(self, term: str, lang: str) -> bool: ...


@dataclass
class Concept:
    word: str  # as typed
    forms: dict[str, float] = field(default_factory=dict)  # term -> weight
    # Synonyms of several words, matched only where all their terms are.
    phrases: dict[tuple[str, ...], float] = field(default_factory=dict)

    def add(self, term: str, weight: float) -> None:
        if weight > self.forms.get(term, 0.0):
            self.forms[term] = weight

    def add_phrase(self, terms: tuple[str, ...], weight: float) -> None:
        if len(terms) == 1:
            self.add(terms[0], weight)
        elif weight > self.phrases.get(terms, 0.0):
            self.phrases[terms] = weight

    @property
    def terms(self) -> set[str]:
        return {*self.forms, *(t for phrase in self.phrases for t in phrase)}

    def quality(self, terms: set[str]) -> float:
        """The weight of the concept's best form found in ``terms`` (0 when none is)."""
        return max(
            [
                *(w for t, w in self.forms.items() if t in terms),
                *(w for phrase, w in self.phrases.items() if terms.issuperset(phrase)),
            ],
            default=0.0,
        )


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    lang: str  # the reader's language
    concepts: list[Concept]
    main_languages: frozenset[str]  # the reader's and the query's

    @property
    def terms(self) -> set[str]:
        return {term for concept in self.concepts for term in concept.terms}


def max_typo_distance(term: str) -> int:
    """How far a word may be from a known term: none for short words, 2 for long ones."""
    if len(term) < 4:
        return 0
    return 1 if len(term) <= 7 else 2


def _query_language(
    analyses: dict[str, list[str | None]], reader: str, vocabulary: Vocabulary
) -> str:
    """The language the query seems to be in; the reader's on a tie.

    Each language scores its stopwords in the query plus the query's words that its
    documents use.
    """
    evidence = {
        lang: sum(1 for t in terms if t is None or vocabulary.used_in(t, lang))
        for lang, terms in analyses.items()
    }
    best = max(evidence.values(), default=0)
    if best == 0 or evidence.get(reader) == best:
        return reader
    return next(lang for lang, count in evidence.items() if count == best)


def _concepts(
    words: list[str], reader: str, languages: Iterable[str], vocabulary: Vocabulary
) -> tuple[list[Concept], frozenset[str]]:
    analyses = {lang: analyzer(lang).words(words) for lang in dict.fromkeys([reader, *languages])}
    main = frozenset({reader, _query_language(analyses, reader, vocabulary)})
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
        main_forms = [term for term, weight in concept.forms.items() if weight == 1.0]
        if any(vocabulary.document_frequency(term) for term in main_forms):
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
    additions: list[tuple[Concept, Alternative, float]] = []
    for start, concept in enumerate(concepts):
        for term in list(concept.forms):
            for alternative, others in synonyms.starting_with(term):
                weight = _run_matches(concepts, start, alternative)
                if not weight:
                    continue
                run = concepts[start : start + len(alternative)]
                additions.extend(
                    (member, other, weight * SYNONYM_WEIGHT) for other in others for member in run
                )
    for concept, alternative, weight in additions:
        concept.add_phrase(alternative, weight)


def parse_query(
    text: str,
    *,
    lang: str,
    languages: Iterable[str],
    vocabulary: Vocabulary,
    synonyms: SynonymTable,
) -> ParsedQuery:
    words = TOKEN_RE.findall(text)[:MAX_WORDS]
    concepts, main = _concepts(words, lang, languages, vocabulary)
    _correct_typos(concepts, vocabulary)
    _expand_synonyms(concepts, synonyms)
    return ParsedQuery(text=text, lang=lang, concepts=concepts, main_languages=main)
