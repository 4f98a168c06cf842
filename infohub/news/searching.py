"""News items as a search source: each item is one document in its own language."""

import uuid
from collections.abc import Collection, Iterator

from django.db.models import QuerySet

from infohub.news.models import NewsItem
from infohub.search.plaintext import paragraphs_blocks
from infohub.search.sources import (
    CHUNK_SIZE,
    IndexDocument,
    Presented,
    SearchSource,
    url_in,
)

KIND = "news"


def _news() -> QuerySet[NewsItem]:
    return NewsItem.objects.only("public_id", "lang", "title", "body")


def _document(item: NewsItem) -> IndexDocument:
    return IndexDocument(
        kind=KIND,
        object_id=item.public_id,
        lang=item.lang,
        title=item.title,
        summary="",
        body=item.body,
    )


def all_documents() -> Iterator[IndexDocument]:
    for item in _news().order_by("pk").iterator(chunk_size=CHUNK_SIZE):
        yield _document(item)


def documents_of(ids: Collection[uuid.UUID]) -> dict[uuid.UUID, list[IndexDocument]]:
    return {item.public_id: [_document(item)] for item in _news().filter(public_id__in=ids)}


def present(ids: Collection[uuid.UUID], lang: str) -> dict[uuid.UUID, Presented]:
    """A news item is shown in the language it was written in."""
    return {
        item.public_id: Presented(
            lang=item.lang,
            title=item.title,
            blocks=paragraphs_blocks(item.body),
            url=url_in(lang, "news:detail", public_id=item.public_id),
        )
        for item in _news().filter(public_id__in=ids)
    }


SOURCE = SearchSource(
    kind=KIND, all_documents=all_documents, documents_of=documents_of, present=present
)
