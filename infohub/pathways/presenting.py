"""What the finder's and the pathway pages' templates show, in the reader's language."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from infohub.countries import COMMON_NATIONALITIES, country_name
from infohub.pathways.finder import FinderState
from infohub.pathways.models import Pathway, Question
from infohub.pathways.places import ApplyPlace
from infohub.pathways.rules.language import BOOL, CHOICE, COUNTRY
from infohub.pathways.selectors import ELIGIBLE, NOT_ELIGIBLE, UNKNOWN, PathwayMatch
from infohub.pathways.texts import document_texts, fee_texts, question_text, source_texts


@dataclass(frozen=True)
class QuestionView:
    key: str
    type: str
    text: str
    help: str
    options: list[tuple[str, str]]  # (value, label) for bool, choice and country
    minimum: int | None
    maximum: int | None
    # For country questions: the region's common nationalities first, then every country.
    option_groups: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()


def question_view(
    question: Question, lang: str, country_options: list[tuple[str, str]]
) -> QuestionView:
    text = question_text(question, lang)
    options: list[tuple[str, str]] = []
    if question.type == BOOL:
        options = [("yes", _("Yes")), ("no", _("No"))]
    elif question.type == CHOICE:
        options = [(c, text.choice_label(c)) for c in question.choices]
    groups: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    if question.type == COUNTRY:
        options = country_options
        common = tuple((c, n) for c, n in country_options if c in COMMON_NATIONALITIES)
        groups = ((_("Common in the region"), common), (_("All countries"), tuple(options)))
    return QuestionView(
        question.key,
        question.type,
        text.text,
        text.help,
        options,
        question.minimum,
        question.maximum,
        groups,
    )


def answer_text(question: Question, state: FinderState, lang: str) -> str:
    if question.key not in state.answers:
        return _("Skipped")
    value = state.answers[question.key]
    if question.type == BOOL:
        return _("Yes") if value else _("No")
    if question.type == COUNTRY:
        return country_name(value, lang)
    if question.type == CHOICE:
        return question_text(question, lang).choice_label(value)
    return str(value)


def pathway_facts(pathway: Pathway, lang: str, places: list[ApplyPlace]) -> dict[str, Any]:
    return {
        "documents": document_texts(pathway.documents, lang),
        "fees": fee_texts(pathway.fees, lang),
        "processing_days": pathway.processing_days,
        "sources": source_texts(pathway.sources, pathway.source_language, lang),
        "places": places,
    }


@dataclass(frozen=True)
class ResultGroup:
    status: str
    heading: str
    items: list[dict[str, Any]]


def result_groups(
    matches: list[PathwayMatch], places: dict[int, list[ApplyPlace]], lang: str
) -> list[ResultGroup]:
    headings = {
        ELIGIBLE: _("Pathways that fit what you told us"),
        UNKNOWN: _("Pathways that may fit: we need more information"),
        NOT_ELIGIBLE: _("Pathways that do not fit what you told us"),
    }
    groups = []
    for status, heading in headings.items():
        items = [
            {"match": m, "facts": pathway_facts(m.pathway, lang, places.get(m.pathway.pk, []))}
            for m in matches
            if m.status == status
        ]
        if items:
            groups.append(ResultGroup(status, heading, items))
    return groups
