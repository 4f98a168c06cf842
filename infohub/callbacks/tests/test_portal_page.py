"""The portal's callback page: four languages, no JavaScript, nothing third-party, tiny."""

import gzip
import io
import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from infohub.callbacks.tests.support import portal_post
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

LANGUAGES = ["es", "en", "fr", "ht"]
BUDGET_BYTES = 14 * 1024


def css_gzipped() -> int:
    with open(str(finders.find("portal/portal.css")), "rb") as css:
        return len(gzip.compress(css.read()))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_is_served_in_each_language(world: World, lang: str) -> None:
    response = Client().get(f"/{lang}/callback/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert 'method="post"' in html
    assert f'action="/{lang}/callback/"' in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_it_needs_no_script_and_references_no_other_host(world: World, lang: str) -> None:
    for response in (Client().get(f"/{lang}/callback/"), portal_post(world.hub_a, lang=lang)):
        html = response.content.decode()
        assert "<script" not in html
        assert " style=" not in html
        urls = re.findall(r'(?:href|src|action)="([^"]*)"', html)
        assert urls
        external = [
            u for u in urls if u != "data:," and (not u.startswith("/") or u.startswith("//"))
        ]
        assert external == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_html_plus_css_fit_in_14_kb_gzipped_with_the_demo_hubs_and_topics(lang: str) -> None:
    call_command("load_demo", stdout=io.StringIO())

    html = Client().get(f"/{lang}/callback/").content

    assert html.count(b"<option") >= 6
    total = len(gzip.compress(html)) + css_gzipped()
    assert total <= BUDGET_BYTES, f"{total} bytes gzipped"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_thank_you_page_fits_in_14_kb_gzipped(world: World, lang: str) -> None:
    html = portal_post(world.hub_a, lang=lang).content

    assert len(gzip.compress(html)) + css_gzipped() <= BUDGET_BYTES


def test_the_page_uses_a_bounded_number_of_queries(django_assert_max_num_queries: Any) -> None:
    call_command("load_demo", stdout=io.StringIO())
    Client().get("/es/callback/")

    with django_assert_max_num_queries(6):
        assert Client().get("/ht/callback/").status_code == 200
