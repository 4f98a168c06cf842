"""Live articles as a search source: one document per live translation, in its live text."""

import uuid
from collections.abc import Collection, Iterator

from django.db.models import Prefetch, QuerySet

from infohub.articles.models import Article, ArticleTranslation
from infohub.articles.selectors import translation_for
from infohub.search.plaintext import Block, markdown_blocks, markdown_text
from infohub.search.sources import (
    CHUNK_SIZE,
    IndexDocument,
    Presented,
    SearchSource,
    url_in,
)

KIND = "article"


def _public_articles() -> QuerySet[Article]:
    """Live articles with the live translations' fields that search reads."""
    translations = (
        ArticleTranslation.objects.filter(live_number__isnull=False)
        .only("article_id", "lang", "title", "summary", "body", "live_number")
        .order_by("lang")
    )
    return (
        Article.objects.filter(live=True)
        .only("public_id", "slug")
        .prefetch_related(Prefetch("translations", queryset=translations))
    )


def _documents(article: Article) -> list[IndexDocument]:
    return [
        IndexDocument(
            kind=KIND,
            object_id=article.public_id,
            lang=t.lang,
            title=t.title,
            summary=t.summary,
            body=markdown_text(t.body),
        )
        for t in article.translations.all()
    ]


def all_documents() -> Iterator[IndexDocument]:
    for article in _public_articles().order_by("pk").iterator(chunk_size=CHUNK_SIZE):
        yield from _documents(article)


def documents_of(ids: Collection[uuid.UUID]) -> dict[uuid.UUID, list[IndexDocument]]:
    return {a.public_id: _documents(a) for a in _public_articles().filter(public_id__in=ids)}


def present(ids: Collection[uuid.UUID], lang: str) -> dict[uuid.UUID, Presented]:
    """Each article in the reader's language or along its chain; its body may give an answer."""
    shown: dict[uuid.UUID, Presented] = {}
    for article in _public_articles().filter(public_id__in=ids):
        chosen = translation_for(article=article, lang=lang)
        if chosen is None:
            continue
        t = chosen.translation
        shown[article.public_id] = Presented(
            lang=t.lang,
            title=t.title,
            blocks=[Block(t.summary), *markdown_blocks(t.body)],
            url=url_in(lang, "articles:article-detail", slug=article.slug),
            answer_body=t.body,
        )
    return shown


SOURCE = SearchSource(
    kind=KIND, all_documents=all_documents, documents_of=documents_of, present=present
)
