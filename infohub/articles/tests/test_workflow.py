"""The editorial workflow: versions, needs-update flags, a second reviewer, review-due dates."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.conf import settings

from infohub.articles.errors import ArticleError
from infohub.articles.models import Article, ArticleStatus
from infohub.articles.selectors import (
    article_is_outdated,
    article_list_due_for_review,
    translation_for,
    translation_list_needing_update,
)
from infohub.articles.services import (
    article_create,
    article_publish,
    article_transition,
    translation_save,
)
from infohub.audit.models import AuditAction, AuditEvent
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def draft(world: World, *langs: str) -> Article:
    article = article_create(slug="work-permits", source_language="es", actor=world.editor)
    for lang in langs:
        translation_save(
            article=article,
            lang=lang,
            title=f"T {lang}",
            summary="",
            body=f"B {lang}",
            author=world.editor,
        )
    return article


def test_every_save_keeps_a_version(world: World) -> None:
    article = draft(world, "es")
    translation_save(
        article=article, lang="es", title="T es", summary="", body="B2", author=world.editor
    )
    translation = article.translations.get(lang="es")
    assert [v.body for v in translation.versions.order_by("number")] == ["B es", "B2"]


def test_saving_identical_text_adds_no_version(world: World) -> None:
    article = draft(world, "es")
    translation_save(
        article=article, lang="es", title="T es", summary="", body="B es", author=world.editor
    )
    assert article.translations.get(lang="es").versions.count() == 1


def test_changing_the_source_flags_other_translations_until_they_are_updated(world: World) -> None:
    article = draft(world, "es", "fr", "ht")
    translation_save(
        article=article, lang="es", title="T es", summary="", body="Nuevo", author=world.editor
    )
    assert set(translation_list_needing_update().values_list("lang", flat=True)) == {"fr", "ht"}
    translation_save(
        article=article, lang="fr", title="T fr", summary="", body="Nouveau", author=world.editor
    )
    assert set(translation_list_needing_update().values_list("lang", flat=True)) == {"ht"}


def test_changing_a_translation_flags_nothing(world: World) -> None:
    article = draft(world, "es", "fr")
    translation_save(
        article=article, lang="fr", title="T fr", summary="", body="Autre", author=world.editor
    )
    assert not translation_list_needing_update().exists()


def test_the_last_author_cannot_publish_their_own_change(world: World) -> None:
    article = draft(world, "es")
    article_transition(article=article, to=ArticleStatus.IN_REVIEW, actor=world.editor)
    with pytest.raises(ArticleError, match="second person"):
        article_publish(article=article, reviewer=world.editor)
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW


def test_a_second_person_publishes_and_the_review_is_recorded(world: World) -> None:
    article = draft(world, "es")
    article_transition(article=article, to=ArticleStatus.IN_REVIEW, actor=world.editor)
    with time_machine.travel("2026-03-01 10:00 +0000", tick=False):
        article_publish(article=article, reviewer=world.admin)
    article.refresh_from_db()
    publication = article.publications.get()
    assert (article.status, article.last_reviewed_by, publication.reviewer) == (
        ArticleStatus.PUBLISHED,
        world.admin,
        world.admin,
    )
    expected_due = dt.date(2026, 3, 1) + dt.timedelta(days=settings.INFOHUB_REVIEW_PERIOD_DAYS)
    assert article.review_due == expected_due
    assert AuditEvent.objects.filter(
        action=AuditAction.ARTICLE_PUBLISH, object_id=article.public_id, actor=world.admin
    ).exists()


def test_publishing_is_only_possible_from_review(world: World) -> None:
    article = draft(world, "es")
    with pytest.raises(ArticleError):
        article_publish(article=article, reviewer=world.admin)
    with pytest.raises(ArticleError):
        article_transition(article=article, to=ArticleStatus.PUBLISHED, actor=world.admin)


def test_articles_past_their_review_date_are_outdated_and_listed(world: World) -> None:
    article = draft(world, "es")
    article_transition(article=article, to=ArticleStatus.IN_REVIEW, actor=world.editor)
    article_publish(article=article, reviewer=world.admin)
    article.refresh_from_db()
    assert article.review_due is not None
    before, after = article.review_due, article.review_due + dt.timedelta(days=1)
    assert not article_is_outdated(article=article, today=before)
    assert article_is_outdated(article=article, today=after)
    assert list(article_list_due_for_review(today=after)) == [article]


@pytest.mark.parametrize(
    ("available", "requested", "shown"),
    [
        (("es", "fr", "ht"), "ht", "ht"),
        (("es", "fr"), "ht", "fr"),
        (("es", "en"), "ht", "es"),
        (("en",), "fr", "en"),
    ],
)
def test_missing_translations_fall_back_along_the_chain(
    world: World, available: tuple[str, ...], requested: str, shown: str
) -> None:
    article = draft(world, *available)
    chosen = translation_for(article=article, lang=requested)
    assert chosen is not None
    assert chosen.translation.lang == shown
    assert chosen.is_fallback == (shown != requested)


@pytest.mark.parametrize(
    ("field", "value"),
    [("countries", ["XX"]), ("audience", ["tourists"]), ("sources", ["javascript:alert(1)"])],
)
def test_bad_metadata_is_refused_with_a_clear_message(
    world: World, field: str, value: list[str]
) -> None:
    metadata: dict[str, Any] = {field: value}
    with pytest.raises(ArticleError):
        article_create(slug="bad", source_language="es", actor=world.editor, **metadata)
    assert not Article.objects.filter(slug="bad").exists()


def test_markdown_is_rendered_and_sanitised(world: World) -> None:
    article = draft(world)
    translation = translation_save(
        article=article,
        lang="es",
        title="T",
        summary="",
        body="## Hola\n\n<script>alert(1)</script>[x](javascript:alert(1)) **ok**",
        author=world.editor,
    )
    assert "<h2>Hola</h2>" in translation.body_html
    assert "<strong>ok</strong>" in translation.body_html
    assert "<script" not in translation.body_html
    assert "javascript:" not in translation.body_html
