"""A news item links to its original source when it is known."""

import datetime as dt

import pytest
from django.test import Client

from infohub.news.errors import NewsError
from infohub.news.parsing import parse_news
from infohub.news.services import news_create

pytestmark = pytest.mark.django_db

SOURCE = "https://example.org/news/2020/hubs-course"
TEXT = f"""20 November, 2020

Free course on information hubs

The course is free and open to the public.

Source: {SOURCE}

19 November, 2020

An item without a source

Body.
"""


def test_the_news_format_reads_a_source_line_apart_from_the_body() -> None:
    with_source, without = parse_news(TEXT, source="test.txt")
    assert with_source.source_url == SOURCE
    assert with_source.body == "The course is free and open to the public."
    assert without.source_url == ""


def test_the_page_links_to_the_original_source() -> None:
    item = news_create(
        lang="en", date=dt.date(2020, 11, 20), title="Free course", body="Text.", source_url=SOURCE
    )
    plain = news_create(lang="en", date=dt.date(2020, 11, 19), title="No source", body="Text.")

    html = Client().get(f"/en/news/{item.public_id}/").content.decode()
    assert f'<a href="{SOURCE}" rel="noopener noreferrer">' in html
    assert (
        'rel="noopener noreferrer"'
        not in Client().get(f"/en/news/{plain.public_id}/").content.decode()
    )


def test_a_source_that_is_not_a_web_address_is_refused() -> None:
    with pytest.raises(NewsError):
        news_create(
            lang="en",
            date=dt.date(2020, 11, 20),
            title="Bad source",
            source_url="javascript:alert(1)",
        )
