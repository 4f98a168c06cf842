"""The platform's languages: Haitian Creole registration and fallback chains.

Django ships no locale data for Haitian Creole (``ht``), so it is added to
``LANG_INFO`` here, before any translation machinery looks it up.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import locale, settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

HAITIAN_CREOLE = {
    "bidi": False,
    "code": "ht",
    "name": "Haitian Creole",
    "name_local": "Kreyòl ayisyen",
}

# The four languages the UI is written in; the first is the default.
CORE_LANGUAGES = ("es", "en", "fr", "ht")

DEFAULT_FALLBACKS = "ht:fr,es,en;fr:es,en;es:en;en:es"

# Names of the core languages in the reader's language; Django has no Kreyòl catalog.
LANGUAGE_NAMES = {
    "es": _("Spanish"),
    "en": _("English"),
    "fr": _("French"),
    "ht": _("Haitian Creole"),
}


def register_haitian_creole() -> None:
    """Make ``ht`` a language Django knows by name."""
    locale.LANG_INFO.setdefault("ht", HAITIAN_CREOLE)


def language_choices(codes: list[str]) -> list[tuple[str, str]]:
    """Return ``(code, local name)`` pairs, refusing codes Django cannot name."""
    register_haitian_creole()
    choices = []
    for code in codes:
        info = locale.LANG_INFO.get(code)
        if info is None or "name_local" not in info:
            raise ImproperlyConfigured(
                f"Unknown language code {code!r} in INFOHUB_EXTRA_LANGUAGES."
            )
        # Django spells some names in lower case ("español"); a picker shows them capitalised.
        name = info["name_local"]
        choices.append((code, name[:1].upper() + name[1:]))
    return choices


def parse_fallbacks(spec: str, languages: list[str]) -> dict[str, list[str]]:
    """Parse ``"ht:fr,es,en;fr:es,en"`` into ``{"ht": ["fr", "es", "en"], ...}``."""
    chains: dict[str, list[str]] = {}
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        source, _, targets = part.partition(":")
        chain = [t.strip() for t in targets.split(",") if t.strip()]
        for code in [source.strip(), *chain]:
            if code not in languages:
                raise ImproperlyConfigured(
                    f"INFOHUB_LANGUAGE_FALLBACKS names {code!r}, which is not an enabled language."
                )
        chains[source.strip()] = chain
    return chains


def fallback_chain(language: str, chains: Mapping[str, list[str]], default: str) -> list[str]:
    """Return the languages to try for ``language``, itself first, ending with the default."""
    ordered = [language, *chains.get(language, [])]
    if default not in ordered:
        ordered.append(default)
    return list(dict.fromkeys(ordered))


def languages_to_try(lang: str) -> list[str]:
    """``lang``, its configured fallback chain, then the default language."""
    return fallback_chain(lang, settings.INFOHUB_LANGUAGE_FALLBACKS, settings.LANGUAGE_CODE)


def best_language(available: Collection[str], lang: str) -> str | None:
    """``lang`` if available, else the first along its chain, else the first by code.

    Every piece of translated content (articles, pathways, directory texts, screening
    criteria) picks its language this one way.
    """
    return next((c for c in [*languages_to_try(lang), *sorted(available)] if c in available), None)


def in_language(texts: Mapping[str, Any], lang: str) -> Any:
    """From a ``{lang: text}`` map, the best language's non-empty text; None when empty."""
    code = best_language({c for c, text in texts.items() if text}, lang)
    return texts[code] if code else None


def language_name(code: str) -> str:
    """The name of language ``code`` in the active language ("Spanish", "panyòl")."""
    name = LANGUAGE_NAMES.get(code)
    if name is not None:
        return str(name)
    try:
        return str(locale.LANG_INFO[code]["name_local"])
    except KeyError:
        return code


@dataclass(frozen=True)
class LangText:
    """A text, the language it is written in and the reader's language.

    The one rule for text in another language than the page: its element carries
    ``lang="{{ t.lang }}"`` and the page shows ``t.notice`` ("(only in Spanish)") beside it.
    """

    text: str
    lang: str
    requested: str

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def other_language(self) -> bool:
        return self.lang != self.requested

    @property
    def notice(self) -> str:
        if not self.other_language:
            return ""
        with translation.override(self.requested):
            return gettext("(only in %(language)s)") % {"language": language_name(self.lang)}


def text_in(texts: Mapping[str, str], lang: str) -> LangText | None:
    """From a ``{lang: text}`` map, the best language's non-empty text with its language."""
    code = best_language({c for c, text in texts.items() if text}, lang)
    return LangText(texts[code], code, lang) if code else None
