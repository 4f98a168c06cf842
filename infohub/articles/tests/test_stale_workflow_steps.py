"""Workflow steps decide on the article's row as committed, not on a copy read earlier.

Two editors' pages hold two copies of one article; each step locks the row and reads its
status again, so the second step sees what the first did.
"""

import pytest

from infohub.articles.errors import ArticleError
from infohub.articles.models import Article, ArticlePublication, ArticleStatus
from infohub.articles.services import (
    article_create,
    article_publish,
    article_transition,
    translation_save,
)
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def in_review(world: World) -> Article:
    article = article_create(slug="work-permits", source_language="es", actor=world.editor)
    translation_save(
        article=article, lang="es", title="T", summary="", body="B", author=world.editor
    )
    article_transition(article=article, to=ArticleStatus.IN_REVIEW, actor=world.editor)
    return article


def test_it_refuses_to_publish_again_an_article_published_since_it_was_read(
    world: World,
) -> None:
    article = in_review(world)
    stale = Article.objects.get(pk=article.pk)
    article_publish(article=article, reviewer=world.admin)
    with pytest.raises(ArticleError, match="in review"):
        article_publish(article=stale, reviewer=world.admin)
    assert ArticlePublication.objects.filter(article=article).count() == 1


def test_it_refuses_to_send_to_review_an_article_withdrawn_since_it_was_read(
    world: World,
) -> None:
    article = in_review(world)
    article_publish(article=article, reviewer=world.admin)
    stale = Article.objects.get(pk=article.pk)
    article_transition(article=article, to=ArticleStatus.ARCHIVED, actor=world.editor)
    with pytest.raises(ArticleError):
        article_transition(article=stale, to=ArticleStatus.IN_REVIEW, actor=world.editor)
    stale.refresh_from_db()
    assert (stale.status, stale.live) == (ArticleStatus.ARCHIVED, False)
