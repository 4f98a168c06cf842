"""Text analysis: accents, case, stems, stopwords and Haitian Creole spelling variants."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infohub.search.plaintext import markdown_blocks, sentence_spans
from infohub.search.text import analyzer, fold


def terms(lang: str, text: str) -> list[str]:
    return analyzer(lang).terms(text)


def test_folding_removes_accents_and_case() -> None:
    assert fold("Información ÑANDÚ Œuvre") == "informacion nandu oeuvre"


@given(st.text())
def test_folding_twice_changes_nothing(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text(), st.sampled_from(["es", "en", "fr", "ht", "pt"]))
def test_any_text_analyses_into_lower_case_terms_without_accents(text: str, lang: str) -> None:
    for term in terms(lang, text):
        assert term == fold(term)


@pytest.mark.parametrize(
    ("lang", "a", "b"),
    [
        ("es", "información", "INFORMACION"),
        ("es", "permisos", "permiso"),
        ("es", "niños", "ninos"),
        ("en", "passports", "Passport"),
        ("en", "permits", "permit"),
        ("fr", "enfants", "enfant"),
        ("fr", "Réunification", "reunification"),
    ],
)
def test_accents_case_and_plurals_reach_the_same_term(lang: str, a: str, b: str) -> None:
    assert terms(lang, a) == terms(lang, b) != []


@pytest.mark.parametrize(
    "variants",
    [
        ("paspò", "paspo", "pasepò", "pasepo", "PASPÒ"),
        ("dokiman", "dokuman"),
        ("legalman", "legalmann"),
        ("konnen", "konen"),
        ("pwoblèm", "problème"),
        ("enfòmasyon", "enfomasyon"),
    ],
)
def test_haitian_creole_spelling_variants_reach_the_same_term(variants: tuple[str, ...]) -> None:
    assert len({tuple(terms("ht", v)) for v in variants}) == 1
    assert terms("ht", variants[0])


def test_travay_stays_travay() -> None:
    assert terms("ht", "travay") == ["travay"]


def test_ki_jan_written_apart_or_together_is_the_same_question_word() -> None:
    assert terms("ht", "ki jan pou m jwenn paspò") == terms("ht", "kijan pou m jwenn pasepo")
    assert terms("ht", "ki jan pou m jwenn paspò") == ["jwen", "paspo"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "¿cómo puedo de la que?"),
        ("en", "how do I get the"),
        ("fr", "comment est-ce que je"),
        ("ht", "mwen m ou w li l nou n yo y nan la a an lan ak pou sou de se ki"),
    ],
)
def test_stopwords_and_question_words_carry_no_terms(lang: str, text: str) -> None:
    assert terms(lang, text) == []


def test_a_language_without_a_stemmer_is_folded_only() -> None:
    assert terms("xx", "Ação Rápida") == ["acao", "rapida"]


def test_markdown_becomes_the_words_a_reader_sees_in_blocks() -> None:
    blocks = markdown_blocks(
        "## What **is** it?\n\nA [permit](https://example.org) is *needed*.\n"
        "Really.\n\n- First item\n- Second `item`\n\n| a | b |\n|---|---|\n| c | d |"
    )
    assert [(b.text, b.heading) for b in blocks] == [
        ("What is it?", True),
        ("A permit is needed. Really.", False),
        ("First item", False),
        ("Second item", False),
        ("a b", False),
        ("c d", False),
    ]


def test_sentences_end_at_stops_before_capitals_only() -> None:
    text = "Vaya al centro, p. ej. el de la ciudad. ¿Qué llevar? El pasaporte."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Vaya al centro, p. ej. el de la ciudad.",
        "¿Qué llevar?",
        "El pasaporte.",
    ]
