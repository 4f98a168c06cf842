"""Rule validation: every invalid rule is refused at the exact place, with a useful message."""

from typing import Any

import pytest
from hypothesis import given, settings

from infohub.pathways.rules.language import MAX_DEPTH, QuestionSpec, RuleError, validate_rule
from infohub.pathways.tests.test_rule_evaluation import QUESTIONS, rules

SPECS = (
    QuestionSpec("has_passport", "bool"),
    QuestionSpec("age", "int", minimum=0, maximum=120),
    QuestionSpec("nationality", "country"),
    QuestionSpec("reason", "choice", choices=("work", "study", "family")),
)
ADULT = {"field": "age", "gte": 18}


def nested_nots(levels: int) -> dict[str, Any]:
    """A condition under ``levels`` nested ``not``s."""
    rule: dict[str, Any] = ADULT
    for _ in range(levels):
        rule = {"not": rule}
    return rule


INVALID = [
    ({"all": [ADULT, {"field": "passport", "eq": True}]}, "eligibility.all[1].field", "passport"),
    ({"all": [{"field": "has_passport", "gt": 0}]}, "eligibility.all[0].gt", "'gt'"),
    ({"any": [{"field": "nationality", "in": ["CR", "XX"]}]}, "eligibility.any[0].in[1]", "'XX'"),
    (["all", ADULT], "eligibility", "expected an object"),
    ("age >= 18", "eligibility", "expected an object"),
    ({"field": "age", "gte": 18, "lt": 65}, "eligibility", "exactly one operator"),
    ({"field": "age"}, "eligibility", "exactly one operator"),
    ({"field": "age", "between": [18, 65]}, "eligibility", "exactly one operator"),
    ({"any": [{"all": []}]}, "eligibility.any[0].all", "'all' needs a non-empty list"),
    ({"all": ADULT}, "eligibility.all", "'all' needs a non-empty list"),
    ({"all": [ADULT], "any": [ADULT]}, "eligibility", "'all', 'any', 'not'"),
    ({"every": [ADULT]}, "eligibility", "'all', 'any', 'not'"),
    ({"not": [ADULT]}, "eligibility.not", "expected an object"),
    ({"all": [ADULT, {"field": "age", "lt": "eighteen"}]}, "eligibility.all[1].lt", "'age'"),
    ({"field": "nationality", "eq": "ni"}, "eligibility.eq", "'nationality'"),
    ({"field": "nationality", "eq": "NIC"}, "eligibility.eq", "'nationality'"),
    ({"field": "reason", "in": ["work", "tourism"]}, "eligibility.in[1]", "'tourism'"),
    ({"field": "reason", "lt": "work"}, "eligibility.lt", "'lt'"),
    ({"field": "nationality", "in": []}, "eligibility.in", "'in'"),
    ({"field": "nationality", "not_in": "CR"}, "eligibility.not_in", "'not_in'"),
    ({"field": "reason", "eq": ["work"]}, "eligibility.eq", "'reason'"),
    ({"field": "has_passport", "eq": 1}, "eligibility.eq", "'has_passport'"),
    ({"field": "age", "gte": True}, "eligibility.gte", "'age'"),
    ({"field": "age", "in": [18, False]}, "eligibility.in[1]", "'age'"),
    ({"field": "age", "eq": 18.0}, "eligibility.eq", "'age'"),
    ({"field": ["age"], "eq": 18}, "eligibility.field", "['age']"),
    (
        {"all": [ADULT, {"any": [ADULT, {"not": {"field": "has_passport", "eq": "yes"}}]}]},
        "eligibility.all[1].any[1].not.eq",
        "'has_passport'",
    ),
    (nested_nots(MAX_DEPTH), "eligibility" + ".not" * MAX_DEPTH, f"{MAX_DEPTH} levels"),
]

VALID = [
    {
        "all": [
            {"field": "has_passport", "eq": True},
            {"field": "age", "gte": 18},
            {"field": "nationality", "not_in": ["CR"]},
        ]
    },
    {"any": [{"field": "reason", "in": ["work", "study"]}, {"not": {"field": "age", "lt": 0}}]},
    {"all": [{"field": "age", op: 30} for op in ("eq", "ne", "gt", "gte", "lt", "lte")]},
    {"field": "age", "in": [-1, 0, 200]},  # bounds are for answers, not for rules
    {"field": "nationality", "eq": "HT"},
    {"field": "has_passport", "ne": False},
    nested_nots(MAX_DEPTH - 1),
]


@pytest.mark.parametrize(("rule", "place", "mention"), INVALID)
def test_an_invalid_rule_is_refused_at_the_exact_place(rule: Any, place: str, mention: str) -> None:
    with pytest.raises(RuleError) as caught:
        validate_rule(rule, SPECS)
    assert caught.value.place == place
    assert mention in caught.value.message
    assert str(caught.value) == f"{place}: {caught.value.message}"


@pytest.mark.parametrize("rule", VALID)
def test_a_valid_rule_passes(rule: dict[str, Any]) -> None:
    validate_rule(rule, SPECS)


def test_questions_may_be_given_by_id() -> None:
    validate_rule(VALID[0], {spec.id: spec for spec in SPECS})
    with pytest.raises(RuleError, match="unknown question 'age'"):
        validate_rule(ADULT, {})


@settings(max_examples=200, deadline=None)
@given(rules())
def test_every_rule_the_random_strategy_builds_is_valid(rule: dict[str, Any]) -> None:
    validate_rule(rule, QUESTIONS)
