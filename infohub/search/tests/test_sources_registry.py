"""Search finds what its registered sources give it, and knows no content app."""

import ast
import uuid
from collections.abc import Collection, Iterator
from pathlib import Path

import pytest
from django.db import transaction

from infohub.search import sources
from infohub.search.changes import search_change_record
from infohub.search.plaintext import Block
from infohub.search.selectors import search
from infohub.search.sources import IndexDocument, Presented, SearchSource

pytestmark = pytest.mark.django_db

NOTE = uuid.UUID("00000000-0000-4000-8000-00000000abcd")


class Notes:
    """A source of public notes held in memory, standing in for a new content app."""

    def __init__(self) -> None:
        self.public: dict[uuid.UUID, str] = {}

    def all_documents(self) -> Iterator[IndexDocument]:
        for docs in self.documents_of(list(self.public)).values():
            yield from docs

    def documents_of(self, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, list[IndexDocument]]:
        return {
            i: [IndexDocument(kind="note", object_id=i, lang="es", title=t, summary="", body=t)]
            for i, t in self.public.items()
            if i in ids
        }

    def present(self, ids: Collection[uuid.UUID], lang: str) -> dict[uuid.UUID, Presented]:
        return {
            i: Presented(lang="es", title=t, blocks=[Block(t)], url=f"/{lang}/notes/{i}/")
            for i, t in self.public.items()
            if i in ids
        }


@pytest.fixture
def notes(monkeypatch) -> Notes:
    source = Notes()
    registered = SearchSource(
        kind="note",
        all_documents=source.all_documents,
        documents_of=source.documents_of,
        present=source.present,
    )
    monkeypatch.setitem(sources._SOURCES, "note", registered)
    return source


def _note_ids(query: str) -> list[uuid.UUID]:
    return [r.id for r in search(query=query, lang="es").results if r.kind == "note"]


def test_a_registered_source_is_searchable_and_follows_its_change_log(notes):
    assert _note_ids("cooperativa de pescadores") == []

    notes.public[NOTE] = "La cooperativa de pescadores busca personal."
    with transaction.atomic():
        search_change_record(kind="note", object_id=NOTE)
    assert _note_ids("cooperativa de pescadores") == [NOTE]

    del notes.public[NOTE]
    with transaction.atomic():
        search_change_record(kind="note", object_id=NOTE)
    assert _note_ids("cooperativa de pescadores") == []


def test_a_hit_its_source_no_longer_presents_is_not_shown(notes):
    notes.public[NOTE] = "La cooperativa de pescadores busca personal."
    assert _note_ids("cooperativa") == [NOTE]

    # Withdrawn without a logged change: the index still has it, the source does not show it.
    del notes.public[NOTE]

    assert _note_ids("cooperativa") == []


def test_a_change_of_a_kind_no_source_registered_is_refused():
    with transaction.atomic(), pytest.raises(ValueError, match="no search source"):
        search_change_record(kind="artcle", object_id=NOTE)


def test_every_bundled_content_kind_is_registered():
    assert {"article", "news", "pathway", "service"} <= set(sources.kinds())


def test_search_imports_no_content_app():
    search_dir = Path(sources.__file__).parent
    content_apps = ("articles", "news", "pathways", "directory", "counselling", "referrals")
    for path in search_dir.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(
                    tuple(f"infohub.{app}" for app in content_apps)
                ), f"{path.name} imports {node.module}"
