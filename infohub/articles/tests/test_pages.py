"""Portal pages for topics and articles: notices, sources, fallback, size, no scripts."""

import datetime as dt
import gzip
import re

import pytest
import time_machine
from django.contrib.staticfiles import finders
from django.test import Client

from infohub.articles.models import Article
from infohub.articles.services import article_create, translation_save
from infohub.testing.content import Texts, publish
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def published(world: World, slug: str, langs: tuple[str, ...]) -> Article:
    texts: Texts = {
        lang: (f"Title {lang}", f"Summary {lang}", f"## Part\n\nBody in {lang}.") for lang in langs
    }
    return publish(world, slug, texts, topics=["work"], sources=["https://www.iom.int/"])


def test_an_article_page_shows_body_sources_and_review_date(world: World) -> None:
    published(world, "permits", ("es", "ht"))
    html = Client().get("/ht/articles/permits/").content.decode()
    assert "<h1>Title ht</h1>" in html
    assert "Body in ht." in html
    assert 'href="https://www.iom.int/"' in html
    assert 'class="notice"' not in html


def test_a_missing_translation_falls_back_with_a_visible_notice(world: World) -> None:
    published(world, "permits", ("es", "fr"))
    response = Client().get("/ht/articles/permits/")
    html = response.content.decode()
    assert "<h1>Title fr</h1>" in html
    assert 'class="notice"' in html
    assert "Français" in html
    assert 'lang="fr"' in html


def test_an_updated_source_marks_the_translation_page(world: World) -> None:
    article = published(world, "permits", ("es", "fr"))
    translation_save(
        article=article, lang="es", title="Title es", summary="", body="Nuevo", author=world.editor
    )
    assert 'class="notice"' in Client().get("/fr/articles/permits/").content.decode()
    assert 'class="notice"' not in Client().get("/es/articles/permits/").content.decode()


def test_an_overdue_article_is_shown_with_a_may_be_outdated_notice(world: World) -> None:
    article = published(world, "permits", ("es",))
    assert article.review_due is not None
    with time_machine.travel(article.review_due + dt.timedelta(days=2)):
        html = Client().get("/es/articles/permits/").content.decode()
    assert html.count('class="notice"') == 1


def test_drafts_are_not_public(world: World) -> None:
    article_create(slug="secret", source_language="es", actor=world.editor)
    assert Client().get("/es/articles/secret/").status_code == 404


def test_topics_are_listed_on_the_home_page_and_lead_to_articles(world: World) -> None:
    published(world, "permits", ("es",))
    home = Client().get("/es/").content.decode()
    assert 'href="/es/topics/work/"' in home
    topic = Client().get("/es/topics/work/").content.decode()
    assert 'href="/es/articles/permits/"' in topic


def test_article_pages_fit_the_budget_and_need_no_script(world: World) -> None:
    article = published(world, "permits", ("es",))
    long_body = "\n\n".join(f"Paragraph {i} " + "palabra " * 60 for i in range(20))
    translation_save(
        article=article, lang="es", title="Largo", summary="", body=long_body, author=world.editor
    )
    html = Client().get("/es/articles/permits/").content
    assert b"<script" not in html
    with open(str(finders.find("portal/portal.css")), "rb") as css:
        size = len(gzip.compress(html)) + len(gzip.compress(css.read()))
    assert size <= 14 * 1024, size
    assert not re.search(rb'(?:src|href)="//', html)
