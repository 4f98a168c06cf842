"""Reads: live pathways, the questions, and matching a person's answers."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from infohub.languages import best_language
from infohub.pathways.files.common import valid_id
from infohub.pathways.models import Pathway, PathwayTranslation, Question
from infohub.pathways.reasons import reason_text
from infohub.pathways.rules.evaluation import Reason, Truth, evaluate
from infohub.pathways.rules.language import QuestionSpec
from infohub.pathways.rules.relevance import open_questions

ELIGIBLE, UNKNOWN, NOT_ELIGIBLE = "eligible", "unknown", "not_eligible"
STATUS_OF_TRUTH = {Truth.TRUE: ELIGIBLE, Truth.UNKNOWN: UNKNOWN, Truth.FALSE: NOT_ELIGIBLE}
STATUS_ORDER = {ELIGIBLE: 0, UNKNOWN: 1, NOT_ELIGIBLE: 2}


def question_list() -> list[Question]:
    return list(Question.objects.order_by("position", "key"))


def question_spec(question: Question) -> QuestionSpec:
    return QuestionSpec(
        id=question.key,
        type=question.type,
        choices=tuple(question.choices),
        minimum=question.minimum,
        maximum=question.maximum,
    )


def question_specs(questions: Iterable[Question]) -> dict[str, QuestionSpec]:
    return {q.key: question_spec(q) for q in questions}


def pathway_list_published(*, country: str | None = None) -> QuerySet[Pathway]:
    pathways = Pathway.objects.filter(live=True).prefetch_related(
        Prefetch("translations", queryset=PathwayTranslation.objects.order_by("lang"))
    )
    if country:
        pathways = pathways.filter(country=country)
    return pathways.order_by("country", "category", "slug")


def pathway_get_published(slug: str) -> Pathway | None:
    """The published pathway with this id; None for any other text, NUL bytes included."""
    if not valid_id(slug):
        return None
    return pathway_list_published().filter(slug=slug).first()


def country_list_with_pathways() -> list[str]:
    rows = pathway_list_published().order_by("country").values_list("country", flat=True)
    return list(dict.fromkeys(rows))


@dataclass(frozen=True)
class ChosenTranslation:
    translation: PathwayTranslation
    requested: str

    @property
    def fallback(self) -> bool:
        return self.translation.lang != self.requested


def translation_for(*, pathway: Pathway, lang: str) -> ChosenTranslation | None:
    """The translation in ``lang``, or the first one along its fallback chain.

    Of a live pathway, only live translations (a language added since is not shown).
    """
    available = {t.lang: t for t in pathway.translations.all() if t.is_live or not pathway.live}
    code = best_language(available, lang)
    return ChosenTranslation(translation=available[code], requested=lang) if code else None


@dataclass(frozen=True)
class ShownReason:
    field: str
    holds: bool | None
    text: str


@dataclass(frozen=True)
class PathwayMatch:
    pathway: Pathway
    status: str
    chosen: ChosenTranslation | None
    reasons: list[ShownReason]

    @property
    def title(self) -> str:
        return self.chosen.translation.title if self.chosen else self.pathway.slug


class _ReasonTexts:
    """Reason texts of one match: many pathways share conditions, so each is written once."""

    def __init__(
        self, questions: Mapping[str, Question], answers: Mapping[str, Any], lang: str
    ) -> None:
        self.questions, self.answers, self.lang = questions, answers, lang
        self.written: dict[tuple[str, str, str, bool | None], str] = {}

    def __call__(self, reason: Reason) -> ShownReason:
        key = (reason.field, reason.operator, repr(reason.value), reason.holds)
        if key not in self.written:
            question = self.questions[reason.field]
            self.written[key] = reason_text(reason, question, self.answers, self.lang)
        return ShownReason(reason.field, reason.holds, self.written[key])


def _match_one(pathway: Pathway, answers: Mapping[str, Any], texts: _ReasonTexts) -> PathwayMatch:
    outcome = evaluate(pathway.eligibility, answers)
    return PathwayMatch(
        pathway=pathway,
        status=STATUS_OF_TRUTH[outcome.truth],
        chosen=translation_for(pathway=pathway, lang=texts.lang),
        reasons=[texts(r) for r in outcome.reasons],
    )


def pathway_match(
    *,
    pathways: Iterable[Pathway],
    questions: Iterable[Question],
    answers: Mapping[str, Any],
    lang: str,
) -> list[PathwayMatch]:
    """Every pathway with its status and reasons: eligible, then unknown, then not eligible.

    ``answers`` must have been checked (``answers.checked_answers``).
    """
    texts = _ReasonTexts({q.key: q for q in questions}, answers, lang)
    matches = [_match_one(p, answers, texts) for p in pathways]
    return sorted(matches, key=lambda m: (STATUS_ORDER[m.status], m.title.casefold()))


def next_question(
    *,
    pathways: Iterable[Pathway],
    questions: Iterable[Question],
    answers: Mapping[str, Any],
    skipped: Iterable[str],
) -> Question | None:
    """The first question, in the questions' order, that can still change a result.

    None when no unanswered, unskipped question can change any pathway's status.
    """
    still_open: set[str] = set()
    for pathway in pathways:
        still_open |= open_questions(pathway.eligibility, answers)
    still_open -= set(skipped)
    return next((q for q in questions if q.key in still_open), None)
