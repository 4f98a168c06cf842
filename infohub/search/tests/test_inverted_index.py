"""The in-memory index: updates without rebuilds, compaction, field weights, typo lookup."""

import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from infohub.search.documents import IndexDocument
from infohub.search.inverted import InvertedIndex
from infohub.search.query import Concept
from infohub.search.text import analyzer

WORDS = ["pasaporte", "visa", "trabajo", "salud", "escuela", "refugio", "familia", "permiso"]


def doc(n: int, title: str = "", body: str = "", lang: str = "es") -> IndexDocument:
    return IndexDocument("article", uuid.UUID(int=n), lang, title, "", body)


def matching(index: InvertedIndex, term: str) -> set[uuid.UUID]:
    hits = index.top([Concept(term, {term: 1.0})], limit=1000, per_object=1)
    return {hit.object_id for hit in hits}


def test_a_word_in_the_title_outranks_the_same_word_in_the_body() -> None:
    index = InvertedIndex()
    index.add(doc(1, title="Otra cosa", body="El pasaporte se pide aquí. Nada más que decir."))
    index.add(doc(2, title="Pasaporte", body="Se pide aquí. Nada más que decir aquí tampoco."))
    hits = index.top([Concept("pasaporte", {"pasaport": 1.0})], limit=2, per_object=1)
    assert [hit.object_id.int for hit in hits] == [2, 1]


def test_replacing_an_objects_documents_forgets_the_old_text() -> None:
    index = InvertedIndex()
    index.add(doc(1, body="pasaporte"))
    index.replace("article", uuid.UUID(int=1), [doc(1, body="visa")])
    assert matching(index, "pasaport") == set()
    assert matching(index, "vis") == {uuid.UUID(int=1)}
    assert (index.document_count, index.dead_count) == (1, 1)


def test_an_object_with_several_translations_is_one_hit_with_its_best_language() -> None:
    index = InvertedIndex()
    index.add(doc(1, title="Visa", body="visa visa", lang="es"))
    index.add(doc(1, body="Une visa parmi d'autres mots ici.", lang="fr"))
    hits = index.top([Concept("visa", {"vis": 1.0})], limit=5, per_object=2)
    assert [(hit.object_id.int, hit.lang) for hit in hits] == [(1, "es")]


def test_typo_lookup_finds_known_terms_one_or_two_edits_away() -> None:
    index = InvertedIndex()
    index.add(doc(1, body="pasaporte familia"))
    assert index.near("pasaprot", 1) == [("pasaport", 1)]  # two letters swapped
    assert index.near("famli", 1) == [("famili", 1)]  # a letter dropped
    assert index.near("pazaporx", 2) == [("pasaport", 2)]  # two letters replaced
    assert index.near("famxli", 1) == [("famili", 1)]  # a letter replaced
    assert index.near("fmxli", 1) == []


operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(0, 9), st.lists(st.sampled_from(WORDS), max_size=6)),
        st.tuples(st.just("remove"), st.integers(0, 9), st.just([])),
        st.tuples(st.just("compact"), st.just(0), st.just([])),
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(operations)
def test_after_any_updates_a_term_matches_exactly_the_live_documents_that_have_it(
    steps: list[tuple[str, int, list[str]]],
) -> None:
    index = InvertedIndex()
    live: dict[int, list[str]] = {}
    for operation, n, words in steps:
        if operation == "add":
            index.replace("article", uuid.UUID(int=n), [doc(n, body=" ".join(words))])
            live[n] = words
        elif operation == "remove":
            index.remove("article", uuid.UUID(int=n))
            live.pop(n, None)
        else:
            index.compact()
    assert index.document_count == len(live)
    for word in WORDS:
        term = index_term(word)
        expected = {uuid.UUID(int=n) for n, words in live.items() if word in words}
        assert matching(index, term) == expected


def index_term(word: str) -> str:
    return analyzer("es").terms(word)[0]


def test_compaction_happens_once_dead_documents_pile_up() -> None:
    index = InvertedIndex()
    index.compact_min_dead = 3
    for n in range(4):
        index.add(doc(n, body="visa"))
    for n in range(3):
        index.remove("article", uuid.UUID(int=n))
    assert index.compact_if_needed()
    assert (index.document_count, index.dead_count) == (1, 0)
    assert matching(index, "vis") == {uuid.UUID(int=3)}
