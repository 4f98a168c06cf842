"""Public article API: only published articles, in the reader's language or its fallback."""

import uuid

import pytest
from django.test import Client

from infohub.articles.models import Article
from infohub.testing.content import Texts, draft
from infohub.testing.content import publish as publish_article
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def make_article(
    world: World, slug: str, langs: tuple[str, ...], *, publish: bool, **meta
) -> Article:
    texts: Texts = {lang: (f"{slug} {lang}", f"S {lang}", f"Body {lang}") for lang in langs}
    return (publish_article if publish else draft)(world, slug, texts, **meta)


@pytest.fixture
def articles(world: World) -> dict[str, Article]:
    return {
        "work": make_article(
            world,
            "work",
            ("es", "fr"),
            publish=True,
            topics=["work"],
            countries=["CR"],
            audience=["current"],
        ),
        "family": make_article(
            world,
            "family",
            ("es", "en", "fr", "ht"),
            publish=True,
            topics=["family"],
            countries=["DO"],
            audience=["potential", "returned"],
        ),
        "draft": make_article(world, "draft", ("es",), publish=False, topics=["work"]),
    }


def test_the_list_shows_only_published_articles(articles: dict[str, Article]) -> None:
    body = Client().get("/api/v1/articles").json()
    assert body["count"] == 2
    assert {item["slug"] for item in body["items"]} == {"work", "family"}


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("topic=work", {"work"}),
        ("country=DO", {"family"}),
        ("country=do", {"family"}),
        ("audience=returned", {"family"}),
        ("audience=current&country=CR", {"work"}),
        ("country=GT", set()),
    ],
)
def test_filters(articles: dict[str, Article], query: str, slugs: set[str]) -> None:
    body = Client().get(f"/api/v1/articles?{query}").json()
    assert {item["slug"] for item in body["items"]} == slugs


def test_each_article_comes_in_the_reader_language_or_says_it_fell_back(
    articles: dict[str, Article],
) -> None:
    items = {i["slug"]: i for i in Client().get("/api/v1/articles?lang=ht").json()["items"]}
    assert (items["family"]["lang"], items["family"]["fallback"]) == ("ht", False)
    assert (items["work"]["lang"], items["work"]["fallback"]) == ("fr", True)


def test_the_detail_uses_the_front_matter_id_and_renders_the_body(
    articles: dict[str, Article],
) -> None:
    article = articles["family"]
    body = Client().get(f"/api/v1/articles/{article.public_id}?lang=en").json()
    assert body["id"] == str(article.public_id)
    assert body["title"] == "family en"
    assert body["body_html"] == "<p>Body en</p>"


@pytest.mark.parametrize("which", ["draft", "unknown", "malformed"])
def test_drafts_unknown_and_malformed_ids_are_404(articles: dict[str, Article], which: str) -> None:
    article_id = {
        "draft": str(articles["draft"].public_id),
        "unknown": str(uuid.uuid4()),
        "malformed": "nope",
    }[which]
    response = Client().get(f"/api/v1/articles/{article_id}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("query", ["lang=xx", "limit=0", "limit=101", "offset=-1", "country=CRI"])
def test_bad_parameters_get_a_422_in_the_standard_shape(
    articles: dict[str, Article], query: str
) -> None:
    response = Client().get(f"/api/v1/articles?{query}")
    assert response.status_code == 422
    assert set(response.json()["error"]) == {"code", "message", "details"}


def test_pagination(articles: dict[str, Article]) -> None:
    first = Client().get("/api/v1/articles?limit=1").json()
    second = Client().get("/api/v1/articles?limit=1&offset=1").json()
    assert first["count"] == second["count"] == 2
    assert first["items"][0]["slug"] != second["items"][0]["slug"]
