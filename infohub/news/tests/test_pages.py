"""The news list and item pages: every language, English items flagged, small, no script."""

import datetime
import gzip
import re
import uuid

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from infohub.news.tests.conftest import make_news

pytestmark = [pytest.mark.django_db, pytest.mark.urls("infohub.news.tests.urls")]

LANGUAGES = ["es", "en", "fr", "ht"]
BUDGET_BYTES = 14 * 1024
# Varied words, so that the page compresses like real titles, not like repeated text.
WORDS = re.findall(
    r"\w+",
    "migration information hub training course regional conference children protection "
    "border government municipal workers returnees dialogue rights capacity governance "
    "journalists communication smuggling trafficking youth network data strategy",
)


def page(path: str) -> str:
    response = Client().get(path)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_news_list_is_served_in_each_language(lang: str) -> None:
    make_news("Information hubs open in Costa Rica")
    html = page(f"/{lang}/news/")
    assert f'<html lang="{lang}">' in html
    assert "Information hubs open in Costa Rica" in html
    assert f'href="/{lang}/news/feed.atom"' in html


def test_english_items_are_marked_for_readers_of_other_languages() -> None:
    make_news("Information hubs open in Costa Rica")
    spanish = page("/es/news/")
    assert 'lang="en">Information hubs open in Costa Rica</a>' in spanish
    assert 'class="in-lang"' in spanish
    assert 'class="in-lang"' in page("/ht/news/")
    english = page("/en/news/")
    assert 'class="in-lang"' not in english
    make_news("Noticias en español", lang="es")
    assert "(in Spanish)" in page("/en/news/")
    assert "(in English)" not in page("/en/news/")


def test_items_in_the_readers_language_come_first_then_its_fallbacks() -> None:
    make_news("Old Spanish news", lang="es", date=datetime.date(2020, 1, 1))
    make_news("New English news", lang="en", date=datetime.date(2024, 1, 1))
    make_news("Recent French news", lang="fr", date=datetime.date(2023, 1, 1))
    make_news("Older French news", lang="fr", date=datetime.date(2021, 1, 1))

    def order(lang: str) -> list[str]:
        return re.findall(r">([A-Za-z ]+ news)</a>", page(f"/{lang}/news/"))

    assert order("fr") == [
        "Recent French news",
        "Older French news",
        "Old Spanish news",
        "New English news",
    ]
    assert order("en") == [
        "New English news",
        "Old Spanish news",
        "Recent French news",
        "Older French news",
    ]
    assert order("ht")[:2] == ["Recent French news", "Older French news"]


def test_the_list_shows_twenty_items_a_page_with_links_between_pages() -> None:
    for day in range(1, 46):
        make_news(f"Item number {day}", date=datetime.date(2024, 1, day % 28 + 1))
    first = page("/en/news/")
    assert first.count("<li>") == 20
    assert '<a href="?page=2" rel="next">' in first
    assert 'rel="prev"' not in first
    second = page("/en/news/?page=2")
    assert '<a href="?page=1" rel="prev">' in second
    assert '<a href="?page=3" rel="next">' in second
    assert page("/en/news/?page=3").count("<li>") == 5
    # A page number out of range or not a number still gives a page, not an error.
    assert page("/en/news/?page=99").count("<li>") == 5
    assert page("/en/news/?page=abc").count("<li>") == 20


def test_an_empty_list_says_so() -> None:
    assert "No news yet." in page("/en/news/")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_item_page_shows_the_title_date_countries_and_paragraphs(lang: str) -> None:
    item = make_news(
        "Information hubs open in Costa Rica",
        body="First paragraph & more.\n\nSecond paragraph.",
        countries=("CR", "DO"),
    )
    html = page(f"/{lang}/news/{item.public_id}/")
    assert f'<html lang="{lang}">' in html
    assert "<h1>Information hubs open in Costa Rica</h1>" in html
    assert "<p>First paragraph &amp; more.</p>\n<p>Second paragraph.</p>" in html
    assert '<time datetime="2024-05-01"' in html
    assert "Costa Rica" in html
    assert ('<article lang="en">' in html) == (lang != "en")
    assert ('class="notice"' in html) == (lang != "en")


def test_the_item_page_names_the_countries_in_the_readers_language() -> None:
    item = make_news("Hubs", countries=("DO",))
    assert "République dominicaine" in page(f"/fr/news/{item.public_id}/")
    assert "República Dominicana" in page(f"/es/news/{item.public_id}/")


def test_unknown_items_are_not_found() -> None:
    assert Client().get(f"/es/news/{uuid.uuid4()}/").status_code == 404
    assert Client().get("/es/news/not-a-uuid/").status_code == 404


def test_the_pages_need_no_script_and_reference_no_other_host() -> None:
    item = make_news("Information hubs open in Costa Rica")
    for path in ("/es/news/", f"/es/news/{item.public_id}/"):
        html = page(path)
        assert "<script" not in html
        assert " style=" not in html
        urls = re.findall(r'(?:href|src|action)="([^"]*)"', html)
        external = [
            u
            for u in urls
            if u != "data:," and not u.startswith("?") and (not u.startswith("/") or "//" in u)
        ]
        assert external == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_full_news_list_page_fits_in_14_kb_gzipped_with_its_css(lang: str) -> None:
    for n in range(25):
        title = " ".join(WORDS[(n * 7 + k * 13) % len(WORDS)] for k in range(30))[:300]
        make_news(title.capitalize(), date=datetime.date(2024, 1, n + 1))
    html = Client().get(f"/{lang}/news/").content
    css_path = str(finders.find("portal/portal.css"))
    with open(css_path, "rb") as css:
        total = len(gzip.compress(html)) + len(gzip.compress(css.read()))
    assert total <= BUDGET_BYTES, f"{total} bytes gzipped"


def test_the_pages_answer_only_get() -> None:
    assert Client().post("/es/news/").status_code == 405
