"""The rule language's vocabulary and its validation against the declared questions."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django_countries import countries

BOOL, INT, COUNTRY, CHOICE = "bool", "int", "country", "choice"
QUESTION_TYPES = (BOOL, INT, COUNTRY, CHOICE)

EQUALITY_OPERATORS = ("eq", "ne")
SET_OPERATORS = ("in", "not_in")
ORDER_OPERATORS = ("gt", "gte", "lt", "lte")
OPERATORS = EQUALITY_OPERATORS + SET_OPERATORS + ORDER_OPERATORS

# Which operators make sense for which type: a yes/no answer has no order.
OPERATORS_BY_TYPE = {
    BOOL: EQUALITY_OPERATORS,
    INT: OPERATORS,
    COUNTRY: EQUALITY_OPERATORS + SET_OPERATORS,
    CHOICE: EQUALITY_OPERATORS + SET_OPERATORS,
}

# The operator that says the opposite: used to explain a condition under a "not".
NEGATED_OPERATOR = {
    "eq": "ne",
    "ne": "eq",
    "in": "not_in",
    "not_in": "in",
    "gt": "lte",
    "lte": "gt",
    "gte": "lt",
    "lt": "gte",
}

MAX_DEPTH = 12  # deep enough for any real rule, shallow enough to read


@dataclass(frozen=True)
class QuestionSpec:
    """What the rule language needs to know about a question."""

    id: str
    type: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None


class RuleError(ValueError):
    """A rule that is not valid; ``place`` says where, as a path inside the rule."""

    def __init__(self, place: str, message: str) -> None:
        super().__init__(f"{place}: {message}")
        self.place = place
        self.message = message


def condition_operator(node: Mapping[str, Any]) -> str:
    """The operator of a condition that has passed validation."""
    return next(key for key in node if key != "field")


def is_condition(node: Mapping[str, Any]) -> bool:
    return "field" in node


def valid_value(spec: QuestionSpec, value: object) -> bool:
    """Whether ``value`` is a possible answer to the question (bools are not numbers)."""
    if spec.type == BOOL:
        return isinstance(value, bool)
    if spec.type == INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if spec.type == COUNTRY:
        return isinstance(value, str) and value in countries
    return isinstance(value, str) and value in spec.choices


def _check_value(spec: QuestionSpec, operator: str, value: object, place: str) -> None:
    if operator in SET_OPERATORS:
        if not isinstance(value, list) or not value:
            raise RuleError(place, f"'{operator}' needs a non-empty list of values")
        for i, item in enumerate(value):
            if not valid_value(spec, item):
                raise RuleError(f"{place}[{i}]", _wrong_value(spec, item))
    elif not valid_value(spec, value):
        raise RuleError(place, _wrong_value(spec, value))


def _wrong_value(spec: QuestionSpec, value: object) -> str:
    expected = {
        BOOL: "true or false",
        INT: "a whole number",
        COUNTRY: "an ISO 3166 alpha-2 country code in capitals",
        CHOICE: f"one of {', '.join(spec.choices)}",
    }[spec.type]
    return f"{value!r} is not a valid value of '{spec.id}' ({spec.type}): expected {expected}"


def _check_condition(
    node: Mapping[str, Any], questions: Mapping[str, QuestionSpec], place: str
) -> None:
    field = node["field"]
    if not isinstance(field, str) or field not in questions:
        raise RuleError(f"{place}.field", f"unknown question {field!r}")
    operators = [key for key in node if key != "field"]
    if len(operators) != 1 or operators[0] not in OPERATORS:
        raise RuleError(place, f"a condition needs exactly one operator of {', '.join(OPERATORS)}")
    spec, operator = questions[field], operators[0]
    if operator not in OPERATORS_BY_TYPE[spec.type]:
        allowed = ", ".join(OPERATORS_BY_TYPE[spec.type])
        raise RuleError(
            f"{place}.{operator}", f"'{operator}' cannot be used on a {spec.type} ({allowed})"
        )
    _check_value(spec, operator, node[operator], f"{place}.{operator}")


def _check_node(
    node: object, questions: Mapping[str, QuestionSpec], place: str, depth: int
) -> None:
    if depth > MAX_DEPTH:
        raise RuleError(place, f"the rule is nested more than {MAX_DEPTH} levels deep")
    if not isinstance(node, Mapping):
        raise RuleError(place, 'expected an object such as {"all": [...]} or a condition')
    if is_condition(node):
        _check_condition(node, questions, place)
        return
    if len(node) != 1 or next(iter(node)) not in ("all", "any", "not"):
        raise RuleError(place, "expected exactly one of 'all', 'any', 'not', or a 'field'")
    key, value = next(iter(node.items()))
    if key == "not":
        _check_node(value, questions, f"{place}.not", depth + 1)
        return
    if not isinstance(value, list) or not value:
        raise RuleError(f"{place}.{key}", f"'{key}' needs a non-empty list")
    for i, child in enumerate(value):
        _check_node(child, questions, f"{place}.{key}[{i}]", depth + 1)


def validate_rule(
    rule: object, questions: Sequence[QuestionSpec] | Mapping[str, QuestionSpec]
) -> None:
    """Raise ``RuleError`` naming the first invalid place (``eligibility.all[1].field``)."""
    by_id = questions if isinstance(questions, Mapping) else {q.id: q for q in questions}
    _check_node(rule, by_id, "eligibility", 1)


def rule_fields(rule: Mapping[str, Any]) -> set[str]:
    """Every question a valid rule refers to."""
    if is_condition(rule):
        return {rule["field"]}
    key, value = next(iter(rule.items()))
    children = [value] if key == "not" else value
    return set().union(*(rule_fields(child) for child in children))
