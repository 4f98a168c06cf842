"""Text analysis per language: fold, tokenise, drop stopwords, stem.

Every word goes through the same pipeline, in documents and in queries alike: Unicode
NFKD with accents stripped, case folding, tokens split on anything that is not a letter
or digit, the language's stopwords removed, then Snowball stemming for Spanish, English
and French or the spelling rules of ``creole`` for Haitian Creole. Languages added
through settings use their Snowball stemmer when one exists, folding only otherwise.
"""

import re
import threading
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from typing import NamedTuple

import snowballstemmer  # type: ignore[import-untyped]

from infohub.search import creole
from infohub.search.stopwords import STOPWORDS

TOKEN_RE = re.compile(r"[^\W_]+")
MAX_WORD_LENGTH = 40
_CACHE_LIMIT = 300_000
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l"})

SNOWBALL_ALGORITHMS = {
    "es": "spanish",
    "en": "english",
    "fr": "french",
    "pt": "portuguese",
    "it": "italian",
    "de": "german",
    "nl": "dutch",
    "ca": "catalan",
}


def fold(word: str) -> str:
    """Lower case without accents: "Información" -> "informacion"."""
    lowered = unicodedata.normalize("NFKD", word).casefold().translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_fold_cached = lru_cache(maxsize=_CACHE_LIMIT)(fold)


class Token(NamedTuple):
    start: int
    end: int
    term: str | None  # None for stopwords and words too long to be words


class Analyzer:
    """The analysis of one language; words already seen are answered from a cache."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.stopwords = STOPWORDS.get(lang, frozenset())
        algorithm = SNOWBALL_ALGORITHMS.get(lang)
        self._stemmer = snowballstemmer.stemmer(algorithm) if algorithm else None
        self._cache: dict[str, str | None] = {}
        self._lock = threading.Lock()

    def _analyse_folded(self, word: str) -> str | None:
        if word in self.stopwords or len(word) > MAX_WORD_LENGTH:
            return None
        if self.lang == "ht":
            canonical = creole.canonical(word)
            return None if canonical in self.stopwords else canonical
        if self._stemmer is None:
            return word
        with self._lock:  # Snowball stemmers keep state between calls
            return str(self._stemmer.stemWord(word))

    def word(self, raw: str) -> str | None:
        """The term of one word as written, or None for a stopword."""
        try:
            return self._cache[raw]
        except KeyError:
            pass
        term = self._analyse_folded(fold(raw))
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        self._cache[raw] = term
        return term

    def words(self, raws: list[str]) -> list[str | None]:
        """The term of each word (None for stopwords), Creole compounds joined."""
        if self.lang != "ht":
            return [self.word(raw) for raw in raws]
        joined = creole.join_pairs([_fold_cached(raw) for raw in raws])
        return [self.word(w) if w is not None else None for w in joined]

    def term_counts(self, text: str) -> Counter[str]:
        """How often each term occurs in a text (the fast path used for indexing)."""
        if self.lang == "ht":
            return Counter(self.terms(text))
        counts: Counter[str] = Counter()
        cache = self._cache
        for raw, count in Counter(TOKEN_RE.findall(text)).items():
            term = cache[raw] if raw in cache else self.word(raw)
            if term is not None:
                counts[term] += count
        return counts

    def terms(self, text: str) -> list[str]:
        """The terms of a text, stopwords left out."""
        return [t for t in self.words(TOKEN_RE.findall(text)) if t is not None]

    def tokens(self, text: str) -> list[Token]:
        """Every word of a text with its position and term."""
        matches = list(TOKEN_RE.finditer(text))
        terms = self.words([m.group() for m in matches])
        return [Token(m.start(), m.end(), t) for m, t in zip(matches, terms, strict=True)]


@cache
def analyzer(lang: str) -> Analyzer:
    """The shared analyser of a language (one per process)."""
    return Analyzer(lang)
