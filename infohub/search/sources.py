"""The registry of search sources: what each content app lets search find.

Search owns the index, the change log, ranking, snippets and answers; it knows no
content app. Each app that has something public to find registers a ``SearchSource``
in its ``AppConfig.ready()``: its kind (the name its changes are logged under), the
documents it wants indexed, and how one of its results is presented to a reader (title,
the text a snippet is cut from, a URL built with ``reverse``). Adding a searchable kind
is one registration in the app that owns it, and one ``search_change_record`` call in
each of its writes that makes something public, changes its text or withdraws it.

A source decides what is public: what it yields is indexed, and what it presents is
shown. Search checks every hit against ``present`` before showing it, so an object that
stopped being public is never shown, even by a process whose index lags.
"""

import uuid
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation

from infohub.search.plaintext import Block

CHUNK_SIZE = 500


@dataclass(frozen=True)
class IndexDocument:
    kind: str
    object_id: uuid.UUID
    lang: str
    title: str
    summary: str
    body: str  # plain text


@dataclass(frozen=True)
class Presented:
    """One object as a reader of some language is shown it in the results."""

    lang: str  # the language of the text shown (a fallback's, when there is no translation)
    title: str
    blocks: list[Block]  # the text the snippet is chosen from
    url: str
    answer_body: str = ""  # Markdown an extractive answer may quote; empty when none


# object ids -> their documents now; ids no longer public are simply absent
Documents = Callable[[Collection[uuid.UUID]], dict[uuid.UUID, list[IndexDocument]]]
# every public object's documents, in chunks
AllDocuments = Callable[[], Iterator[IndexDocument]]
# object ids, reader's language -> how each public one is shown
Present = Callable[[Collection[uuid.UUID], str], dict[uuid.UUID, Presented]]


@dataclass(frozen=True)
class SearchSource:
    kind: str  # "article", "service": the name its changes are logged under
    all_documents: AllDocuments
    documents_of: Documents
    present: Present


_SOURCES: dict[str, SearchSource] = {}


def register(source: SearchSource) -> None:
    """Add a source; registering the same kind again replaces it (module reloads)."""
    _SOURCES[source.kind] = source


def sources() -> list[SearchSource]:
    return [_SOURCES[kind] for kind in sorted(_SOURCES)]


def source_for(kind: str) -> SearchSource | None:
    return _SOURCES.get(kind)


def kinds() -> list[str]:
    return sorted(_SOURCES)


def url_in(lang: str, viewname: str, **kwargs: object) -> str:
    """A portal URL under the ``lang`` prefix, whatever language the request is in."""
    with translation.override(lang):
        return reverse(viewname, kwargs=kwargs)
