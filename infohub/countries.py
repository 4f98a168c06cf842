"""Country names in the reader's language: the one way every page and picker names a country.

django-countries names countries through gettext, with catalogs for most languages;
the Kreyòl names are ours (``infohub/formats/names/ht``). A language with no names at
all (one added through ``INFOHUB_EXTRA_LANGUAGES``) takes them from the first language
along its fallback chain that has them, never silently from the default language.
"""

from functools import cache
from pathlib import Path

import django_countries
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from infohub.languages import languages_to_try

_PACKAGE_CATALOGS = Path(django_countries.__file__).parent / "locale"
# Our names for the languages django-countries has no catalog for (in LOCALE_PATHS).
NAMES_CATALOGS = Path(__file__).resolve().parent / "formats" / "names"


def _has_names(code: str) -> bool:
    folder = translation.to_locale(code)
    catalogs = (_PACKAGE_CATALOGS, NAMES_CATALOGS)
    return code == "en" or any((base / folder).is_dir() for base in catalogs)


@cache
def names_language(lang: str) -> str:
    """The language country names are shown in for a reader of ``lang``."""
    return next((code for code in languages_to_try(lang) if _has_names(code)), "en")


def is_country(code: str) -> bool:
    """Whether ``code`` is an ISO 3166 alpha-2 code of a country django-countries knows."""
    return bool(code) and code.upper() in countries


def country_name(code: str, lang: str | None = None) -> str:
    """The name of the country ``code`` in ``lang`` (the active language by default)."""
    with translation.override(names_language(lang or translation.get_language() or "en")):
        return str(countries.name(code.upper()) or code)


def country_options(lang: str | None = None) -> list[tuple[str, str]]:
    """Every country as (code, name), sorted by name in the reader's language."""
    with translation.override(names_language(lang or translation.get_language() or "en")):
        return [(code, str(name)) for code, name in countries]


# The nationalities hubs in Mexico, Central America and the Caribbean meet most often
# (illustrative ranking from the regional news, not an official statistic). Pickers of a
# nationality list them first, then every country.
COMMON_NATIONALITIES = (
    "CO", "CR", "CU", "DO", "EC", "GT", "HN", "HT", "MX", "NI", "PA", "SV", "VE",
)  # fmt: skip


def nationality_groups(lang: str | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Nationalities for a picker: the region's common ones first, then every country.

    Two groups of (code, name), each sorted by name in the reader's language; a common
    nationality is listed in both, so a reader who looks for it in the long list finds it.
    """
    everything = country_options(lang)
    common = set(COMMON_NATIONALITIES)
    return [
        (str(_("Common in the region")), [(c, n) for c, n in everything if c in common]),
        (str(_("All countries")), everything),
    ]
