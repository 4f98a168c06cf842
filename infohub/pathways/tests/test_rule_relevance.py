"""Open questions: exactly the unanswered questions that can still change a rule's outcome."""

from typing import Any

from hypothesis import given, settings

from infohub.pathways.rules.evaluation import Truth, evaluate
from infohub.pathways.rules.language import rule_fields
from infohub.pathways.rules.relevance import open_questions
from infohub.pathways.tests.test_rule_evaluation import full_answers, partial_answers, rules

Rule = dict[str, Any]
Answers = dict[str, Any]


def closed(rule: Rule, answers: Answers) -> set[str]:
    """The rule's unanswered questions that are not open."""
    skipped = {field for field in rule_fields(rule) if answers.get(field) is None}
    return skipped - open_questions(rule, answers)


def test_a_question_inside_a_decided_all_is_not_open() -> None:
    rule = {
        "any": [
            {"all": [{"field": "b1", "eq": True}, {"field": "n", "gte": 1}]},
            {"field": "c", "eq": "CR"},
        ]
    }
    assert open_questions(rule, {"b1": False}) == {"c"}
    assert open_questions(rule, {"b1": True}) == {"n", "c"}


def test_an_any_with_a_true_child_has_no_open_questions() -> None:
    rule = {
        "any": [{"field": "b1", "eq": True}, {"field": "n", "gt": 0}, {"field": "k", "eq": "a"}]
    }
    assert open_questions(rule, {"b1": True}) == set()


def test_a_fully_answered_rule_has_no_open_questions() -> None:
    rule = {"all": [{"field": "b1", "eq": True}, {"any": [{"field": "n", "gt": 0}]}]}
    assert open_questions(rule, {"b1": True, "n": 0}) == set()


def test_a_question_under_not_is_open_while_unknown() -> None:
    rule = {"not": {"field": "k", "in": ["a", "b"]}}
    assert open_questions(rule, {}) == {"k"}
    assert open_questions(rule, {"k": None}) == {"k"}
    assert open_questions(rule, {"k": "c"}) == set()


@settings(max_examples=400, deadline=None)
@given(rules(), partial_answers, full_answers)
def test_answering_one_question_that_is_not_open_never_changes_the_outcome(
    rule: Rule, answers: Answers, values: Answers
) -> None:
    truth = evaluate(rule, answers).truth
    for field in closed(rule, answers):
        assert evaluate(rule, {**answers, field: values[field]}).truth is truth


@settings(max_examples=400, deadline=None)
@given(rules(), partial_answers, full_answers)
def test_answering_every_question_that_is_not_open_at_once_never_changes_the_outcome(
    rule: Rule, answers: Answers, values: Answers
) -> None:
    more = {**answers, **{field: values[field] for field in closed(rule, answers)}}
    assert evaluate(rule, more).truth is evaluate(rule, answers).truth


@settings(max_examples=300, deadline=None)
@given(rules(), partial_answers)
def test_no_open_questions_means_a_decided_outcome(rule: Rule, answers: Answers) -> None:
    decided = evaluate(rule, answers).truth is not Truth.UNKNOWN
    assert (open_questions(rule, answers) == set()) is decided


@settings(max_examples=300, deadline=None)
@given(rules(), partial_answers)
def test_an_unknown_outcome_has_open_questions_that_are_unanswered_and_asked_by_the_rule(
    rule: Rule, answers: Answers
) -> None:
    outcome = evaluate(rule, answers)
    if outcome.truth is Truth.UNKNOWN:
        questions = open_questions(rule, answers)
        assert questions
        assert questions <= rule_fields(rule)
        assert all(answers.get(field) is None for field in questions)
        assert questions == {reason.field for reason in outcome.reasons}
