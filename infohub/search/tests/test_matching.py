"""What a query finds: accents, case, typos, stems, Creole variants, other languages, news."""

import pytest

from infohub.search.tests.conftest import Library, add_news, find, found_ids

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["informacion", "INFORMACIÓN", "Información"])
def test_a_query_without_accents_or_in_capitals_finds_the_accented_word(
    library: Library, query: str
) -> None:
    assert found_ids(query, "es")[0] == library.work_permit.public_id


@pytest.mark.parametrize(
    ("query", "lang", "expected"),
    [
        ("permizo de trabaho", "es", "work_permit"),
        ("reunification familliale", "fr", "family"),
        ("pasport", "en", "work_permit"),
        ("asylym", "en", "asylum"),
    ],
)
def test_common_typos_still_find_the_article(
    library: Library, query: str, lang: str, expected: str
) -> None:
    assert found_ids(query, lang)[0] == getattr(library, expected).public_id


@pytest.mark.parametrize(
    ("query", "lang", "expected"),
    [
        ("permisos", "es", "work_permit"),
        ("enfants", "fr", "family"),
        ("enfant", "fr", "family"),
        ("vacuna", "es", "health"),
        ("documents", "en", "work_permit"),
    ],
)
def test_plurals_and_other_forms_of_a_word_find_each_other(
    library: Library, query: str, lang: str, expected: str
) -> None:
    assert found_ids(query, lang)[0] == getattr(library, expected).public_id


@pytest.mark.parametrize("query", ["paspò", "paspo", "pasepo", "PASEPÒ"])
def test_creole_spelling_variants_find_the_creole_translation(library: Library, query: str) -> None:
    response = find(query, "ht")
    assert response.results[0].id == library.work_permit.public_id
    assert response.results[0].lang == "ht"


def test_ki_jan_and_kijan_give_the_same_results(library: Library) -> None:
    apart = find("ki jan pou m jwenn yon pèmi travay", "ht").results
    together = find("kijan pou m jwenn yon pemi travay", "ht").results
    assert [r.id for r in apart] == [r.id for r in together]
    assert apart[0].id == library.work_permit.public_id


def test_an_article_appears_once_in_the_readers_language(library: Library) -> None:
    results = find("permis de travail", "fr").results
    assert [r.id for r in results].count(library.work_permit.public_id) == 1
    first = results[0]
    assert (first.id, first.lang, first.title) == (
        library.work_permit.public_id,
        "fr",
        "Permis de travail : l'essentiel",
    )
    assert first.url == "/fr/articles/work-permit/"


def test_a_spanish_query_finds_an_article_with_only_an_english_translation(
    library: Library,
) -> None:
    results = find("información sobre asylum", "es").results
    by_id = {r.id: r for r in results}
    assert by_id[library.asylum.public_id].lang == "en"
    assert by_id[library.work_permit.public_id].lang == "es"


def test_a_match_in_one_translation_shows_the_readers_translation(library: Library) -> None:
    result = find("passeport", "es").results[0]
    assert (result.id, result.lang) == (library.work_permit.public_id, "es")


def test_a_reader_whose_language_is_missing_gets_the_next_along_the_chain(
    library: Library,
) -> None:
    result = find("vacunas", "ht").results[0]
    assert (result.id, result.lang) == (library.health.public_id, "es")
    assert result.url == "/ht/articles/health/"


def test_news_items_are_found_as_news(library: Library) -> None:
    item = add_news("Nuevas jornadas de vacunación", "Habrá vacunación gratuita en marzo.")
    results = find("vacunación gratuita", "es").results
    news = [r for r in results if r.kind == "news"]
    assert [(r.id, r.lang, r.url) for r in news] == [
        (item.public_id, "es", f"/es/news/{item.public_id}/")
    ]
    assert {r.kind for r in results} == {"news", "article"}


def test_a_query_of_stopwords_finds_nothing(library: Library) -> None:
    response = find("¿cómo de la que?", "es")
    assert (response.results, response.answer) == ([], None)


def test_the_limit_caps_the_results(library: Library) -> None:
    assert len(find("permiso trabajo reunificación vacunas", "es", limit=2).results) == 2
