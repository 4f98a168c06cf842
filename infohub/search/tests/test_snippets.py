"""Snippets: the best passage, matched words marked, everything else escaped."""

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infohub.search.plaintext import Block
from infohub.search.snippets import SNIPPET_LENGTH, snippet
from infohub.search.tests.conftest import find
from infohub.search.text import analyzer
from infohub.testing.content import publish
from infohub.testing.personas import World

MARK = re.compile(r"</?mark>")


def test_the_sentence_matching_most_terms_is_chosen_and_its_matches_marked() -> None:
    blocks = [Block("Un permiso. Otra cosa."), Block("El permiso de trabajo se pide aquí.")]
    terms = set(analyzer("es").terms("permisos trabajo"))
    assert snippet(blocks, analyzer("es"), terms) == (
        "El <mark>permiso</mark> de <mark>trabajo</mark> se pide aquí."
    )


def test_a_long_sentence_is_cut_around_the_first_match() -> None:
    text = "palabra " * 60 + "pasaporte " + "palabra " * 60
    shown = snippet([Block(text.strip())], analyzer("es"), {"pasaport"})
    assert shown.startswith("…")
    assert shown.endswith("…")
    assert "<mark>pasaporte</mark>" in shown
    assert len(MARK.sub("", shown)) <= SNIPPET_LENGTH + 2


@given(st.text(min_size=1), st.sampled_from(["es", "en", "fr", "ht"]))
def test_a_snippet_is_escaped_text_with_only_mark_tags(text: str, lang: str) -> None:
    terms = set(analyzer(lang).terms(text)[:2])
    shown = snippet([Block(" ".join(text.split()))], analyzer(lang), terms)
    assert "<" not in MARK.sub("", shown)
    assert html.unescape(MARK.sub("", shown)).strip("…") in " ".join(text.split())


@pytest.mark.django_db
def test_a_title_or_body_with_markup_stays_escaped(world: World) -> None:
    publish(
        world,
        "xss",
        {"es": ("<script>alert(1)</script> visado", "", "El visado <b>&</b> <script>x</script>.")},
    )
    result = find("visado").results[0]
    assert result.title == "<script>alert(1)</script> visado"  # plain text; pages escape it
    assert "<script>" not in result.snippet
    assert "<b>" not in result.snippet
    assert "<mark>visado</mark>" in result.snippet
