"""Articles for tests, written and published through the real services."""

from typing import Any

from infohub.articles.models import Article, ArticleStatus
from infohub.articles.services import (
    article_create,
    article_publish,
    article_transition,
    translation_save,
)
from infohub.testing.personas import World

# (title, summary, body) per language; the first language is the source.
Texts = dict[str, tuple[str, str, str]]


def draft(world: World, slug: str, texts: Texts, **metadata: Any) -> Article:
    """An article written by the persona editor, not yet reviewed."""
    article = article_create(
        slug=slug, source_language=next(iter(texts)), actor=world.editor, **metadata
    )
    for lang, (title, summary, body) in texts.items():
        translation_save(
            article=article,
            lang=lang,
            title=title,
            summary=summary,
            body=body,
            author=world.editor,
        )
    return article


def publish(world: World, slug: str, texts: Texts, **metadata: Any) -> Article:
    """A draft sent to review and published by a second person (the persona admin)."""
    article = draft(world, slug, texts, **metadata)
    article_transition(article=article, to=ArticleStatus.IN_REVIEW, actor=world.editor)
    return article_publish(article=article, reviewer=world.admin)
