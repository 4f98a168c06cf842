"""Who runs the service: the about page, the privacy notice people consent to, and contact."""

import gzip
import re
from html import unescape

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import translation

from infohub.counselling.notice import CURRENT_NOTICE_VERSION, NOTICE_SECTIONS
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

LANGUAGES = ["es", "en", "fr", "ht"]
PAGES = ["about/", "privacy/", "contact/"]
BUDGET_BYTES = 14 * 1024


def page(path: str) -> str:
    response = Client().get(path)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_each_page_is_served_in_each_language_small_and_without_script(
    lang: str, name: str
) -> None:
    response = Client().get(f"/{lang}/{name}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert "<script" not in html
    assert " style=" not in html
    css = finders.find("portal/portal.css")
    assert css
    with open(css, "rb") as file:
        total = len(gzip.compress(response.content)) + len(gzip.compress(file.read()))
    assert total <= BUDGET_BYTES
    assert Client().head(f"/{lang}/{name}").status_code == 200


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_privacy_notice_is_the_versioned_text_counsellors_give_in_the_page_language(
    lang: str,
) -> None:
    html = unescape(page(f"/{lang}/privacy/"))
    assert CURRENT_NOTICE_VERSION in html
    with translation.override(lang):
        for section in NOTICE_SECTIONS:
            assert str(section.heading) in html
            for paragraph in section.paragraphs:
                assert str(paragraph) in html


def test_the_notice_reads_differently_in_each_language() -> None:
    headings = {
        lang: re.findall(r"<h2>(.*?)</h2>", page(f"/{lang}/privacy/")) for lang in LANGUAGES
    }
    assert len({tuple(h) for h in headings.values()}) == len(LANGUAGES)


def test_the_about_page_names_the_organisations_that_run_the_hubs(world: World) -> None:
    html = page("/en/about/")
    assert "Network A" in html
    assert "Network B" in html
    assert "Provider A" not in html  # providers do not run the service


def test_every_public_page_links_to_about_privacy_and_contact() -> None:
    html = page("/ht/")
    for name in PAGES:
        assert f'href="/ht/{name}"' in html


def test_the_contact_page_leads_to_a_call_and_to_the_hubs() -> None:
    html = page("/fr/contact/")
    assert 'href="/fr/callback/"' in html
    assert 'href="/fr/hubs/"' in html
    assert 'href="/fr/privacy/"' in html
