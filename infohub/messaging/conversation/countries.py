"""A country typed by name (in the conversation's language or in English) or by its code."""

from collections.abc import Collection

from infohub.countries import country_options, is_country
from infohub.messaging.conversation.keywords import folded


def typed_country(text: str, *, lang: str, among: Collection[str] | None = None) -> str | None:
    """The country ``text`` names, if it is one of ``among`` (any country by default)."""
    typed = folded(text)
    if not typed:
        return None
    code = typed.upper() if len(typed) == 2 and is_country(typed) else None
    if code is None:
        names = {folded(name): c for c, name in [*country_options("en"), *country_options(lang)]}
        code = names.get(typed)
    return code if code and (among is None or code in among) else None
