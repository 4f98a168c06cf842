"""The finder's state, carried from step to step in the form itself.

Nothing is kept on the server: each step posts the destination, the answers so far
and the skipped questions back as hidden fields, and every value is checked again.
Answers never go in the URL, so they stay out of logs and browser history.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from infohub.directory.nearby.municipalities import Municipality, municipality_list
from infohub.pathways.answers import parsed_form_answer
from infohub.pathways.errors import AnswerError
from infohub.pathways.models import Question
from infohub.pathways.selectors import country_list_with_pathways, question_spec

ANSWER_PREFIX = "a-"


@dataclass
class FinderState:
    country: str
    near: Municipality | None
    answers: dict[str, Any] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    error: str = ""

    def hidden_fields(self, questions: Mapping[str, Question]) -> list[tuple[str, str]]:
        """(name, value) pairs that carry the state to the next step."""
        pairs = [("country", self.country)]
        if self.near:
            pairs.append(("near", self.near.key))
        for key, value in self.answers.items():
            pairs.append((ANSWER_PREFIX + key, form_value(questions[key], value)))
        pairs.extend(("skipped", key) for key in self.skipped)
        return pairs


def form_value(question: Question, value: Any) -> str:
    if question.type == "bool":
        return "yes" if value else "no"
    return str(value)


def _carried_answers(data: QueryDict, questions: Mapping[str, Question]) -> dict[str, Any]:
    # Hidden fields come back from our own page: one that does not check out was
    # changed by hand, so it is dropped and its question is asked again.
    answers = {}
    for name in data:
        key = name.removeprefix(ANSWER_PREFIX)
        if not name.startswith(ANSWER_PREFIX) or key not in questions:
            continue
        try:
            value = parsed_form_answer(question_spec(questions[key]), data.get(name, ""))
        except AnswerError:
            continue
        if value is not None:
            answers[key] = value
    return answers


def destination(data: QueryDict) -> tuple[str, Municipality | None] | None:
    """The destination with published pathways, and the town the person named in it.

    None when the form names no destination the finder knows.
    """
    country = data.get("country", "").strip().upper()
    if country not in country_list_with_pathways():
        return None
    near = next((m for m in municipality_list() if m.key == data.get("near")), None)
    return country, (near if near and near.country == country else None)


def posted_state(data: QueryDict, questions: Mapping[str, Question]) -> FinderState | None:
    """The finder's state after a posted step; None without a known destination."""
    start = destination(data)
    if start is None:
        return None
    return state_from_post(data, questions=questions, country=start[0], near=start[1])


def state_from_post(
    data: QueryDict,
    *,
    questions: Mapping[str, Question],
    country: str,
    near: Municipality | None,
) -> FinderState:
    """The state after this step: the carried answers plus the question just answered."""
    skipped = [key for key in dict.fromkeys(data.getlist("skipped")) if key in questions]
    state = FinderState(country, near, _carried_answers(data, questions), skipped)
    asked = data.get("question", "")
    if asked not in questions or asked in state.answers or asked in state.skipped:
        return state
    if "skip" in data:
        state.skipped.append(asked)
        return state
    try:
        value = parsed_form_answer(question_spec(questions[asked]), data.get("value", ""))
    except AnswerError as error:
        state.error = error.message
        return state
    if value is None:
        state.error = _("Choose an answer, or skip the question.")
    else:
        state.answers[asked] = value
    return state
