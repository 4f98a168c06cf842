"""Reasons in the reader's language, written from the question texts.

"You said you do not have a valid passport." for a yes-or-no question, "You said your
age is 16; this pathway requires at least 18." for the others, and "We need to know
your age." for a question that was skipped.
"""

from collections.abc import Mapping
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from infohub.countries import country_name
from infohub.pathways.models import Question
from infohub.pathways.rules.evaluation import Reason
from infohub.pathways.rules.language import BOOL, CHOICE, COUNTRY
from infohub.pathways.texts import QuestionText, question_text


def _shown(question: Question, text: QuestionText, value: Any) -> str:
    if question.type == COUNTRY:
        return country_name(value, translation.get_language())
    if question.type == CHOICE:
        return text.choice_label(value)
    return str(value)


def _requirement(question: Question, text: QuestionText, reason: Reason) -> str:
    value = reason.value
    if reason.operator in ("in", "not_in"):
        values = ", ".join(_shown(question, text, item) for item in value)
        template = _("one of: %(values)s") if reason.operator == "in" else _("none of: %(values)s")
        return template % {"values": values}
    shown = _shown(question, text, value)
    templates = {
        "ne": _("anything but %(value)s"),
        "gt": _("more than %(value)s"),
        "gte": _("at least %(value)s"),
        "lt": _("less than %(value)s"),
        "lte": _("at most %(value)s"),
    }
    if reason.operator == "eq":
        return shown
    return templates[reason.operator] % {"value": shown}


def _answered(question: Question, text: QuestionText, reason: Reason, answer: Any) -> str:
    if question.type == BOOL and text.yes and text.no:
        return _("You said %(statement)s.") % {"statement": text.yes if answer else text.no}
    said = {"label": text.label, "answer": _shown(question, text, answer)}
    said["requirement"] = _requirement(question, text, reason)
    if reason.holds:
        return _("You said %(label)s is %(answer)s (asked for: %(requirement)s).") % said
    return _("You said %(label)s is %(answer)s; this pathway asks for %(requirement)s.") % said


def reason_text(reason: Reason, question: Question, answers: Mapping[str, Any], lang: str) -> str:
    with translation.override(lang):
        text = question_text(question, lang)
        if reason.holds is None:
            return _("We need to know %(label)s.") % {"label": text.label}
        return _answered(question, text, reason, answers[reason.field])
