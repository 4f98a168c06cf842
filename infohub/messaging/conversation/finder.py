"""The pathway finder as a conversation, on the same engine as the portal and the match API.

The destination first (when more than one country has pathways), then one question at a
time, the one ``next_question`` names, each skippable; answers are checked by
``pathways.answers`` and kept in the state. The results are ``pathway_match``'s: the
same statuses and reasons, in the person's language, each with its pathway page.
"""

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils import translation

from infohub.countries import country_name
from infohub.messaging.channels.base import Button
from infohub.messaging.conversation import texts
from infohub.messaging.conversation.countries import typed_country
from infohub.messaging.conversation.dialogue import Dialogue
from infohub.messaging.conversation.keywords import folded
from infohub.messaging.conversation.menu import HUMAN, MENU, show_menu
from infohub.messaging.conversation.texts import button, say, short
from infohub.pathways.answers import checked_answer
from infohub.pathways.errors import AnswerError
from infohub.pathways.models import Question
from infohub.pathways.rules.language import (
    BOOL,
    CHOICE,
    COUNTRY,
    INT,
    condition_operator,
    is_condition,
)
from infohub.pathways.selectors import (
    ELIGIBLE,
    NOT_ELIGIBLE,
    PathwayMatch,
    country_list_with_pathways,
    next_question,
    pathway_list_published,
    pathway_match,
    question_list,
    question_spec,
)
from infohub.pathways.texts import question_text

DESTINATION = "fc:"
ANSWER = "fa:"
SKIP = "fs"
MAX_BUTTONS = 10
_SKIP_WORDS = frozenset({"skip", "omitir", "saltar", "passer", "sote"})
_TYPED_BOOL = {"yes": True, "si": True, "oui": True, "wi": True, "no": False, "non": False}
_STATUS = {ELIGIBLE: texts.STATUS_ELIGIBLE, NOT_ELIGIBLE: texts.STATUS_NOT_ELIGIBLE}


class _NotUnderstoodError(Exception):
    pass


def start_finder(dialogue: Dialogue) -> None:
    """Ask where to, or the first question when only one country has pathways."""
    countries = country_list_with_pathways()
    dialogue.state["finder"] = {"answers": {}, "skipped": []}
    if not countries:
        show_menu(dialogue, before=say(dialogue.lang, texts.FINDER_NONE))
    elif len(countries) == 1:
        dialogue.state["finder"]["country"] = countries[0]
        _continue(dialogue)
    else:
        _ask_destination(dialogue, countries)


def _ask_destination(dialogue: Dialogue, countries: list[str]) -> None:
    lang = dialogue.lang
    named = sorted(((country_name(c, lang), c) for c in countries), key=lambda n: n[0].casefold())
    buttons = tuple(Button(DESTINATION + c, short(name)) for name, c in named[:MAX_BUTTONS])
    dialogue.state["flow"] = "finder_country"
    dialogue.send(say(lang, texts.FINDER_COUNTRY), buttons)


def finder_turn(dialogue: Dialogue) -> None:
    """Take this turn's answer to what the finder asked, then ask on or give the results."""
    finder: dict[str, Any] = dialogue.state.setdefault("finder", {"answers": {}, "skipped": []})
    if dialogue.flow == "finder_country":
        countries = country_list_with_pathways()
        choice = dialogue.picked().removeprefix(DESTINATION)
        country = choice if choice in countries else None
        country = country or typed_country(dialogue.turn.text, lang=dialogue.lang, among=countries)
        if country is None:
            _ask_destination(dialogue, countries)
            return
        finder["country"] = country
        _continue(dialogue)
        return
    if "country" not in finder:
        start_finder(dialogue)
        return
    asked = Question.objects.filter(key=finder.get("asked", "")).first()
    if asked is not None:
        try:
            _take_answer(dialogue, asked, finder)
        except _NotUnderstoodError:
            _ask(dialogue, asked, before=say(dialogue.lang, texts.NOT_UNDERSTOOD))
            return
    _continue(dialogue)


def _take_answer(dialogue: Dialogue, question: Question, finder: dict[str, Any]) -> None:
    choice = dialogue.picked(numbers=question.type != INT)
    if choice == SKIP or folded(dialogue.turn.text) in _SKIP_WORDS:
        finder["skipped"] = [*finder["skipped"], question.key]
        return
    raw = _raw_answer(dialogue, question, choice)
    try:
        value = checked_answer(question_spec(question), raw)
    except AnswerError:
        raise _NotUnderstoodError from None
    if value is None:
        raise _NotUnderstoodError
    finder["answers"] = {**finder["answers"], question.key: value}


def _raw_answer(dialogue: Dialogue, question: Question, choice: str) -> object:
    typed = folded(dialogue.turn.text)
    if question.type == BOOL:
        return {"yes": True, "no": False}.get(choice.removeprefix(ANSWER), _TYPED_BOOL.get(typed))
    if question.type == CHOICE:
        value = choice.removeprefix(ANSWER)
        labels = question_text(question, dialogue.lang).choices
        return value or next((c for c, label in labels.items() if folded(label) == typed), typed)
    if question.type == COUNTRY:
        picked = choice.removeprefix(ANSWER) if choice.startswith(ANSWER) else ""
        return picked or typed_country(dialogue.turn.text, lang=dialogue.lang)
    if question.type == INT and typed.isdigit() and len(typed) < 10:
        return int(typed)
    return None


def _continue(dialogue: Dialogue) -> None:
    finder = dialogue.state["finder"]
    questions = question_list()
    pathways = list(pathway_list_published(country=finder["country"]))
    question = next_question(
        pathways=pathways,
        questions=questions,
        answers=finder["answers"],
        skipped=finder["skipped"],
    )
    if question is not None:
        _ask(dialogue, question)
        return
    matches = pathway_match(
        pathways=pathways, questions=questions, answers=finder["answers"], lang=dialogue.lang
    )
    _results(dialogue, matches)


def _ask(dialogue: Dialogue, question: Question, *, before: str = "") -> None:
    lang = dialogue.lang
    dialogue.state["flow"] = "finder"
    dialogue.state["finder"]["asked"] = question.key
    text = question_text(question, lang)
    hints = {INT: texts.TYPE_NUMBER, COUNTRY: texts.TYPE_COUNTRY}
    hint = say(lang, hints[question.type]) if question.type in hints else ""
    options = [*_options(question, dialogue)[: MAX_BUTTONS - 1]]
    options.append(button(lang, SKIP, texts.BUTTON_SKIP))
    lines = [line for line in (before, text.text, text.help, hint) if line]
    dialogue.send("\n".join(lines), tuple(options))


def _options(question: Question, dialogue: Dialogue) -> list[Button]:
    """The answers offered as buttons: yes and no, the choices, the countries that matter."""
    lang = dialogue.lang
    if question.type == BOOL:
        return [
            button(lang, ANSWER + "yes", texts.BUTTON_YES),
            button(lang, ANSWER + "no", texts.BUTTON_NO),
        ]
    if question.type == CHOICE:
        text = question_text(question, lang)
        return [Button((ANSWER + c)[:64], short(text.choice_label(c))) for c in question.choices]
    if question.type == COUNTRY:
        named = sorted((country_name(c, lang), c) for c in _countries_named(question.key, dialogue))
        return [Button(ANSWER + c, short(name)) for name, c in named]
    return []


def _countries_named(key: str, dialogue: Dialogue) -> set[str]:
    """The countries the destination's pathways name for this question: those that matter.

    Any other country is typed by name.
    """
    country = dialogue.state["finder"]["country"]
    named: set[str] = set()
    for pathway in pathway_list_published(country=country):
        named |= _values(pathway.eligibility, key)
    return {code for code in named if isinstance(code, str) and len(code) == 2}


def _values(rule: Mapping[str, Any], key: str) -> set[Any]:
    """The values a rule compares question ``key`` with."""
    if is_condition(rule):
        if rule["field"] != key:
            return set()
        value = rule[condition_operator(rule)]
        return set(value) if isinstance(value, list) else {value}
    operator, value = next(iter(rule.items()))
    children = [value] if operator == "not" else value
    return set().union(*(_values(child, key) for child in children))


def _results(dialogue: Dialogue, matches: list[PathwayMatch]) -> None:
    lang, finder = dialogue.lang, dialogue.state["finder"]
    finder["results"] = {m.pathway.slug: m.status for m in matches}
    finder.pop("asked", None)
    dialogue.state["flow"] = "menu"
    parts = [say(lang, texts.RESULTS_INTRO), *(_result(m, dialogue) for m in matches)]
    if dialogue.context.summary_token:
        parts.append(say(lang, texts.SUMMARY_LINK, link=_summary_link(dialogue)))
    messages = texts.chunks(parts, dialogue.context.max_text - 2 * (texts.MAX_BUTTON_TITLE + 5))
    for message in messages[:-1]:
        dialogue.send(message)
    buttons = (button(lang, MENU, texts.BUTTON_MENU), button(lang, HUMAN, texts.BUTTON_HUMAN))
    dialogue.send(messages[-1], buttons)


def _summary_link(dialogue: Dialogue) -> str:
    with translation.override(dialogue.lang):
        path = reverse("messaging-portal:summary", kwargs={"token": dialogue.context.summary_token})
    return f"{dialogue.context.site_url}{path}"


def _result(match: PathwayMatch, dialogue: Dialogue) -> str:
    lang = dialogue.lang
    status = say(lang, _STATUS.get(match.status, texts.STATUS_UNKNOWN))
    with translation.override(lang):
        path = reverse("pathways:detail", kwargs={"slug": match.pathway.slug})
    reasons = [f"- {reason.text}" for reason in match.reasons]
    return "\n".join([f"{status}: {match.title}", *reasons, f"{dialogue.context.site_url}{path}"])
