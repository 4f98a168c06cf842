"""Three-valued rule evaluation: checked against an independent reference, and its reasons.

The strategies here (``QUESTIONS``, ``rules``, ``partial_answers``, ``full_answers``) build
random valid rules and answers over a small question set of every type; the relevance
and validation tests reuse them.
"""

import operator
from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from infohub.pathways.rules.evaluation import Reason, Truth, evaluate
from infohub.pathways.rules.language import (
    OPERATORS_BY_TYPE,
    SET_OPERATORS,
    QuestionSpec,
    rule_fields,
)

Rule = dict[str, Any]
Answers = dict[str, Any]

QUESTIONS = (
    QuestionSpec("b1", "bool"),
    QuestionSpec("b2", "bool"),
    QuestionSpec("n", "int"),
    QuestionSpec("c", "country"),
    QuestionSpec("k", "choice", choices=("a", "b", "c")),
)
COUNTRY_CODES = ["CR", "DO", "HT", "NI"]


def values(spec: QuestionSpec) -> st.SearchStrategy[Any]:
    """Valid answers to ``spec``: few enough that comparisons land on both sides."""
    if spec.type == "bool":
        return st.booleans()
    if spec.type == "int":
        return st.integers(-3, 3)
    if spec.type == "country":
        return st.sampled_from(COUNTRY_CODES)
    return st.sampled_from(spec.choices)


@st.composite
def conditions(draw: st.DrawFn) -> Rule:
    spec = draw(st.sampled_from(QUESTIONS))
    op = draw(st.sampled_from(OPERATORS_BY_TYPE[spec.type]))
    if op in SET_OPERATORS:
        value: Any = draw(st.lists(values(spec), min_size=1, max_size=3))
    else:
        value = draw(values(spec))
    return {"field": spec.id, op: value}


def rules(depth: int = 4) -> st.SearchStrategy[Rule]:
    """Valid rules nested at most ``depth`` levels, with 1 to 4 children per list."""
    if depth <= 1:
        return conditions()
    child = rules(depth - 1)
    children = st.lists(child, min_size=1, max_size=4)
    return st.one_of(
        conditions(),
        children.map(lambda parts: {"all": parts}),
        children.map(lambda parts: {"any": parts}),
        child.map(lambda part: {"not": part}),
    )


# Each question answered, skipped (absent) or answered with None (also skipped).
partial_answers = st.fixed_dictionaries(
    {}, optional={q.id: st.one_of(st.none(), values(q)) for q in QUESTIONS}
)
full_answers = st.fixed_dictionaries({q.id: values(q) for q in QUESTIONS})

COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "in": lambda answer, value: answer in value,
    "not_in": lambda answer, value: answer not in value,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}
# The reference's truth values: false 0, unknown 1 (halfway), true 2.
NUMBER = {0: Truth.FALSE, 1: Truth.UNKNOWN, 2: Truth.TRUE}


def reference(rule: Rule, answers: Answers) -> int:
    """Kleene logic as numbers: ``all`` is min, ``any`` is max, ``not`` is 2 - x."""
    if "all" in rule:
        return min(reference(part, answers) for part in rule["all"])
    if "any" in rule:
        return max(reference(part, answers) for part in rule["any"])
    if "not" in rule:
        return 2 - reference(rule["not"], answers)
    answer = answers.get(rule["field"])
    if answer is None:
        return 1
    ((op, value),) = ((k, v) for k, v in rule.items() if k != "field")
    return 2 if COMPARE[op](answer, value) else 0


def plain(rule: Rule, answers: Answers) -> bool:
    """Ordinary two-valued evaluation, for when every question is answered."""
    if "all" in rule:
        return all(plain(part, answers) for part in rule["all"])
    if "any" in rule:
        return any(plain(part, answers) for part in rule["any"])
    if "not" in rule:
        return not plain(rule["not"], answers)
    ((op, value),) = ((k, v) for k, v in rule.items() if k != "field")
    return COMPARE[op](answers[rule["field"]], value)


def unanswered(answers: Answers, field: str) -> bool:
    return answers.get(field) is None


@settings(max_examples=400, deadline=None)
@given(rules(), partial_answers)
def test_it_matches_the_reference_semantics_on_random_rules(rule: Rule, answers: Answers) -> None:
    assert evaluate(rule, answers).truth is NUMBER[reference(rule, answers)]


@settings(max_examples=300, deadline=None)
@given(rules(), full_answers)
def test_with_every_answer_given_it_is_never_unknown_and_agrees_with_plain_logic(
    rule: Rule, answers: Answers
) -> None:
    expected = Truth.TRUE if plain(rule, answers) else Truth.FALSE
    assert evaluate(rule, answers).truth is expected


@settings(max_examples=300, deadline=None)
@given(rules(), partial_answers, full_answers)
def test_adding_answers_never_changes_a_decided_outcome(
    rule: Rule, partial: Answers, full: Answers
) -> None:
    before = evaluate(rule, partial).truth
    more = {**full, **{field: v for field, v in partial.items() if v is not None}}
    if before is not Truth.UNKNOWN:
        assert evaluate(rule, more).truth is before


@settings(max_examples=300, deadline=None)
@given(rules(), partial_answers)
def test_an_unknown_outcome_is_explained_by_unanswered_conditions_only(
    rule: Rule, answers: Answers
) -> None:
    outcome = evaluate(rule, answers)
    if outcome.truth is Truth.UNKNOWN:
        assert outcome.reasons
        assert all(r.holds is None and unanswered(answers, r.field) for r in outcome.reasons)


@settings(max_examples=300, deadline=None)
@given(rules(), st.one_of(partial_answers, full_answers))
def test_a_decided_outcome_is_explained_by_answered_conditions_only(
    rule: Rule, answers: Answers
) -> None:
    outcome = evaluate(rule, answers)
    if outcome.truth is not Truth.UNKNOWN:
        assert outcome.reasons
        assert all(r.holds is not None for r in outcome.reasons)


@settings(max_examples=300, deadline=None)
@given(rules(), partial_answers)
def test_every_reason_is_about_a_question_the_rule_asks_and_none_is_repeated(
    rule: Rule, answers: Answers
) -> None:
    reasons = evaluate(rule, answers).reasons
    assert {r.field for r in reasons} <= rule_fields(rule)
    assert len({(r.field, r.operator, repr(r.value)) for r in reasons}) == len(reasons)


def test_a_condition_under_not_is_explained_with_the_opposite_operator() -> None:
    outcome = evaluate({"not": {"field": "n", "lt": 18}}, {"n": 20})
    assert outcome.truth is Truth.TRUE
    assert outcome.reasons == (Reason("n", "gte", 18, True),)


def test_a_double_negation_shows_the_original_operator() -> None:
    outcome = evaluate({"not": {"not": {"field": "n", "lt": 18}}}, {"n": 20})
    assert outcome.truth is Truth.FALSE
    assert outcome.reasons == (Reason("n", "lt", 18, False),)


def test_a_false_all_lists_only_its_false_children() -> None:
    rule = {
        "all": [
            {"field": "b1", "eq": True},
            {"field": "n", "gt": 0},
            {"field": "c", "in": ["CR", "NI"]},
            {"field": "k", "eq": "a"},
        ]
    }
    outcome = evaluate(rule, {"b1": True, "n": -1, "c": "DO"})
    assert outcome.truth is Truth.FALSE
    assert outcome.reasons == (Reason("n", "gt", 0, False), Reason("c", "in", ["CR", "NI"], False))


def test_a_true_any_lists_only_its_true_children() -> None:
    rule = {
        "any": [{"field": "b1", "eq": True}, {"field": "n", "gt": 0}, {"field": "k", "eq": "a"}]
    }
    outcome = evaluate(rule, {"b1": True, "n": -1, "k": "a"})
    assert outcome.truth is Truth.TRUE
    assert outcome.reasons == (Reason("b1", "eq", True, True), Reason("k", "eq", "a", True))


def test_a_true_all_lists_every_child() -> None:
    rule = {"all": [{"field": "b1", "eq": True}, {"not": {"field": "n", "gt": 0}}]}
    outcome = evaluate(rule, {"b1": True, "n": 0})
    assert outcome.truth is Truth.TRUE
    assert outcome.reasons == (Reason("b1", "eq", True, True), Reason("n", "lte", 0, True))


def test_an_unknown_all_lists_only_its_unknown_children() -> None:
    rule = {"all": [{"field": "b1", "eq": True}, {"field": "b2", "eq": False}]}
    outcome = evaluate(rule, {"b1": True, "b2": None})
    assert outcome.truth is Truth.UNKNOWN
    assert outcome.reasons == (Reason("b2", "eq", False, None),)


def test_duplicate_conditions_give_one_reason() -> None:
    condition = {"field": "c", "eq": "HT"}
    outcome = evaluate({"all": [condition, {"any": [condition]}, condition]}, {"c": "HT"})
    assert outcome.reasons == (Reason("c", "eq", "HT", True),)


def test_a_condition_and_its_negated_opposite_give_one_reason() -> None:
    rule = {"all": [{"field": "n", "lt": 3}, {"not": {"field": "n", "gte": 3}}]}
    assert evaluate(rule, {"n": 1}).reasons == (Reason("n", "lt", 3, True),)
