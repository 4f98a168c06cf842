"""Haitian Creole spelling variants mapped to one canonical form.

Creole is written in the official orthography, in French-influenced spellings and
without accents, so one word has several spellings: "paspò", "paspo", "pasepò";
"dokiman", "dokuman"; "legalman", "legalmann"; "ki jan", "kijan". A few light rules,
applied to folded (accentless, lower-case) words, bring them together. There is no
stemmer: Creole words barely inflect.
"""

import re

# Words written apart or together: joined before anything else.
JOINED_PAIRS: dict[tuple[str, str], str] = {
    ("ki", "jan"): "kijan",
    ("ki", "sa"): "kisa",
    ("ki", "le"): "kile",
    ("ki", "kote"): "kikote",
    ("ki", "moun"): "kimoun",
    ("pou", "kisa"): "poukisa",
}

_CONSONANT = "bcdfgjklmnpqrstvxz"
_RULES: list[tuple[re.Pattern[str], str]] = [
    # French-style spellings: "qu", "ph", "c".
    (re.compile(r"qu"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"c(?!h)"), "k"),
    # "u" outside "ou" is the French spelling of "i": "dokuman" -> "dokiman".
    (re.compile(r"(?<!o)u"), "i"),
    # "ou" before a vowel is "w": "ouvri" -> "wvri"; "pwoblèm"/"problème" -> "pwoblem".
    (re.compile(r"ou(?=[aeio])"), "w"),
    (re.compile(rf"(?<=[{_CONSONANT}])r(?=o)"), "w"),
    # Doubled letters are one: "legalmann" -> "legalman", "konnen" -> "konen".
    (re.compile(r"(.)\1+"), r"\1"),
    # A silent final "e" of French spellings: "probleme" -> "pwoblem".
    (re.compile(rf"(?<=...[{_CONSONANT}])e$"), ""),
]


def _drop_inner_e(word: str) -> str:
    """Drop an unstressed "e" between consonants after the first syllable: "pasepo"."""
    chars = list(word)
    keep = [
        not (
            i >= 2
            and c == "e"
            and i + 1 < len(chars)
            and chars[i - 1] in _CONSONANT
            and chars[i + 1] in _CONSONANT
        )
        for i, c in enumerate(chars)
    ]
    return "".join(c for c, k in zip(chars, keep, strict=True) if k)


def canonical(word: str) -> str:
    """The canonical spelling of a folded Creole word."""
    for pattern, replacement in _RULES:
        word = pattern.sub(replacement, word)
    return _drop_inner_e(word) if len(word) > 4 else word


def join_pairs(words: list[str]) -> list[str | None]:
    """Words with split compounds joined: ["ki", "jan"] -> ["kijan", None]."""
    joined: list[str | None] = list(words)
    for i in range(len(words) - 1):
        pair = JOINED_PAIRS.get((words[i], words[i + 1]))
        if pair and joined[i] is not None:
            joined[i], joined[i + 1] = pair, None
    return joined
