"""Which unanswered questions can still change a rule's outcome.

Kleene evaluation is monotonic: answering more questions never changes a decided
node. So a question matters only where it sits under nodes that are all still
unknown; inside a subtree that is already decided (an ``all`` with a false child, an
``any`` with a true one) it cannot change anything.
"""

from collections.abc import Mapping
from typing import Any

from infohub.pathways.rules.evaluation import Truth, condition_truth
from infohub.pathways.rules.language import is_condition


def _open(node: Mapping[str, Any], answers: Mapping[str, Any]) -> tuple[Truth, set[str]]:
    if is_condition(node):
        truth = condition_truth(node, answers)
        return truth, ({node["field"]} if truth is Truth.UNKNOWN else set())
    key, value = next(iter(node.items()))
    if key == "not":
        truth, fields = _open(value, answers)
        return truth.negated(), fields
    results = [_open(child, answers) for child in value]
    truths = {truth for truth, _fields in results}
    decisive = Truth.FALSE if key == "all" else Truth.TRUE
    if decisive in truths:
        return decisive, set()
    if Truth.UNKNOWN not in truths:
        return decisive.negated(), set()
    return Truth.UNKNOWN, set().union(*(fields for _truth, fields in results))


def open_questions(rule: Mapping[str, Any], answers: Mapping[str, Any]) -> set[str]:
    """The unanswered questions whose answer could still change the rule's outcome."""
    return _open(rule, answers)[1]
