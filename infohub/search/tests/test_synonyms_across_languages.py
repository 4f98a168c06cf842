"""A synonym group joining words of several languages reaches each language's stemmed forms."""

import pytest
from django.conf import settings

from infohub.search.services import synonyms_save
from infohub.search.synonyms import build_table
from infohub.search.tests.conftest import found_ids
from infohub.search.text import analyzer
from infohub.testing.content import Texts, publish
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

VACCINES: Texts = {
    "es": (
        "Vacunación para niñas y niños",
        "Dónde y cuándo llevar a sus hijos a la campaña de vacunación.",
        "La campaña de vacunación es gratuita, sin importar la situación migratoria. "
        "Lleve la cartilla de vacunación si la tiene.",
    ),
}


def test_a_kreyol_word_finds_a_spanish_guide_through_a_mixed_group(world: World) -> None:
    article = publish(world, "vaccines", VACCINES)
    assert found_ids("vaksen", lang="ht") == []
    synonyms_save(lang="ht", terms="vaksen, vaccin, vacuna", actor=world.editor)
    assert found_ids("vaksen", lang="ht") == [article.public_id]
    assert found_ids("vaccin", lang="fr") == [article.public_id]


def test_each_member_is_analysed_in_every_content_language() -> None:
    table = build_table([("ht", ["vaksen", "vacuna"])], settings.INFOHUB_CONTENT_LANGUAGES)
    reached = {term for _, others in table.starting_with("vaksen") for o in others for term in o}
    for lang in settings.INFOHUB_CONTENT_LANGUAGES:
        assert set(analyzer(lang).terms("vacuna")) <= reached, lang
    spanish_stem = analyzer("es").terms("vacunación")
    assert set(spanish_stem) <= reached


def test_a_group_still_works_in_its_own_language_alone() -> None:
    table = build_table([("es", ["cédula", "documento de identidad"])])
    alternatives = [a for a, _ in table.starting_with(analyzer("es").terms("cédula")[0])]
    assert alternatives
