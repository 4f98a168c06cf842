"""Every enabled language shows dates, numbers and country names of its own."""

import datetime as dt
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.template.defaultfilters import date as date_filter
from django.test import override_settings
from django.utils import dates, formats, translation

from infohub import countries
from infohub.privacy.forms import RectifyForm

DAY = dt.date(2023, 3, 15)
ENABLED = [code for code, _ in settings.LANGUAGES]


@pytest.mark.parametrize(
    ("lang", "long_date", "short_date", "number"),
    [
        ("es", "15 de marzo de 2023", "15/03/2023", "1\xa0234,5"),
        ("en", "March 15, 2023", "03/15/2023", "1,234.5"),
        ("fr", "15 mars 2023", "15/03/2023", "1\xa0234,5"),
        ("ht", "15 mas 2023", "15/03/2023", "1\xa0234,5"),
    ],
)
def test_it_writes_dates_and_numbers_the_way_each_language_does(
    lang: str, long_date: str, short_date: str, number: str
) -> None:
    with translation.override(lang):
        assert date_filter(DAY, "DATE_FORMAT") == long_date
        assert date_filter(DAY, "SHORT_DATE_FORMAT") == short_date
        assert formats.number_format(1234.5, 1, use_l10n=True, force_grouping=True) == number


def test_every_enabled_language_has_a_format_module() -> None:
    for lang in ENABLED:
        assert list(formats.get_format_modules(lang)), lang


def _names(lang: str) -> set[str]:
    tables = (dates.MONTHS, dates.MONTHS_ALT, dates.MONTHS_AP, dates.WEEKDAYS, dates.WEEKDAYS_ABBR)
    with translation.override(lang):
        return {str(name).lower() for table in tables for name in table.values()}


@pytest.mark.parametrize("lang", [code for code in ENABLED if code != "en"])
def test_every_enabled_language_names_months_and_weekdays_in_itself(lang: str) -> None:
    # Words a language shares with another are few ("mars" is March in French and Kreyòl);
    # a missing catalog shows up as a whole table borrowed from another language.
    for other in ENABLED:
        if other != lang:
            shared = _names(lang) & _names(other)
            assert len(shared) <= 8, (lang, other, shared)


def test_kreyol_months_and_weekdays_are_kreyol() -> None:
    with translation.override("ht"):
        assert date_filter(dt.date(2026, 12, 7), "l j F Y") in {
            "lendi 7 desanm 2026",
            "Lendi 7 desanm 2026",
        }
        assert date_filter(dt.date(2026, 12, 7), "N") == "des."


@pytest.mark.parametrize(
    ("lang", "haiti", "dominican_republic", "united_states"),
    [
        ("es", "Haití", "República Dominicana", "Estados Unidos"),
        ("en", "Haiti", "Dominican Republic", "United States of America"),
        ("fr", "Haïti", "République dominicaine", "États-Unis d'Amérique"),
        ("ht", "Ayiti", "Repiblik Dominikèn", "Etazini"),
    ],
)
def test_it_names_countries_in_the_readers_language(
    lang: str, haiti: str, dominican_republic: str, united_states: str
) -> None:
    assert countries.country_name("HT", lang) == haiti
    assert countries.country_name("do", lang) == dominican_republic
    assert countries.country_name("US", lang) == united_states
    with translation.override(lang):
        assert countries.country_name("HT") == haiti


def test_the_kreyol_country_list_is_sorted_by_its_kreyol_names() -> None:
    options = countries.country_options("ht")
    assert len(options) == 249
    assert [name for _, name in options[:2]] == ["Afganistan", "Afrik di Sid"]
    assert ("HT", "Ayiti") in options


def test_no_kreyol_country_name_is_the_spanish_or_the_french_one_for_the_americas() -> None:
    americas = [
        "AG",
        "AI",
        "AR",
        "AW",
        "BB",
        "BL",
        "BM",
        "BO",
        "BQ",
        "BR",
        "BS",
        "BZ",
        "CA",
        "CL",
        "CO",
        "CR",
        "CU",
        "CW",
        "DM",
        "DO",
        "EC",
        "FK",
        "GD",
        "GF",
        "GL",
        "GP",
        "GT",
        "GY",
        "HN",
        "HT",
        "JM",
        "KN",
        "KY",
        "LC",
        "MF",
        "MQ",
        "MS",
        "MX",
        "NI",
        "PA",
        "PE",
        "PM",
        "PR",
        "PY",
        "SR",
        "SV",
        "SX",
        "TC",
        "TT",
        "US",
        "UY",
        "VC",
        "VE",
        "VG",
        "VI",
    ]
    for code in americas:
        kreyol = countries.country_name(code, "ht")
        spanish, french = countries.country_name(code, "es"), countries.country_name(code, "fr")
        # Three are written the same in Kreyòl as in French or Spanish.
        assert kreyol not in {spanish, french} or kreyol in {"Bahamas", "Chili", "Panama"}, code


@pytest.fixture
def fresh_names_language() -> Iterator[None]:
    countries.names_language.cache_clear()
    yield
    countries.names_language.cache_clear()


@pytest.mark.usefixtures("fresh_names_language")
def test_every_enabled_language_has_country_names_of_its_own() -> None:
    for lang in ENABLED:
        assert countries.names_language(lang) == lang


@pytest.mark.usefixtures("fresh_names_language")
def test_a_language_without_country_names_takes_them_along_its_fallback_chain() -> None:
    with override_settings(INFOHUB_LANGUAGE_FALLBACKS={"sw": ["fr", "es"]}):
        assert countries.names_language("sw") == "fr"
        assert countries.country_name("HT", "sw") == "Haïti"


@pytest.mark.parametrize(("lang", "haiti"), [("es", "Haití"), ("fr", "Haïti"), ("ht", "Ayiti")])
def test_the_dpos_nationality_picker_follows_the_readers_language(lang: str, haiti: str) -> None:
    with translation.override(lang):  # the choices are read when the picker is drawn
        choices = list(RectifyForm().fields["nationality"].choices)  # type: ignore[attr-defined]
    # Plain options and option groups ("Common in the region", "All countries") alike.
    flat = [o for key, v in choices for o in (v if isinstance(v, list) else [(key, v)])]
    names = {name for code, name in flat if code == "HT"}
    assert names == {haiti}
