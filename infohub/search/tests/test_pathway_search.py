"""Search finds published pathways, in the reader's language, and forgets withdrawn ones."""

import pytest

from infohub.pathways.models import Pathway
from infohub.pathways.services import pathway_transition
from infohub.pathways.tests.factories import make_pathway, make_question, question_texts
from infohub.search.tests.conftest import find, found_ids
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _question() -> None:
    make_question("age", "int", {"en": question_texts("How old are you?", "your age")})


def _seasonal_work(status: str = "published") -> Pathway:
    return make_pathway(
        "cr-seasonal-work",
        {"field": "age", "gte": 18},
        status=status,
        titles={"es": "Trabajo agrícola de temporada", "ht": "Travay agrikòl pou sezon"},
    )


def test_a_published_pathway_is_found_with_its_address() -> None:
    pathway = _seasonal_work()
    (result,) = find("trabajo agricola temporada").results
    assert result.kind == "pathway"
    assert result.id == pathway.public_id
    assert result.url == "/es/pathways/cr-seasonal-work/"


def test_it_is_shown_in_the_readers_language() -> None:
    _seasonal_work()
    (result,) = find("travay agrikol", "ht").results
    assert result.title == "Travay agrikòl pou sezon"
    assert result.url == "/ht/pathways/cr-seasonal-work/"


def test_a_draft_pathway_is_never_found() -> None:
    _seasonal_work(status="draft")
    assert found_ids("trabajo agricola temporada") == []


def test_archiving_a_pathway_removes_it_on_the_next_search(world: World) -> None:
    pathway = _seasonal_work()
    assert found_ids("trabajo agricola temporada") == [pathway.public_id]
    pathway_transition(pathway=pathway, to="archived", actor=world.editor)
    assert found_ids("trabajo agricola temporada") == []
