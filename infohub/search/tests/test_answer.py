"""The extractive answer: quoted verbatim from a published article, or none at all."""

import pytest

from infohub.articles.models import ArticleTranslation
from infohub.search.tests.conftest import Library, find

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("question", "lang", "expected"),
    [
        ("¿Qué es un permiso de trabajo?", "es", "work_permit"),
        ("What is a work permit?", "en", "work_permit"),
        ("Qu'est-ce qu'un permis de travail ?", "fr", "work_permit"),
        ("Kisa yon pèmi travay ye?", "ht", "work_permit"),
        ("¿Qué permite la reunificación familiar?", "es", "family"),
        ("¿Las vacunas para niños son gratuitas?", "en", "health"),
    ],
)
def test_the_answer_is_quoted_from_the_shown_translation_of_a_published_article(
    library: Library, question: str, lang: str, expected: str
) -> None:
    answer = find(question, lang).answer
    assert answer is not None
    article = getattr(library, expected)
    assert answer.article_id == article.public_id
    body = ArticleTranslation.objects.get(article=article, lang=answer.lang).body
    assert answer.text in body
    assert 1 <= answer.text.count(". ") + 1 <= 3


def test_the_answer_comes_from_the_fallback_translation_the_reader_is_shown(
    library: Library,
) -> None:
    response = find("Qu'est-ce que la réunification familiale ?", "ht")
    assert (response.results[0].id, response.results[0].lang) == (library.family.public_id, "fr")
    assert response.answer is not None
    assert response.answer.lang == "fr"
    assert response.answer.text.startswith("La réunification familiale permet")


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("¿Cuánto cuesta un viaje a Marte?", "es"),
        ("Where can I buy a cheap bicycle?", "en"),
        ("¿Cuánto cuesta un permiso de pesca en el lago?", "es"),
    ],
)
def test_an_unrelated_question_gets_no_answer(library: Library, question: str, lang: str) -> None:
    assert find(question, lang).answer is None


def test_a_question_heading_is_never_given_as_the_answer(library: Library) -> None:
    answer = find("¿Qué documentos suelen pedir?", "es").answer
    assert answer is None or not answer.text.endswith("?")
