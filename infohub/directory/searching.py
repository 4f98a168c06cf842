"""Published services as a search source: one document per language the service is written in.

Only services that anyone may see are found: published listings that are offered at
least at one place that is not confidential (or at no place at all). A service offered
only at confidential places is never surfaced by search, and no text of a location is
ever indexed: a document holds the service's own name and description.
"""

import uuid
from collections.abc import Collection, Iterable, Iterator

from django.db.models import QuerySet

from infohub.directory.models import Service, ServiceAtLocation
from infohub.directory.selectors import (
    TranslationMap,
    service_list_published,
    text_for,
    translation_map,
)
from infohub.search.changes import search_changes_record
from infohub.search.plaintext import Block, paragraphs_blocks
from infohub.search.sources import (
    CHUNK_SIZE,
    IndexDocument,
    Presented,
    SearchSource,
    url_in,
)

KIND = "service"
TABLE = "service"


def service_list_searchable() -> QuerySet[Service]:
    """Published services not offered only at confidential places."""
    only_confidential = ServiceAtLocation.objects.values("service_id").exclude(
        service__service_at_locations__location__confidential=False
    )
    return (
        service_list_published()
        .exclude(id__in=only_confidential)
        .only("id", "name", "alternate_name", "description", "source_language")
    )


def _documents(service: Service, texts: TranslationMap) -> list[IndexDocument]:
    own = texts.get(service.id, {})
    given = {
        "name": {**own.get("name", {}), service.source_language: service.name},
        "alternate_name": {
            **own.get("alternate_name", {}),
            service.source_language: service.alternate_name,
        },
        "description": {**own.get("description", {}), service.source_language: service.description},
    }
    langs = {
        lang for field in ("name", "description") for lang, text in given[field].items() if text
    }
    return [
        IndexDocument(
            kind=KIND,
            object_id=service.id,
            lang=lang,
            title=given["name"].get(lang) or service.name,
            summary=given["alternate_name"].get(lang, ""),
            body=given["description"].get(lang, ""),
        )
        for lang in sorted(langs)
    ]


def _documents_of_services(services: list[Service]) -> dict[uuid.UUID, list[IndexDocument]]:
    texts = translation_map(table=TABLE, record_ids=[s.id for s in services])
    return {service.id: _documents(service, texts) for service in services}


def all_documents() -> Iterator[IndexDocument]:
    chunk: list[Service] = []
    for service in service_list_searchable().order_by("id").iterator(chunk_size=CHUNK_SIZE):
        chunk.append(service)
        if len(chunk) == CHUNK_SIZE:
            yield from (d for docs in _documents_of_services(chunk).values() for d in docs)
            chunk = []
    yield from (d for docs in _documents_of_services(chunk).values() for d in docs)


def documents_of(ids: Collection[uuid.UUID]) -> dict[uuid.UUID, list[IndexDocument]]:
    return _documents_of_services(list(service_list_searchable().filter(id__in=ids)))


def present(ids: Collection[uuid.UUID], lang: str) -> dict[uuid.UUID, Presented]:
    """Each service's name and description in the reader's language or along its chain."""
    services = list(service_list_searchable().filter(id__in=ids))
    texts = translation_map(table=TABLE, record_ids=[s.id for s in services])
    shown: dict[uuid.UUID, Presented] = {}
    for service in services:
        name = text_for(record=service, field="name", lang=lang, translations=texts[service.id])
        description = text_for(
            record=service, field="description", lang=lang, translations=texts[service.id]
        )
        text_lang = description.lang if description.text else name.lang
        shown[service.id] = Presented(
            lang=text_lang,
            title=name.text,
            blocks=paragraphs_blocks(description.text) or [Block(name.text)],
            url=url_in(lang, "directory:service-detail", service_id=service.id),
        )
    return shown


def service_search_changes_record(service_ids: Iterable[uuid.UUID]) -> None:
    """Note that these services' text or visibility may have changed (in the transaction)."""
    search_changes_record(kind=KIND, object_ids=service_ids)


SOURCE = SearchSource(
    kind=KIND, all_documents=all_documents, documents_of=documents_of, present=present
)
