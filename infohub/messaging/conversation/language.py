"""The conversation's language: told by the person's app, obvious from the first words, or asked.

Detection is deliberately timid: a greeting ("bonjou", "hola"), a language's name, or a
sentence with several words only one of the languages uses. Anything less clear is asked
with the language menu, once; the answer is kept in the state.
"""

from collections.abc import Sequence

from infohub.messaging.channels.base import Button
from infohub.messaging.conversation.keywords import folded

LANGUAGE_CHOICE = "lang:"

# The name of each language in itself: the menu is read before any language is known.
OWN_NAMES = {"es": "Español", "en": "English", "fr": "Français", "ht": "Kreyòl"}

# Whole messages that name a language or greet in it (folded).
_NAMES_AND_GREETINGS = {
    "es": "es espanol castellano hola buenas buenos-dias buenas-tardes buenas-noches",
    "en": "en english hello hi hey good-morning good-afternoon good-evening",
    "fr": "fr francais bonjour bonsoir salut",
    "ht": "ht kreyol kreyol-ayisyen creole ayisyen bonjou bonswa sak-pase",
}
_GREETINGS = {lang: frozenset(words.split()) for lang, words in _NAMES_AND_GREETINGS.items()}

# Words only one of the languages uses, so that two of them make a sentence's language clear.
_TELLING_WORDS = {
    "es": "necesito quiero puedo tengo estoy donde cuanto cuantos como para los las una del hola",
    "en": "i the what how where which need want can my is are do does and with hello",
    "fr": "je suis est pour les des une dans avec besoin quels quel quelle comment faut bonjour",
    "ht": "mwen kisa kijan kote pou yon bezwen kouman konbyen eske genyen kounye bonjou vle ka",
}
_TELLING = {lang: frozenset(words.split()) for lang, words in _TELLING_WORDS.items()}
_ENOUGH = 2


def language_named(text: str, languages: Sequence[str]) -> str | None:
    """The language a whole message names or greets in (``"kreyòl"``, ``"hola"``), if any."""
    word = folded(text).replace(" ", "-")
    return next((code for code in languages if word in _GREETINGS.get(code, ())), None)


def language_of_sentence(text: str, languages: Sequence[str]) -> str | None:
    """The language of a sentence, when at least two of its words say so and no other's do."""
    words = set(folded(text).split())
    hits = {code: len(words & _TELLING.get(code, frozenset())) for code in languages}
    ranked = sorted(hits.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < _ENOUGH:
        return None
    if len(ranked) > 1 and ranked[1][1] * 2 >= ranked[0][1]:
        return None
    return ranked[0][0]


def detected_language(*, text: str, reported: str, languages: Sequence[str]) -> str | None:
    """The first message's language where obvious: the app's, a greeting, a clear sentence."""
    reported = reported.split("-", maxsplit=1)[0].split("_", maxsplit=1)[0].lower()
    if reported in languages:
        return reported
    return language_named(text, languages) or language_of_sentence(text, languages)


def language_buttons(languages: Sequence[str]) -> tuple[Button, ...]:
    """One button per language of the channel, each named in its own language."""
    return tuple(
        Button(id=LANGUAGE_CHOICE + code, title=OWN_NAMES.get(code, code)[:20])
        for code in languages
    )


def chosen_language(choice: str, languages: Sequence[str]) -> str | None:
    """The language a button id names, if it is one of the channel's."""
    code = choice.removeprefix(LANGUAGE_CHOICE)
    return code if choice.startswith(LANGUAGE_CHOICE) and code in languages else None
