"""Every public page, in every language, names months, weekdays and countries in that language.

The demo data is loaded and every portal page reachable from the home page is fetched,
plus the pathway finder's steps, results and summary and a few searches. Text inside an
element whose ``lang`` is another language is left out: that text is marked as being in
another language, which is the rule. Whatever is left must not contain a month, a
weekday or a country named in another enabled language. Place names (municipalities,
provinces, addresses) are proper names, written as the place writes them
("Ciudad de Guatemala"), so they are left out too.
"""

import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import dates, translation

from infohub.countries import country_options
from infohub.directory.nearby.municipalities import municipality_list
from infohub.pathways.models import Question
from infohub.pathways.selectors import country_list_with_pathways

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _ in settings.LANGUAGES]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
SEARCHES = ("visa", "trabajo", "pasaporte", "vaksen")
MAX_PAGES = 400
# Spellings a language also uses besides django-countries' own ("Guatémala" in French).
ALSO_WRITTEN = {"fr": {"Guatemala", "Belize"}}


class VisibleText(HTMLParser):
    """The page's text outside scripts and styles and outside other-language elements."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden)
        self.parts: list[str] = []
        self.links: list[str] = []

    def _hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        if tag in VOID:
            return
        lang = values.get("lang")
        hidden = (
            self._hidden()
            # A <title> cannot be marked with a language of its own; it repeats the page's
            # heading, which is checked here with its marks.
            or tag in {"script", "style", "template", "title"}
            or values.get("translate") == "no"
            or (lang is not None and lang.split("-")[0] != self.lang)
        )
        self.stack.append((tag, hidden))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if not self._hidden():
            self.parts.append(data)

    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def _date_names(lang: str) -> set[str]:
    """Months and weekdays in full (4 letters or more, so no short word is mistaken for one)
    and the abbreviated months with their dot ("dic.", "Dec.")."""
    with translation.override(lang):
        full = {
            str(name)
            for table in (dates.MONTHS, dates.MONTHS_ALT, dates.WEEKDAYS)
            for name in table.values()
        }
        abbreviated = {str(name) for name in dates.MONTHS_AP.values() if str(name).endswith(".")}
    return {name for name in full if len(name) >= 4} | abbreviated


def _country_names(lang: str) -> set[str]:
    return {name for _, name in country_options(lang)}


def _foreign(lang: str) -> tuple[set[str], set[str]]:
    """Names in other languages that are not also this language's."""
    own_dates = {name.lower() for name in _date_names(lang)}
    own_countries = _country_names(lang) | ALSO_WRITTEN.get(lang, set())
    dates_elsewhere = {n for other in LANGUAGES if other != lang for n in _date_names(other)}
    countries_elsewhere = {n for other in LANGUAGES if other != lang for n in _country_names(other)}
    return (
        {n for n in dates_elsewhere if n.lower() not in own_dates},
        countries_elsewhere - own_countries,
    )


def _words(names: set[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _pages(client: Client, lang: str) -> Iterator[tuple[str, str]]:
    """(address, HTML) of every portal page in ``lang``, found from the home page."""
    seen: set[str] = set()
    queue = [f"/{lang}/", f"/{lang}/pathways/", *(f"/{lang}/search/?q={q}" for q in SEARCHES)]
    queue += [f"/{lang}/pathways/find/?country={code}" for code in country_list_with_pathways()]
    while queue and len(seen) < MAX_PAGES:
        url = urldefrag(queue.pop(0))[0]
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        yield url, html
        parser = VisibleText(lang)
        parser.feed(html)
        for href in parser.links:
            parts = urlsplit(href)
            if not parts.netloc and parts.path.startswith(f"/{lang}/"):
                queue.append(href)
    skipped = [q.key for q in Question.objects.all()]
    for code in country_list_with_pathways():
        data = {"country": code, "skipped": skipped}
        for step in ("find", "summary"):
            response = client.post(f"/{lang}/pathways/{step}/", data)
            assert response.status_code == 200, (step, code)
            yield f"POST /{lang}/pathways/{step}/ {code}", response.content.decode()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_public_page_names_a_month_a_weekday_or_a_country_in_another_language(
    lang: str,
) -> None:
    call_command("load_demo", stdout=io.StringIO())
    foreign_dates, foreign_countries = _foreign(lang)
    places = {m.city for m in municipality_list()} | {m.state_province for m in municipality_list()}
    own_countries = _words(_country_names(lang) | {p for p in places if p})
    date_words, country_words = _words(foreign_dates), _words(foreign_countries)
    problems = []
    pages = 0
    for url, html in _pages(Client(), lang):
        pages += 1
        if 'lang=""' in html:
            problems.append(f'{url}: an element says its language is unknown (lang="")')
        parser = VisibleText(lang)
        parser.feed(html)
        text = parser.text()
        problems += [f"{url}: month or weekday {m!r}" for m in date_words.findall(text)]
        # "El Salvador" holds the French "Salvador": this language's names go first.
        rest = own_countries.sub(" ", text)
        problems += [f"{url}: country {m!r}" for m in country_words.findall(rest)]
    assert pages > 20
    assert not problems, "\n".join(problems)
