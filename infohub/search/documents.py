"""What gets indexed, read from the database: public article translations and news items.

Each translation of a published article is one document (grouped by article when
results are ranked); each news item is one document. Nothing else is ever indexed.
"""

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from infohub.articles.models import Article, ArticleTranslation
from infohub.articles.workflow import PUBLIC
from infohub.news.models import NewsItem
from infohub.search.models import SearchDocumentKind
from infohub.search.plaintext import markdown_text

CHUNK_SIZE = 500


@dataclass(frozen=True)
class IndexDocument:
    kind: str
    object_id: uuid.UUID
    lang: str
    title: str
    summary: str
    body: str  # plain text


def public_articles() -> QuerySet[Article]:
    """Published articles with the fields of their translations that search reads."""
    translations = ArticleTranslation.objects.only(
        "article_id", "lang", "title", "summary", "body"
    ).order_by("lang")
    return (
        Article.objects.filter(status__in=PUBLIC)
        .only("public_id")
        .prefetch_related(Prefetch("translations", queryset=translations))
    )


def article_documents(article: Article) -> list[IndexDocument]:
    return [
        IndexDocument(
            kind=SearchDocumentKind.ARTICLE,
            object_id=article.public_id,
            lang=t.lang,
            title=t.title,
            summary=t.summary,
            body=markdown_text(t.body),
        )
        for t in article.translations.all()
    ]


def news_document(item: NewsItem) -> IndexDocument:
    return IndexDocument(
        kind=SearchDocumentKind.NEWS,
        object_id=item.public_id,
        lang=item.lang,
        title=item.title,
        summary="",
        body=item.body,
    )


def _news() -> QuerySet[NewsItem]:
    return NewsItem.objects.only("public_id", "lang", "title", "body")


def all_documents() -> Iterator[IndexDocument]:
    """Every document search should hold, read in chunks."""
    for article in public_articles().order_by("pk").iterator(chunk_size=CHUNK_SIZE):
        yield from article_documents(article)
    for item in _news().order_by("pk").iterator(chunk_size=CHUNK_SIZE):
        yield news_document(item)


def documents_of(
    kind: str, object_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[IndexDocument]]:
    """The documents of these objects now, an empty list for those no longer public."""
    wanted = set(object_ids)
    found: dict[uuid.UUID, list[IndexDocument]] = {object_id: [] for object_id in wanted}
    if kind == SearchDocumentKind.ARTICLE:
        for article in public_articles().filter(public_id__in=wanted):
            found[article.public_id] = article_documents(article)
    elif kind == SearchDocumentKind.NEWS:
        for item in _news().filter(public_id__in=wanted):
            found[item.public_id] = [news_document(item)]
    return found
