"""Three-valued (Kleene) evaluation of a rule over partial answers, with its reasons.

A skipped question makes its conditions unknown. ``all`` is false when a child is
false, true when every child is true, unknown otherwise; ``any`` is true when a child is
true, false when every child is false, unknown otherwise; ``not`` swaps true and false.

The reasons of an outcome are the conditions that decided it: for a false ``all`` its
false children, for a true ``any`` its true children, for an unknown node its unknown
children, and for a true ``all`` or a false ``any`` every child. A condition under an
odd number of ``not`` is reported with its operator negated, so "not (age lt 18)" is
explained as "age gte 18".
"""

import enum
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from infohub.pathways.rules.language import NEGATED_OPERATOR, condition_operator, is_condition


class Truth(enum.Enum):
    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"

    def negated(self) -> "Truth":
        return {Truth.TRUE: Truth.FALSE, Truth.FALSE: Truth.TRUE}.get(self, Truth.UNKNOWN)


@dataclass(frozen=True)
class Reason:
    """One condition behind an outcome, as the reader should understand it.

    ``operator`` is already negated when the condition sits under a ``not``, so
    ``holds`` tells whether the person meets it: True, False, or None when the
    question was not answered.
    """

    field: str
    operator: str
    value: Any
    holds: bool | None


@dataclass(frozen=True)
class Outcome:
    truth: Truth
    reasons: tuple[Reason, ...]


COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "in": lambda answer, values: answer in values,
    "not_in": lambda answer, values: answer not in values,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


def condition_truth(node: Mapping[str, Any], answers: Mapping[str, Any]) -> Truth:
    field = node["field"]
    if field not in answers or answers[field] is None:
        return Truth.UNKNOWN
    op = condition_operator(node)
    return Truth.TRUE if COMPARISONS[op](answers[field], node[op]) else Truth.FALSE


def _condition(node: Mapping[str, Any], answers: Mapping[str, Any], negated: bool) -> Outcome:
    truth = condition_truth(node, answers)
    op = condition_operator(node)
    shown = NEGATED_OPERATOR[op] if negated else op
    seen = truth.negated() if negated else truth
    holds = None if seen is Truth.UNKNOWN else seen is Truth.TRUE
    return Outcome(truth, (Reason(node["field"], shown, node[op], holds),))


def _combine(key: str, outcomes: list[Outcome]) -> Outcome:
    # ``all`` is decided by a false child, ``any`` by a true one.
    decisive, complete = (Truth.FALSE, Truth.TRUE) if key == "all" else (Truth.TRUE, Truth.FALSE)
    for wanted in (decisive, Truth.UNKNOWN):
        chosen = [o for o in outcomes if o.truth is wanted]
        if chosen:
            return Outcome(wanted, tuple(r for o in chosen for r in o.reasons))
    return Outcome(complete, tuple(r for o in outcomes for r in o.reasons))


def _evaluate(node: Mapping[str, Any], answers: Mapping[str, Any], negated: bool) -> Outcome:
    if is_condition(node):
        return _condition(node, answers, negated)
    key, value = next(iter(node.items()))
    if key == "not":
        inner = _evaluate(value, answers, not negated)
        return Outcome(inner.truth.negated(), inner.reasons)
    return _combine(key, [_evaluate(child, answers, negated) for child in value])


def evaluate(rule: Mapping[str, Any], answers: Mapping[str, Any]) -> Outcome:
    """The outcome of a validated rule; a missing or ``None`` answer is unknown."""
    outcome = _evaluate(rule, answers, False)
    return Outcome(outcome.truth, _unique(outcome.reasons))


def _unique(reasons: tuple[Reason, ...]) -> tuple[Reason, ...]:
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for reason in reasons:
        key = (reason.field, reason.operator, repr(reason.value))
        if key not in seen:
            seen.add(key)
            kept.append(reason)
    return tuple(kept)
