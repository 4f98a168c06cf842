"""The portal home page: four languages, no JavaScript needed, nothing third-party, tiny."""

import gzip
import io
import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from infohub.testing.content import publish
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

LANGUAGES = ["es", "en", "fr", "ht"]
BUDGET_BYTES = 14 * 1024


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_is_served_in_each_language(lang: str) -> None:
    response = Client().get(f"/{lang}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    for section in ("topics", "news", "services", "contact"):
        assert f'id="{section}"' in html
    assert 'name="q"' in html


def test_the_headings_really_change_with_the_language() -> None:
    headings = {
        lang: re.findall(r"<h1>(.*?)</h1>", Client().get(f"/{lang}/").content.decode())[0]
        for lang in LANGUAGES
    }
    assert len(set(headings.values())) == 4, headings


def test_the_picker_names_haitian_creole_in_creole() -> None:
    html = Client().get("/es/").content.decode()
    assert 'hreflang="ht"' in html
    assert "Kreyòl ayisyen" in html


def test_the_root_follows_the_language_cookie() -> None:
    client = Client()
    client.get("/ht/")
    assert client.cookies["django_language"].value == "ht"
    assert client.get("/")["Location"] == "/ht/"


def test_the_root_follows_the_browser_language_without_a_cookie() -> None:
    assert Client().get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")["Location"] == "/fr/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_it_needs_no_script_and_references_no_other_host(lang: str) -> None:
    html = Client().get(f"/{lang}/").content.decode()
    assert "<script" not in html
    assert " style=" not in html
    urls = re.findall(r'(?:href|src|action)="([^"]*)"', html)
    assert urls
    # "data:," is the empty inline icon: it spares the browser a favicon request.
    external = [u for u in urls if u != "data:," and (not u.startswith("/") or u.startswith("//"))]
    assert external == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_html_plus_css_fit_in_14_kb_gzipped(lang: str) -> None:
    html = Client().get(f"/{lang}/").content
    css_path = str(finders.find("portal/portal.css"))
    with open(css_path, "rb") as css:
        total = len(gzip.compress(html)) + len(gzip.compress(css.read()))
    assert total <= BUDGET_BYTES, f"{total} bytes gzipped"


def test_search_without_javascript_echoes_the_query() -> None:
    response = Client().get("/fr/search/", {"q": "permis de travail"})
    assert response.status_code == 200
    assert 'value="permis de travail"' in response.content.decode()


def test_unknown_pages_get_a_translated_404() -> None:
    response = Client().get("/ht/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="ht">' in response.content.decode()


def test_the_search_page_shows_results_and_an_answer_with_its_source(world: World) -> None:
    body = "You should never pay a recruitment fee to get a job abroad. Employers pay it."
    publish(world, "fees", {"en": ("Recruitment fees", "", body)})
    html = Client().get("/en/search/", {"q": "should I pay a recruitment fee"}).content.decode()
    assert 'href="/en/articles/fees/"' in html
    assert 'class="answer"' in html
    assert "never pay a recruitment fee" in html
    assert "<mark>" in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_full_search_results_page_fits_in_14_kb_gzipped(lang: str) -> None:
    call_command("load_demo", stdout=io.StringIO())
    response = Client().get(f"/{lang}/search/", {"q": "trabajo permiso documentos travail"})
    html = response.content
    assert html.count(b"<li") >= 5
    with open(str(finders.find("portal/portal.css")), "rb") as css:
        total = len(gzip.compress(html)) + len(gzip.compress(css.read()))
    assert total <= BUDGET_BYTES, f"{total} bytes gzipped"


@pytest.mark.parametrize("path", ["/es/", "/ht/topics/work/", "/fr/news/", "/ht/search/?q=trabajo"])
def test_public_pages_use_a_bounded_number_of_queries(
    path: str, django_assert_max_num_queries: Any
) -> None:
    call_command("load_demo", stdout=io.StringIO())
    Client().get(path)  # warm the search index and caches
    with django_assert_max_num_queries(8):
        assert Client().get(path).status_code == 200
