"""What gets indexed, read from the database: public article and pathway translations, news.

Each translation of a published article or pathway is one document (grouped by article
or pathway when results are ranked); each news item is one document. Nothing else is
ever indexed.
"""

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from infohub.articles.models import Article, ArticleTranslation
from infohub.articles.workflow import PUBLIC
from infohub.news.models import NewsItem
from infohub.pathways.models import Pathway, PathwayTranslation
from infohub.search.models import SearchDocumentKind
from infohub.search.plaintext import markdown_text

CHUNK_SIZE = 500

# The kinds of document an index holds, re-read when the change log names them.
DOCUMENT_KINDS = (SearchDocumentKind.ARTICLE, SearchDocumentKind.NEWS, SearchDocumentKind.PATHWAY)


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


def public_pathways() -> QuerySet[Pathway]:
    """Published pathways with the fields of their translations that search reads."""
    translations = PathwayTranslation.objects.only(
        "pathway_id", "lang", "title", "summary", "steps"
    ).order_by("lang")
    return (
        Pathway.objects.filter(status__in=PUBLIC)
        .only("public_id")
        .prefetch_related(Prefetch("translations", queryset=translations))
    )


def pathway_documents(pathway: Pathway) -> list[IndexDocument]:
    return [
        IndexDocument(
            kind=SearchDocumentKind.PATHWAY,
            object_id=pathway.public_id,
            lang=t.lang,
            title=t.title,
            summary=t.summary,
            body="\n".join(t.steps),
        )
        for t in pathway.translations.all()
    ]


def _news() -> QuerySet[NewsItem]:
    return NewsItem.objects.only("public_id", "lang", "title", "body")


def all_documents() -> Iterator[IndexDocument]:
    """Every document search should hold, read in chunks."""
    for article in public_articles().order_by("pk").iterator(chunk_size=CHUNK_SIZE):
        yield from article_documents(article)
    for item in _news().order_by("pk").iterator(chunk_size=CHUNK_SIZE):
        yield news_document(item)
    for pathway in public_pathways().order_by("pk").iterator(chunk_size=CHUNK_SIZE):
        yield from pathway_documents(pathway)


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
    elif kind == SearchDocumentKind.PATHWAY:
        for pathway in public_pathways().filter(public_id__in=wanted):
            found[pathway.public_id] = pathway_documents(pathway)
    return found
