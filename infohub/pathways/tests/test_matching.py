"""Matching answers to pathways: order, reasons in the reader's language, the next question.

The world: five questions whose positions are not in alphabetical order, three
published pathways in Costa Rica that all need the person to be in the country, one
in the Dominican Republic that does not, and a draft, an archived and an in-review
pathway that anybody would be eligible for if they were ever matched.
"""

from collections.abc import Mapping
from typing import Any

import pytest

from infohub.pathways.models import Pathway, Question
from infohub.pathways.selectors import (
    PathwayMatch,
    ShownReason,
    next_question,
    pathway_list_published,
    pathway_match,
    question_list,
)
from infohub.pathways.tests.factories import make_pathway, make_question, question_texts

pytestmark = pytest.mark.django_db

Answers = dict[str, Any]


@pytest.fixture(autouse=True)
def finder() -> None:
    # Only English, so every other language falls back along ht -> fr -> es -> en.
    make_question(
        "in_country",
        "bool",
        {
            "en": question_texts(
                "Are you in the country now?",
                "whether you are in the country",
                yes="you are in the country",
                no="you are not in the country",
            )
        },
        position=0,
    )
    make_question(
        "has_passport",
        "bool",
        {
            "en": question_texts(
                "Do you have a passport?",
                "whether you have a passport",
                yes="you have a passport",
                no="you do not have a passport",
            ),
            "ht": question_texts(
                "Èske ou gen yon paspò?",
                "si ou gen yon paspò",
                yes="ou gen yon paspò",
                no="ou pa gen paspò",
            ),
        },
        position=1,
    )
    make_question(
        "age",
        "int",
        {
            "en": question_texts("How old are you?", "your age"),
            "es": question_texts("¿Cuántos años tienes?", "tu edad"),
            "fr": question_texts("Quel âge avez-vous ?", "votre âge"),
            "ht": question_texts("Ki laj ou?", "laj ou"),
        },
        position=2,
        minimum=0,
        maximum=120,
    )
    # English and French: Kreyòl falls back to French.
    make_question(
        "nationality",
        "country",
        {
            "en": question_texts("What is your nationality?", "your nationality"),
            "fr": question_texts("Quelle est votre nationalité ?", "votre nationalité"),
        },
        position=3,
    )
    # English and Spanish: Kreyòl falls back past French to Spanish.
    work, study, family = "Work", "Study", "Family"
    make_question(
        "reason",
        "choice",
        {
            "en": question_texts(
                "Why are you staying?",
                "the main reason for your stay",
                choices={"work": work, "study": study, "family": family},
            ),
            "es": question_texts(
                "¿Por qué se queda?",
                "el motivo principal de su estancia",
                choices={"work": "Trabajo", "study": "Estudio", "family": "Familia"},
            ),
        },
        position=4,
        choices=["work", "study", "family"],
    )
    in_country = {"field": "in_country", "eq": True}
    make_pathway(
        "cr-work",
        {"all": [in_country, {"field": "has_passport", "eq": True}, {"field": "age", "gte": 18}]},
        titles={"en": "Work permit"},
    )
    make_pathway(
        "cr-study",
        {"all": [in_country, {"field": "reason", "eq": "study"}, {"field": "age", "gte": 16}]},
        category="study",
        titles={"en": "Study permit"},
    )
    make_pathway(
        "cr-family",
        {"all": [in_country, {"field": "nationality", "in": ["NI", "HT"]}]},
        category="family",
        titles={"en": "Family reunification"},
    )
    make_pathway(
        "do-visit",
        {
            "all": [
                {"not": {"field": "nationality", "eq": "DO"}},
                {"not": {"field": "age", "lt": 18}},
            ]
        },
        country="DO",
        category="visit",
        titles={"en": "Visitor visa"},
    )
    anybody = {"field": "age", "gte": 0}
    for status in ("draft", "in_review", "archived"):
        make_pathway(f"cr-{status}", anybody, status=status)


def match(answers: Answers, *, country: str | None = None, lang: str = "en") -> list[PathwayMatch]:
    return pathway_match(
        pathways=pathway_list_published(country=country),
        questions=question_list(),
        answers=answers,
        lang=lang,
    )


def by_slug(matches: list[PathwayMatch]) -> dict[str, PathwayMatch]:
    return {m.pathway.slug: m for m in matches}


def reason(answers: Answers, slug: str, field: str, *, lang: str = "en") -> ShownReason:
    """The one reason about ``field`` that decided pathway ``slug``."""
    (found,) = [r for r in by_slug(match(answers, lang=lang))[slug].reasons if r.field == field]
    return found


def following(
    answers: Answers, *, country: str | None = None, skipped: tuple[str, ...] = ()
) -> str | None:
    question: Question | None = next_question(
        pathways=pathway_list_published(country=country),
        questions=question_list(),
        answers=answers,
        skipped=skipped,
    )
    return question.key if question else None


def statuses(matches: list[PathwayMatch]) -> Mapping[str, str]:
    return {m.pathway.slug: m.status for m in matches}


# Order and status


def test_results_come_eligible_then_unknown_then_not_eligible() -> None:
    answers = {"in_country": True, "has_passport": True, "age": 30, "nationality": "VE"}
    matches = match(answers, country="CR")
    assert [(m.pathway.slug, m.status) for m in matches] == [
        ("cr-work", "eligible"),
        ("cr-study", "unknown"),
        ("cr-family", "not_eligible"),
    ]


def test_with_no_answers_every_pathway_is_unknown() -> None:
    assert set(statuses(match({})).values()) == {"unknown"}


def test_within_one_status_pathways_are_sorted_by_title() -> None:
    titles = [m.title for m in match({})]
    assert titles == sorted(titles, key=str.casefold)


# Which pathways are matched


def test_drafts_pathways_in_review_and_archived_ones_are_never_matched() -> None:
    slugs = set(statuses(match({"age": 40})))
    assert slugs == {"cr-work", "cr-study", "cr-family", "do-visit"}


def test_the_country_filter_keeps_only_that_countrys_pathways() -> None:
    assert set(statuses(match({}, country="DO"))) == {"do-visit"}
    assert set(statuses(match({}, country="CR"))) == {"cr-work", "cr-study", "cr-family"}
    assert match({}, country="GT") == []


def test_pathways_of_every_country_are_matched_without_a_country() -> None:
    countries = {m.pathway.country for m in match({})}
    assert countries == {"CR", "DO"}


# Reasons in English


def test_a_yes_or_no_answer_is_explained_with_the_questions_statement() -> None:
    found = reason({"has_passport": False}, "cr-work", "has_passport")
    assert (found.holds, found.text) == (False, "You said you do not have a passport.")


def test_a_met_yes_or_no_condition_uses_the_yes_statement() -> None:
    answers = {"in_country": True, "has_passport": True, "age": 20}
    found = reason(answers, "cr-work", "has_passport")
    assert (found.holds, found.text) == (True, "You said you have a passport.")


def test_a_skipped_question_says_what_we_need_to_know() -> None:
    found = reason({"in_country": True, "has_passport": True}, "cr-work", "age")
    assert (found.holds, found.text) == (None, "We need to know your age.")


def test_a_number_that_is_too_low_names_the_answer_and_the_requirement() -> None:
    found = reason({"age": 16}, "cr-work", "age")
    assert found.holds is False
    assert found.text == "You said your age is 16; this pathway asks for at least 18."


def test_a_met_number_condition_names_the_answer_and_the_requirement() -> None:
    answers = {"in_country": True, "has_passport": True, "age": 30}
    found = reason(answers, "cr-work", "age")
    assert found.holds is True
    assert "30" in found.text
    assert "at least 18" in found.text


def test_country_answers_and_requirements_are_shown_as_country_names() -> None:
    found = reason({"in_country": True, "nationality": "NI"}, "cr-family", "nationality")
    assert found.holds is True
    assert "Nicaragua" in found.text
    assert "Haiti" in found.text
    assert "NI" not in found.text.replace("Nicaragua", "")


def test_a_choice_answer_is_shown_by_its_label() -> None:
    found = reason({"reason": "work"}, "cr-study", "reason")
    assert found.holds is False
    assert found.text == (
        "You said the main reason for your stay is Work; this pathway asks for Study."
    )


def test_under_not_the_requirement_is_the_negated_operator() -> None:
    age = reason({"age": 16}, "do-visit", "age")
    assert age.holds is False
    assert age.text == "You said your age is 16; this pathway asks for at least 18."
    nationality = reason({"nationality": "DO"}, "do-visit", "nationality")
    assert nationality.holds is False
    assert "anything but Dominican Republic" in nationality.text


def test_a_not_eligible_pathway_gives_only_the_conditions_that_failed() -> None:
    answers = {"in_country": True, "has_passport": False, "age": 30}
    reasons = by_slug(match(answers))["cr-work"].reasons
    assert [(r.field, r.holds) for r in reasons] == [("has_passport", False)]


def test_an_eligible_pathway_gives_every_condition_as_met() -> None:
    answers = {"in_country": True, "has_passport": True, "age": 30}
    reasons = by_slug(match(answers))["cr-work"].reasons
    assert [(r.field, r.holds) for r in reasons] == [
        ("in_country", True),
        ("has_passport", True),
        ("age", True),
    ]


# Reasons in the reader's language


def test_reasons_use_the_readers_translation_of_the_question() -> None:
    assert "laj ou" in reason({}, "cr-work", "age", lang="ht").text
    assert (
        "ou pa gen paspò"
        in reason({"has_passport": False}, "cr-work", "has_passport", lang="ht").text
    )
    assert "tu edad" in reason({}, "cr-work", "age", lang="es").text


@pytest.mark.parametrize(
    ("field", "slug", "label"),
    [
        ("nationality", "cr-family", "votre nationalité"),  # ht -> fr
        ("reason", "cr-study", "el motivo principal de su estancia"),  # ht -> fr -> es
        ("in_country", "cr-work", "whether you are in the country"),  # ht -> fr -> es -> en
    ],
)
def test_a_question_without_the_readers_language_falls_back_along_the_chain(
    field: str, slug: str, label: str
) -> None:
    assert label in reason({}, slug, field, lang="ht").text


def test_choice_labels_fall_back_with_the_question() -> None:
    text = reason({"reason": "work"}, "cr-study", "reason", lang="ht").text
    assert "Trabajo" in text
    assert "Estudio" in text


# The next question


def test_with_no_answers_the_first_question_by_position_comes_first() -> None:
    # By key, "age" would come first.
    assert following({}) == "in_country"


def test_questions_come_in_position_order_as_they_are_answered() -> None:
    assert following({"in_country": True}, country="CR") == "has_passport"
    assert following({"in_country": True, "has_passport": True}, country="CR") == "age"
    answers = {"in_country": True, "has_passport": True, "age": 30}
    assert following(answers, country="CR") == "nationality"


def test_a_question_that_cannot_change_any_result_is_not_asked() -> None:
    # Too young for work and study: the passport no longer matters; the nationality does.
    assert following({"in_country": True, "age": 10}, country="CR") == "nationality"


def test_a_skipped_question_is_not_asked_again() -> None:
    skipped = ("has_passport",)
    assert following({"in_country": True}, country="CR", skipped=skipped) == "age"
    assert following({}, country="CR", skipped=("in_country", "has_passport", "age")) == (
        "nationality"
    )


def test_answering_one_question_can_settle_every_pathway() -> None:
    answers = {"in_country": False}
    assert set(statuses(match(answers, country="CR")).values()) == {"not_eligible"}
    assert following(answers, country="CR") is None


def test_a_pathway_of_another_country_still_has_questions_after_that_answer() -> None:
    assert following({"in_country": False}) == "age"


def test_when_every_question_is_answered_or_skipped_there_is_no_next_question() -> None:
    every = ("in_country", "has_passport", "age", "nationality", "reason")
    assert following({}, skipped=every) is None
    answers = {
        "in_country": True,
        "has_passport": True,
        "age": 30,
        "nationality": "NI",
        "reason": "study",
    }
    assert following(answers) is None


def test_unpublished_pathways_keep_no_question_open() -> None:
    # The draft, in-review and archived pathways ask for the age alone.
    assert following({"in_country": False, "nationality": "DO"}) is None


def test_matching_published_pathways_makes_no_query_per_pathway(
    django_assert_num_queries: Any,
) -> None:
    pathways: list[Pathway] = list(pathway_list_published())
    questions = question_list()
    with django_assert_num_queries(0):
        pathway_match(pathways=pathways, questions=questions, answers={}, lang="ht")
