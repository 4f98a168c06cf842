"""Words a person can send at any time, in each language, whatever the bot asked.

A keyword is the whole message (case, accents and punctuation aside), never a word inside
a sentence, so "¿cómo me doy de baja?" is a question and "BAJA" unsubscribes. Stop-words
and the erase word of every language work in every conversation: a person who types the
English STOP in a Spanish conversation still means it, and carriers expect it.
"""

import re
import unicodedata
from enum import StrEnum


class Keyword(StrEnum):
    UNSUBSCRIBE = "unsubscribe"
    ERASE = "erase"
    LANGUAGE = "language"
    MENU = "menu"
    HUMAN = "human"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Written folded: lower case, no accents ("arret" matches ARRÊT).
WORDS: dict[Keyword, dict[str, frozenset[str]]] = {
    Keyword.UNSUBSCRIBE: {
        "es": _words("baja alto parar cancelar desuscribir darme-de-baja"),
        "en": _words("stop stopall unsubscribe cancel end quit"),
        "fr": _words("arret arreter desabonner desabonnement stop"),
        "ht": _words("arete kanpe dezabone stop"),
    },
    Keyword.ERASE: {
        "es": _words("borrar eliminar"),
        "en": _words("delete erase"),
        "fr": _words("effacer supprimer"),
        "ht": _words("efase siprime"),
    },
    Keyword.LANGUAGE: {
        "es": _words("idioma lengua"),
        "en": _words("language lang"),
        "fr": _words("langue lang"),
        "ht": _words("lang langaj"),
    },
    Keyword.MENU: {
        "es": _words("menu inicio"),
        "en": _words("menu start"),
        "fr": _words("menu"),
        "ht": _words("meni"),
    },
    Keyword.HUMAN: {
        "es": _words("persona humano agente asesor"),
        "en": _words("human agent person"),
        "fr": _words("humain agent personne conseiller"),
        "ht": _words("moun ajan konseye"),
    },
}

_NOT_A_LETTER = re.compile(r"[^\w]+")


def folded(text: str) -> str:
    """Lower case, no accents, words joined by single spaces, punctuation dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_A_LETTER.sub(" ", bare).split())


def keyword_in(text: str) -> Keyword | None:
    """The keyword the whole message is, in any of the languages."""
    word = folded(text).replace(" ", "-")
    if not word:
        return None
    for keyword, by_language in WORDS.items():
        if any(word in words for words in by_language.values()):
            return keyword
    return None
