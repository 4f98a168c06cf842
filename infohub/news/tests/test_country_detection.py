"""Finding the countries a news item names, without guessing wrongly."""

import pytest

from infohub.news.country_detection import countries_mentioned


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("IOM Costa Rica enables services on MigApp", ["CR"]),
        ("Migrants in the Dominican Republic and in Haiti", ["DO", "HT"]),
        ("Haitian entrepreneurs in Dominica", ["DM"]),
        ("Mexico\u2019s Beta Group works with Panama\u2019s border unit", ["MX", "PA"]),
        ("Belize, Guatemala, Honduras and El Salvador", ["BZ", "GT", "HN", "SV"]),
        ("Workers from Papua New Guinea and Guinea-Bissau", ["PG", "GW"]),
        ("Returnees from the United States and Venezuela", ["US", "VE"]),
        ("Held in the Bahamas", ["BS"]),
        ("Mexico, Mexico and Mexico again", ["MX"]),
    ],
)
def test_it_finds_the_countries_a_text_names(text: str, codes: list[str]) -> None:
    assert countries_mentioned(text) == codes


@pytest.mark.parametrize(
    "text",
    [
        "Belizean front-line actors and Mexican institutions",
        "Georgetown hosts a workshop",
        "Jordan and Chad spoke at the meeting in Georgia",
        "the costa rica office",  # names are matched as written, capitalised
        "Central America and the Caribbean",
    ],
)
def test_it_does_not_guess_from_adjectives_towns_or_ambiguous_names(text: str) -> None:
    assert countries_mentioned(text) == []


def test_it_combines_title_and_body_in_order_of_first_mention() -> None:
    assert countries_mentioned("News from Panama", "Panama and Costa Rica agree") == ["PA", "CR"]
