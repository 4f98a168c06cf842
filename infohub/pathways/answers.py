"""Checking a person's answers against the declared questions.

The API and the finder's form both go through here, so a wrong key or a wrongly typed
value is refused the same way, naming the question.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django_countries import countries

from infohub.pathways.errors import AnswerError
from infohub.pathways.rules.language import BOOL, COUNTRY, INT, QuestionSpec, valid_value


def _expected(spec: QuestionSpec) -> str:
    if spec.type == BOOL:
        return _("true or false")
    if spec.type == INT:
        return _("a whole number")
    if spec.type == COUNTRY:
        return _("a two-letter country code such as HT")
    return _("one of: %(choices)s") % {"choices": ", ".join(spec.choices)}


def checked_answer(spec: QuestionSpec, value: object) -> Any:
    """The answer as the rules compare it, or AnswerError; None means skipped."""
    if value is None:
        return None
    if spec.type == COUNTRY and isinstance(value, str):
        value = value.strip().upper()
    if spec.type == INT and isinstance(value, float) and value.is_integer():
        value = int(value)  # JSON has one number type: 3.0 is the whole number 3
    if not valid_value(spec, value):
        raise AnswerError(spec.id, _("Expected %(expected)s.") % {"expected": _expected(spec)})
    if spec.type == INT and isinstance(value, int):
        if spec.minimum is not None and value < spec.minimum:
            raise AnswerError(
                spec.id, _("Expected at least %(number)s.") % {"number": spec.minimum}
            )
        if spec.maximum is not None and value > spec.maximum:
            raise AnswerError(spec.id, _("Expected at most %(number)s.") % {"number": spec.maximum})
    return value


def checked_answers(
    raw: Mapping[str, object], questions: Mapping[str, QuestionSpec]
) -> dict[str, Any]:
    """Answers keyed by question id, without skipped ones; the first problem raises."""
    answers = {}
    for key in sorted(raw):
        if key not in questions:
            raise AnswerError(key, _("There is no such question."))
        value = checked_answer(questions[key], raw[key])
        if value is not None:
            answers[key] = value
    return answers


def answer_schema(spec: QuestionSpec) -> dict[str, Any]:
    """The JSON Schema of the answers ``checked_answer`` takes; null skips the question."""
    if spec.type == BOOL:
        return {"type": ["boolean", "null"]}
    if spec.type == INT:
        bounds = {"minimum": spec.minimum, "maximum": spec.maximum}
        return {"type": ["integer", "null"]} | {k: v for k, v in bounds.items() if v is not None}
    if spec.type == COUNTRY:
        codes = [country.code for country in countries]
        return {"enum": [*codes, *(code.lower() for code in codes), None]}
    return {"enum": [*spec.choices, None]}


def answers_schema(questions: Mapping[str, QuestionSpec]) -> dict[str, Any]:
    """The JSON Schema of an object of answers keyed by question id."""
    return {
        "type": "object",
        "properties": {key: answer_schema(spec) for key, spec in sorted(questions.items())},
        "additionalProperties": False,
    }


def parsed_form_answer(spec: QuestionSpec, text: str) -> Any:
    """A value typed or picked in the finder's form, checked like any other answer."""
    text = text.strip()
    if not text:
        return None
    if spec.type == BOOL:
        value: object = {"yes": True, "no": False}.get(text, text)
    elif spec.type == INT:
        value = int(text) if text.lstrip("-").isdigit() and len(text) < 10 else text
    else:
        value = text
    return checked_answer(spec, value)
