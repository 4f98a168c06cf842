"""Public pathways API: matching answers, listing and reading pathways, the questions.

The world: four questions, two published pathways in Costa Rica (one only in English),
one in the Dominican Republic (Spanish and French), and a draft and an archived one
that nobody should ever see. Every endpoint is anonymous.
"""

import json
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infohub.pathways.files import read_pathways_text
from infohub.pathways.files.common import Problems
from infohub.pathways.tests.factories import (
    make_pathway,
    make_question,
    pathway_texts,
    question_texts,
)

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

MATCH = "/api/v1/pathways/match"
QUESTION_KEYS = ("in_country", "age", "nationality", "reason")


@pytest.fixture
def finder() -> None:
    make_question(
        "in_country",
        "bool",
        {
            "en": question_texts(
                "Are you in Costa Rica now?",
                "whether you are in Costa Rica",
                yes="you are in Costa Rica",
                no="you are not in Costa Rica",
            ),
            "ht": question_texts(
                "Èske ou Kosta Rika kounye a?",
                "si ou Kosta Rika",
                yes="ou Kosta Rika",
                no="ou pa Kosta Rika",
            ),
        },
    )
    make_question(
        "age",
        "int",
        {
            "en": question_texts("How old are you?", "your age", help="In whole years."),
            "es": question_texts("¿Cuántos años tienes?", "tu edad"),
            "ht": question_texts("Ki laj ou?", "laj ou"),
        },
        minimum=0,
        maximum=120,
    )
    make_question(
        "nationality",
        "country",
        {"en": question_texts("What is your nationality?", "your nationality")},
    )
    make_question(
        "reason",
        "choice",
        {
            "en": question_texts(
                "Why are you staying?",
                "the main reason for your stay",
                choices={"work": "Work", "study": "Study"},
            ),
            "ht": question_texts(
                "Poukisa ou rete?",
                "rezon prensipal ou rete",
                choices={"work": "Travay", "study": "Etid"},
            ),
        },
        choices=["work", "study"],
    )
    in_country = {"field": "in_country", "eq": True}
    make_pathway(
        "cr-work",
        {"all": [in_country, {"field": "age", "gte": 18}]},
        translations={
            "es": pathway_texts(
                "Permiso de trabajo", "Para trabajar.", ["Reúna los documentos.", "Solicite."]
            ),
            "en": pathway_texts("Work permit", "To work.", ["Gather the papers.", "Apply."]),
        },
        documents=[{"es": "Pasaporte vigente", "en": "Valid passport", "ht": "Paspò ki valab"}],
        fees=[
            {
                "amount": "50.00",
                "currency": "USD",
                "label": {"es": "Solicitud", "en": "Application"},
            }
        ],
        processing_days=90,
        sources=[{"title": "Immigration office", "url": "https://example.org/work"}],
    )
    make_pathway(
        "cr-study",
        {"all": [in_country, {"field": "reason", "eq": "study"}]},
        category="study",
        titles={"en": "Study permit"},
    )
    make_pathway(
        "do-family",
        {"field": "nationality", "in": ["HT"]},
        country="DO",
        category="family",
        titles={"es": "Reunificación familiar", "fr": "Regroupement familial"},
    )
    make_pathway("cr-draft", {"field": "age", "gte": 0}, status="draft")
    make_pathway("cr-archived", {"field": "age", "gte": 0}, status="archived")


def post(body: object) -> "Response":
    return Client().post(MATCH, json.dumps(body), content_type="application/json")


def matched(body: dict[str, Any]) -> dict[str, Any]:
    response = post(body)
    assert response.status_code == 200, response.content
    result: dict[str, Any] = response.json()
    return result


def get(url: str) -> Any:
    """The JSON of a successful GET."""
    response = Client().get(url)
    assert response.status_code == 200, response.content
    return response.json()


def assert_error(response: "Response", status: int, code: str) -> dict[str, Any]:
    """The one error shape; returns the error object."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    error: dict[str, Any] = body["error"]
    return error


def invalid_locs(response: "Response") -> list[list[str]]:
    error = assert_error(response, 422, "validation_error")
    return [detail["loc"] for detail in error["details"]]


ANSWERS = {"in_country": True, "age": 30, "nationality": "VE"}


# Matching


def test_matching_needs_no_token_and_gives_every_result_field(finder: None) -> None:
    body = matched({"country": None, "lang": "en", "answers": ANSWERS})
    assert set(body) == {"results", "next_question"}
    work = body["results"][0]
    assert work == {
        "id": "cr-work",
        "status": "eligible",
        "country": "CR",
        "category": "work",
        "lang": "en",
        "title": "Work permit",
        "summary": "To work.",
        "reasons": [
            {"field": "in_country", "met": True, "text": "You said you are in Costa Rica."},
            {
                "field": "age",
                "met": True,
                "text": "You said your age is 30 (asked for: at least 18).",
            },
        ],
        "url": "/en/pathways/cr-work/",
    }


def test_results_come_eligible_then_unknown_then_not_eligible(finder: None) -> None:
    body = matched({"lang": "en", "answers": ANSWERS})
    assert [(r["id"], r["status"]) for r in body["results"]] == [
        ("cr-work", "eligible"),
        ("cr-study", "unknown"),
        ("do-family", "not_eligible"),
    ]


def test_an_unanswered_question_is_a_reason_with_met_null(finder: None) -> None:
    body = matched({"lang": "en", "answers": ANSWERS})
    study = next(r for r in body["results"] if r["id"] == "cr-study")
    assert study["reasons"] == [
        {
            "field": "reason",
            "met": None,
            "text": "We need to know the main reason for your stay.",
        }
    ]


def test_the_next_question_is_one_that_can_still_change_a_result(finder: None) -> None:
    body = matched({"lang": "en", "answers": ANSWERS})
    assert body["next_question"] == {
        "id": "reason",
        "type": "choice",
        "text": "Why are you staying?",
        "help": "",
        "choices": [{"id": "work", "label": "Work"}, {"id": "study", "label": "Study"}],
        "min": None,
        "max": None,
    }


def test_the_next_question_is_null_once_nothing_can_change(finder: None) -> None:
    body = matched({"country": "CR", "answers": {"in_country": False}})
    assert {r["status"] for r in body["results"]} == {"not_eligible"}
    assert body["next_question"] is None


def test_a_null_answer_is_a_skipped_question(finder: None) -> None:
    body = matched({"lang": "en", "answers": {"in_country": None, "age": None}})
    assert {r["status"] for r in body["results"]} == {"unknown"}


def test_a_null_country_or_none_at_all_means_every_country(finder: None) -> None:
    ids = {"cr-work", "cr-study", "do-family"}
    assert {r["id"] for r in matched({"country": None})["results"]} == ids
    assert {r["id"] for r in matched({})["results"]} == ids


@pytest.mark.parametrize("country", ["CR", "cr", " cr "])
def test_a_country_keeps_only_its_pathways(finder: None, country: str) -> None:
    body = matched({"country": country})
    assert {r["id"] for r in body["results"]} == {"cr-work", "cr-study"}


def test_a_whole_number_written_with_a_decimal_point_is_a_whole_number(finder: None) -> None:
    """JSON has one number type, and JSON Schema's integer takes 30.0: so does the API."""
    written = matched({"country": None, "lang": "en", "answers": {**ANSWERS, "age": 30.0}})
    plain = matched({"country": None, "lang": "en", "answers": ANSWERS})
    assert written == plain


def test_drafts_and_archived_pathways_are_never_matched(finder: None) -> None:
    body = matched({"answers": {"age": 50}})
    assert not {r["id"] for r in body["results"]} & {"cr-draft", "cr-archived"}


def test_lang_changes_the_titles_and_the_urls(finder: None) -> None:
    results = {r["id"]: r for r in matched({"lang": "es", "answers": ANSWERS})["results"]}
    assert (results["cr-work"]["title"], results["cr-work"]["lang"]) == ("Permiso de trabajo", "es")
    assert results["cr-work"]["url"] == "/es/pathways/cr-work/"
    # Only in English: the title falls back and says so through its lang.
    assert (results["cr-study"]["title"], results["cr-study"]["lang"]) == ("Study permit", "en")


def test_lang_changes_the_reasons_labels(finder: None) -> None:
    results = {r["id"]: r for r in matched({"lang": "ht", "answers": {}})["results"]}
    texts = [reason["text"] for reason in results["cr-work"]["reasons"]]
    assert any("laj ou" in text for text in texts)
    assert any("si ou Kosta Rika" in text for text in texts)


def test_lang_changes_the_next_question(finder: None) -> None:
    answers = {"in_country": True, "age": 30}
    body = matched({"country": "CR", "lang": "ht", "answers": answers})
    question = body["next_question"]
    assert question["text"] == "Poukisa ou rete?"
    assert question["choices"] == [
        {"id": "work", "label": "Travay"},
        {"id": "study", "label": "Etid"},
    ]


def test_without_lang_the_default_language_is_used(finder: None) -> None:
    results = {r["id"]: r for r in matched({})["results"]}
    assert results["cr-work"]["title"] == "Permiso de trabajo"


# Refused matches


@pytest.mark.parametrize(
    ("answers", "key"),
    [
        ({"passport": True}, "passport"),
        ({"age": "30"}, "age"),
        ({"age": 30.5}, "age"),
        ({"age": True}, "age"),
        ({"age": 121}, "age"),
        ({"age": -1}, "age"),
        ({"in_country": 1}, "in_country"),
        ({"in_country": "yes"}, "in_country"),
        ({"nationality": "XX"}, "nationality"),
        ({"nationality": "xx1"}, "nationality"),
        ({"nationality": "NIC"}, "nationality"),
        ({"nationality": ["NI"]}, "nationality"),
        ({"reason": "holiday"}, "reason"),
        ({"reason": "Work"}, "reason"),
    ],
)
def test_a_bad_answer_is_refused_naming_the_question(
    finder: None, answers: dict[str, Any], key: str
) -> None:
    assert invalid_locs(post({"answers": answers})) == [["body", "answers", key]]


def test_an_answer_error_echoes_no_value(finder: None) -> None:
    error = assert_error(post({"answers": {"age": 999}}), 422, "validation_error")
    assert "999" not in json.dumps(error)
    # The message is in the request's language (Spanish by default); it names the bound.
    assert "120" in error["details"][0]["msg"]


def test_a_lowercase_country_answer_is_accepted(finder: None) -> None:
    body = matched({"answers": {"nationality": "ht"}})
    family = next(r for r in body["results"] if r["id"] == "do-family")
    assert family["status"] == "eligible"


@pytest.mark.parametrize("lang", ["xx", "EN", "", "en-us"])
def test_a_language_that_is_not_enabled_is_refused(finder: None, lang: str) -> None:
    assert invalid_locs(post({"lang": lang})) == [["body", "lang"]]


@pytest.mark.parametrize("country", ["CRI", "C", " C ", "Costa Rica"])
def test_a_country_that_is_not_two_letters_is_refused(finder: None, country: str) -> None:
    assert invalid_locs(post({"country": country})) == [["body", "country"]]


@pytest.mark.parametrize("country", ["12", "C1", "ZZ"])
def test_two_characters_that_are_not_letters_are_refused(finder: None, country: str) -> None:
    assert invalid_locs(post({"country": country})) == [["body", "country"]]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"answers": []}, "answers"),
        ({"answers": "age=30"}, "answers"),
        ({"answers": 30}, "answers"),
        ({"answers": None}, "answers"),
        ({"country": 12}, "country"),
        ({"lang": None}, "lang"),
        ({"lang": ["en"]}, "lang"),
    ],
)
def test_a_body_field_of_the_wrong_type_is_refused_naming_it(
    finder: None, body: dict[str, Any], field: str
) -> None:
    # Pydantic says ["body", "body", field]; the endpoint's own checks ["body", field].
    (loc,) = invalid_locs(post(body))
    assert loc[0] == "body"
    assert loc[-1] == field


@pytest.mark.parametrize("body", [[], [{"answers": {"age": "x"}}], "answers", 42, None])
def test_a_json_body_that_is_not_an_object_is_refused(finder: None, body: object) -> None:
    invalid_locs(post(body))


def test_an_empty_body_is_refused(finder: None) -> None:
    response = Client().post(MATCH, "", content_type="application/json")
    assert invalid_locs(response) == [["body", "body"]]


@pytest.mark.parametrize(
    "raw",
    [
        "{",
        "{'answers': {}}",
        "answers=1",
        '{"answers": {]}',
        '{"answers": {"age": 1' + "0" * 5000 + "}}",
    ],
)
def test_a_body_that_is_not_json_is_a_bad_request_in_the_standard_shape(
    finder: None, raw: str
) -> None:
    # The API as a whole answers 400 (not 422) when the body cannot be parsed.
    response = Client().post(MATCH, raw, content_type="application/json")
    assert assert_error(response, 400, "bad_request")["details"] is None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
# Plausible answers too, so that some examples get as far as matching.
answer_values = json_values | st.sampled_from([True, False, 30, 121, "CR", "ht", "study"])
answer_maps = st.dictionaries(
    st.sampled_from(QUESTION_KEYS) | st.text(max_size=8), answer_values, max_size=4
)
bodies = json_values | st.fixed_dictionaries(
    {},
    optional={
        "country": json_values | st.sampled_from(["CR", "do", "XX"]),
        "lang": json_values | st.sampled_from(["en", "ht"]),
        "answers": answer_maps | json_values,
    },
)


def assert_never_a_server_error(response: "Response") -> None:
    assert response.status_code in (200, 422), response.content
    if response.status_code == 422:
        assert_error(response, 422, "validation_error")


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answers=answer_maps | json_values)
def test_any_json_as_answers_is_matched_or_refused_never_a_server_error(
    finder: None, answers: object
) -> None:
    assert_never_a_server_error(post({"answers": answers}))


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=bodies)
def test_any_json_body_is_matched_or_refused_never_a_server_error(
    finder: None, body: object
) -> None:
    assert_never_a_server_error(post(body))


# Listing


def test_the_list_shows_published_pathways_of_a_country_in_the_language(finder: None) -> None:
    body = get("/api/v1/pathways?country=CR&lang=es")
    assert body["count"] == 2
    items = {item["id"]: item for item in body["items"]}
    assert set(items) == {"cr-work", "cr-study"}
    work, study = items["cr-work"], items["cr-study"]
    assert (work["title"], work["lang"], work["fallback"]) == ("Permiso de trabajo", "es", False)
    assert (study["title"], study["lang"], study["fallback"]) == ("Study permit", "en", True)
    assert study["requested_lang"] == "es"
    assert work["url"] == "/es/pathways/cr-work/"


def test_the_list_without_a_country_shows_every_published_pathway(finder: None) -> None:
    body = get("/api/v1/pathways")
    assert body["count"] == 3
    assert {item["id"] for item in body["items"]} == {"cr-work", "cr-study", "do-family"}


def test_a_lowercase_country_filters_the_list(finder: None) -> None:
    assert [item["id"] for item in get("/api/v1/pathways?country=do")["items"]] == ["do-family"]


def test_the_list_is_paginated_with_limit_and_offset(finder: None) -> None:
    first = get("/api/v1/pathways?country=CR&lang=es&limit=1")
    second = get("/api/v1/pathways?country=CR&lang=es&limit=1&offset=1")
    beyond = get("/api/v1/pathways?country=CR&lang=es&limit=1&offset=2")
    assert first["count"] == second["count"] == beyond["count"] == 2
    assert len(first["items"]) == len(second["items"]) == 1
    assert first["items"][0]["id"] != second["items"][0]["id"]
    assert beyond["items"] == []


@pytest.mark.parametrize(
    ("query", "loc"),
    [
        ("lang=xx", ["query", "lang"]),
        ("country=CRI", ["query", "country"]),
        ("country=C", ["query", "country"]),
        ("limit=0", ["query", "limit"]),
        ("limit=101", ["query", "limit"]),
        ("offset=-1", ["query", "offset"]),
        ("limit=ten", ["query", "limit"]),
    ],
)
def test_bad_list_parameters_are_refused_in_the_standard_shape(
    finder: None, query: str, loc: list[str]
) -> None:
    locs = invalid_locs(Client().get(f"/api/v1/pathways?{query}"))
    assert locs == [loc]


# Questions


def test_the_questions_come_in_order_in_the_language_with_fallback(finder: None) -> None:
    questions = get("/api/v1/pathways/questions?lang=ht")
    assert [q["id"] for q in questions] == list(QUESTION_KEYS)
    by_id = {q["id"]: q for q in questions}
    assert by_id["in_country"]["text"] == "Èske ou Kosta Rika kounye a?"
    assert (by_id["age"]["text"], by_id["age"]["min"], by_id["age"]["max"]) == (
        "Ki laj ou?",
        0,
        120,
    )
    # No Kreyòl, French or Spanish text: English, the end of the chain.
    assert by_id["nationality"]["text"] == "What is your nationality?"
    assert by_id["reason"]["choices"] == [
        {"id": "work", "label": "Travay"},
        {"id": "study", "label": "Etid"},
    ]
    assert by_id["in_country"]["choices"] == []


def test_the_questions_include_their_help(finder: None) -> None:
    by_id = {q["id"]: q for q in get("/api/v1/pathways/questions?lang=en")}
    assert by_id["age"]["help"] == "In whole years."


def test_the_questions_refuse_an_unknown_language(finder: None) -> None:
    assert invalid_locs(Client().get("/api/v1/pathways/questions?lang=xx")) == [["query", "lang"]]


# Detail


def test_the_detail_gives_steps_documents_fees_and_sources(finder: None) -> None:
    body = get("/api/v1/pathways/cr-work?lang=en")
    assert (body["id"], body["lang"], body["fallback"]) == ("cr-work", "en", False)
    assert body["title"] == "Work permit"
    assert body["steps"] == ["Gather the papers.", "Apply."]
    assert body["documents"] == ["Valid passport"]
    assert body["fees"] == [{"amount": "50.00", "currency": "USD", "label": "Application"}]
    assert body["processing_days"] == 90
    assert body["sources"] == [{"title": "Immigration office", "url": "https://example.org/work"}]
    assert body["apply_at"] == []
    assert body["eligibility"] == {
        "all": [{"field": "in_country", "eq": True}, {"field": "age", "gte": 18}]
    }
    assert body["review_due"] is not None
    assert body["outdated"] is False


def test_a_detail_without_the_language_falls_back_and_says_so(finder: None) -> None:
    body = get("/api/v1/pathways/cr-work?lang=ht")
    # ht -> fr -> es: the Spanish text, but documents that have Kreyòl keep it.
    assert (body["lang"], body["requested_lang"], body["fallback"]) == ("es", "ht", True)
    assert body["steps"] == ["Reúna los documentos.", "Solicite."]
    assert body["documents"] == ["Paspò ki valab"]
    assert body["fees"][0]["label"] == "Solicitud"
    assert body["url"] == "/ht/pathways/cr-work/"


def test_a_detail_without_lang_uses_the_default_language(finder: None) -> None:
    body = get("/api/v1/pathways/do-family")
    assert (body["lang"], body["title"], body["fallback"]) == (
        "es",
        "Reunificación familiar",
        False,
    )


@pytest.mark.parametrize(
    "pathway_id", ["cr-draft", "cr-archived", "nope", "../x", "..%2Fx", "x" * 300, "%00"]
)
def test_unpublished_unknown_and_odd_ids_are_404(finder: None, pathway_id: str) -> None:
    response = Client().get(f"/api/v1/pathways/{pathway_id}")
    error = assert_error(response, 404, "not_found")
    assert error["details"] is None


def test_a_detail_refuses_an_unknown_language(finder: None) -> None:
    assert invalid_locs(Client().get("/api/v1/pathways/cr-work?lang=xx")) == [["query", "lang"]]


# Caching and access


@pytest.mark.parametrize(
    "url", ["/api/v1/pathways", "/api/v1/pathways/questions", "/api/v1/pathways/cr-work"]
)
def test_reads_are_anonymous_and_never_cached(finder: None, url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_match_is_never_cached_whether_it_succeeds_or_fails(finder: None) -> None:
    assert "no-store" in post({"answers": ANSWERS})["Cache-Control"]
    assert "no-store" in post({"answers": {"age": "x"}})["Cache-Control"]


def test_matching_is_post_only(finder: None) -> None:
    assert_error(Client().get(MATCH), 405, "method_not_allowed")


@pytest.mark.parametrize("slug", ["match", "questions"])
def test_the_api_paths_are_reserved_pathway_ids(slug: str) -> None:
    text = f"questions: []\npathways:\n  - id: {slug}\n"
    problems = Problems("p.yaml")
    read_pathways_text(text, file_name="p.yaml", known_questions={}, problems=problems)
    assert f"p.yaml: pathway '{slug}': the ids match, questions are reserved" in problems.items
