"""The Atom feed per portal language: valid XML, one entry per item, languages marked."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from infohub.news.tests.conftest import make_news

pytestmark = [pytest.mark.django_db, pytest.mark.urls("infohub.news.tests.urls")]

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def feed(lang: str) -> ET.Element:
    response = Client().get(f"/{lang}/news/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    # The feed is our own output, built by Django's feed generator.
    return ET.fromstring(response.content)  # noqa: S314


@pytest.mark.parametrize("lang", ["es", "en", "fr", "ht"])
def test_each_language_has_a_valid_atom_feed_with_the_news(lang: str) -> None:
    item = make_news("Hubs open & grow", body="One <b>bold</b> claim.\n\nTwo.")
    root = feed(lang)
    assert root.tag == f"{ATOM}feed"
    assert root.get(XML_LANG) == lang
    assert root.findtext(f"{ATOM}title")
    assert root.findtext(f"{ATOM}updated")
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "infohub"
    (entry,) = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Hubs open & grow"
    assert entry.findtext(f"{ATOM}id") == f"urn:uuid:{item.public_id}"
    assert entry.findtext(f"{ATOM}updated") == "2024-05-01T00:00:00+00:00"
    link = entry.find(f"{ATOM}link")
    assert link is not None
    assert link.get("href") == f"http://testserver/{lang}/news/{item.public_id}/"
    summary = entry.find(f"{ATOM}summary")
    assert summary is not None
    assert summary.get("type") == "html"
    assert summary.text == "<p>One &lt;b&gt;bold&lt;/b&gt; claim.</p>\n\n<p>Two.</p>"


def test_entries_carry_their_own_language_readers_language_first() -> None:
    make_news("English item", lang="en", date=datetime.date(2024, 3, 1))
    make_news("Article en français", lang="fr", date=datetime.date(2020, 1, 1))
    entries = feed("fr").findall(f"{ATOM}entry")
    assert [(e.get(XML_LANG), e.findtext(f"{ATOM}title")) for e in entries] == [
        ("fr", "Article en français"),
        ("en", "English item"),
    ]


def test_an_empty_feed_is_still_valid() -> None:
    root = feed("es")
    assert root.findall(f"{ATOM}entry") == []
    assert root.findtext(f"{ATOM}updated")
