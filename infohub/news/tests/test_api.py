"""`GET /api/v1/news`: public, paginated, filtered by language and country."""

import datetime
import uuid
from typing import Any

import pytest
from django.test import Client

from infohub.news.tests.conftest import make_news

pytestmark = [pytest.mark.django_db, pytest.mark.urls("infohub.news.tests.urls")]


def get(query: str = "") -> dict[str, Any]:
    response = Client().get(f"/api/v1/news{query}")
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body


def test_it_lists_news_without_a_token_in_the_documented_shape() -> None:
    item = make_news(
        "Hubs open",
        body="One.\n\nTwo.",
        date=datetime.date(2024, 5, 3),
        countries=("CR", "DO"),
    )
    item.tags = "training,children"
    item.save(update_fields=["tags"])
    body = get()
    assert body == {
        "count": 1,
        "items": [
            {
                "id": str(item.public_id),
                "lang": "en",
                "date": "2024-05-03",
                "title": "Hubs open",
                "body": "One.\n\nTwo.",
                "countries": ["CR", "DO"],
                "tags": ["training", "children"],
                "url": f"http://testserver/en/news/{item.public_id}/",
            }
        ],
    }


def test_it_never_exposes_database_keys() -> None:
    make_news("Hubs open")
    (item,) = get()["items"]
    assert uuid.UUID(item["id"])
    assert "pk" not in item
    assert "fingerprint" not in item


def test_it_is_paginated_newest_first() -> None:
    for day in range(1, 8):
        make_news(f"Day {day}", date=datetime.date(2024, 1, day))
    body = get("?limit=3&offset=2")
    assert body["count"] == 7
    assert [i["title"] for i in body["items"]] == ["Day 5", "Day 4", "Day 3"]


def test_it_filters_by_language() -> None:
    make_news("English news", lang="en")
    make_news("Noticia", lang="es")
    body = get("?lang=es")
    assert [i["title"] for i in body["items"]] == ["Noticia"]
    assert body["items"][0]["url"].startswith("http://testserver/es/news/")


def test_it_filters_by_country_in_either_case() -> None:
    make_news("Costa Rica and Panama", countries=("CR", "PA"))
    make_news("Panama first", countries=("PA", "HT"))
    make_news("Only Haiti", countries=("HT",))
    make_news("Nowhere in particular")
    assert [i["title"] for i in get("?country=pa")["items"]] == [
        "Costa Rica and Panama",
        "Panama first",
    ]
    assert {i["title"] for i in get("?country=HT")["items"]} == {"Panama first", "Only Haiti"}
    assert get("?country=MX")["items"] == []


@pytest.mark.parametrize(
    ("query", "field"),
    [("?lang=xx", "lang"), ("?country=ZZ", "country"), ("?limit=-1", "limit")],
)
def test_invalid_filters_get_the_one_error_shape(query: str, field: str) -> None:
    response = Client().get(f"/api/v1/news{query}")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert any(field in detail["loc"] for detail in error["details"])


def test_responses_are_not_stored_by_caches() -> None:
    assert Client().get("/api/v1/news")["Cache-Control"] == "no-store"
