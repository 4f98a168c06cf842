"""Live pathways as a search source: one document per translation."""

import uuid
from collections.abc import Collection, Iterator

from django.db.models import Prefetch, QuerySet

from infohub.pathways.models import Pathway, PathwayTranslation
from infohub.pathways.selectors import pathway_list_published, translation_for
from infohub.search.plaintext import Block
from infohub.search.sources import (
    CHUNK_SIZE,
    IndexDocument,
    Presented,
    SearchSource,
    url_in,
)

KIND = "pathway"


def _public_pathways() -> QuerySet[Pathway]:
    """Published pathways with the fields of their translations that search reads."""
    translations = (
        PathwayTranslation.objects.filter(is_live=True)
        .only("pathway_id", "lang", "title", "summary", "steps")
        .order_by("lang")
    )
    return (
        Pathway.objects.filter(live=True)
        .only("public_id")
        .prefetch_related(Prefetch("translations", queryset=translations))
    )


def _documents(pathway: Pathway) -> list[IndexDocument]:
    return [
        IndexDocument(
            kind=KIND,
            object_id=pathway.public_id,
            lang=t.lang,
            title=t.title,
            summary=t.summary,
            body="\n".join(t.steps),
        )
        for t in pathway.translations.all()
    ]


def all_documents() -> Iterator[IndexDocument]:
    for pathway in _public_pathways().order_by("pk").iterator(chunk_size=CHUNK_SIZE):
        yield from _documents(pathway)


def documents_of(ids: Collection[uuid.UUID]) -> dict[uuid.UUID, list[IndexDocument]]:
    return {p.public_id: _documents(p) for p in _public_pathways().filter(public_id__in=ids)}


def present(ids: Collection[uuid.UUID], lang: str) -> dict[uuid.UUID, Presented]:
    """Each pathway in the reader's language or along its chain: its summary and steps."""
    shown: dict[uuid.UUID, Presented] = {}
    for pathway in pathway_list_published().filter(public_id__in=ids):
        chosen = translation_for(pathway=pathway, lang=lang)
        if chosen is None:
            continue
        t = chosen.translation
        shown[pathway.public_id] = Presented(
            lang=t.lang,
            title=t.title,
            blocks=[Block(t.summary), *(Block(step) for step in t.steps)],
            url=url_in(lang, "pathways:detail", slug=pathway.slug),
        )
    return shown


SOURCE = SearchSource(
    kind=KIND, all_documents=all_documents, documents_of=documents_of, present=present
)
