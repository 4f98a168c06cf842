"""Which countries a news text mentions, by their English names.

Names come from django-countries in English, without their parenthesised or
comma-separated qualifiers ("Bahamas (The)" is also found as "Bahamas"), plus a few
common forms. Matching is case-sensitive and on whole words, and the longest name wins
where names overlap, so "Dominica" is not found in "Dominican Republic" and "Guinea"
is not found in "Papua New Guinea". Names that are also common words or first names
are left out: guessing wrong is worse than not guessing.
"""

import re
from functools import cache

from django.utils import translation
from django_countries import countries

ALIASES = {
    "Bahamas": "BS",
    "Dominican Republic": "DO",
    "Ivory Coast": "CI",
    "Saint Kitts": "KN",
    "Saint Vincent": "VC",
    "Trinidad": "TT",
    "United States": "US",
    "USA": "US",
}

# Country names that are also ordinary words, names or US states.
AMBIGUOUS = frozenset({"Chad", "Georgia", "Jersey", "Jordan"})


@cache
def _names() -> tuple[re.Pattern[str], dict[str, str]]:
    by_name: dict[str, str] = {}
    with translation.override("en"):
        for code, name in countries:
            full = str(name)
            short = re.split(r"\s*[(,]", full, maxsplit=1)[0].strip()
            for form in {full, short}:
                by_name.setdefault(form, code)
    for form, code in ALIASES.items():
        by_name.setdefault(form, code)
    for form in AMBIGUOUS:
        by_name.pop(form, None)
    alternatives = "|".join(re.escape(name) for name in sorted(by_name, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), by_name


def countries_mentioned(*texts: str) -> list[str]:
    """ISO codes of the countries named in ``texts``, in order of first mention."""
    pattern, by_name = _names()
    found: dict[str, None] = {}
    for text in texts:
        for match in pattern.finditer(text):
            found.setdefault(by_name[match.group(0)], None)
    return list(found)
