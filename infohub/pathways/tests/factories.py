"""Questions and pathways for tests, written through the real services as an import would.

The records go through ``question_save`` and ``pathway_save_imported``, so they are
canonicalised, audited and published exactly like imported ones. A pathway's rule is
checked against the questions already saved, so a typo in a test fails loudly instead
of making a pathway that no import could have made.
"""

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import Max

from infohub.pathways.files.common import PathwayData, QuestionData
from infohub.pathways.models import Pathway, Question
from infohub.pathways.rules.language import validate_rule
from infohub.pathways.selectors import question_specs
from infohub.pathways.services import pathway_save_imported, question_save

Texts = dict[str, Any]


def question_texts(text: str, label: str, **more: Any) -> Texts:
    """One language's texts of a question; ``more`` holds help, yes, no or choices."""
    return {"text": text, "label": label, **more}


def make_question(
    key: str,
    type_: str,
    translations: Mapping[str, Texts],
    *,
    position: int | None = None,
    choices: Sequence[str] = (),
    minimum: int | None = None,
    maximum: int | None = None,
) -> Question:
    """A question; without ``position`` it is asked after every question saved so far."""
    if position is None:
        highest = Question.objects.aggregate(highest=Max("position"))["highest"]
        position = 0 if highest is None else highest + 1
    data = QuestionData(
        key=key,
        type=type_,
        choices=list(choices),
        minimum=minimum,
        maximum=maximum,
        translations={lang: dict(texts) for lang, texts in translations.items()},
    )
    question_save(data=data, position=position, actor=None)
    return Question.objects.get(key=key)


def pathway_texts(title: str, summary: str = "", steps: Sequence[str] = ()) -> Texts:
    """One language's texts of a pathway."""
    return {"title": title, "summary": summary, "steps": list(steps)}


def make_pathway(
    slug: str,
    eligibility: Mapping[str, Any],
    *,
    country: str = "CR",
    category: str = "work",
    status: str = "published",
    titles: Mapping[str, str] | None = None,
    translations: Mapping[str, Texts] | None = None,
    source_language: str | None = None,
    documents: Sequence[Mapping[str, str]] = (),
    fees: Sequence[Mapping[str, Any]] = (),
    processing_days: int | None = None,
    sources: Sequence[Mapping[str, str]] = (),
    apply_at: Sequence[uuid.UUID] = (),
    last_verified: dt.date | None = None,
) -> Pathway:
    """A pathway with the file's status; ``titles`` is a shortcut for bare translations.

    Without ``titles`` or ``translations`` the pathway has one English text titled by
    its slug. The source language is the first translation unless given.
    """
    validate_rule(eligibility, question_specs(Question.objects.all()))
    if translations is None:
        named = titles or {"en": slug}
        translations = {lang: pathway_texts(title) for lang, title in named.items()}
    data = PathwayData(
        slug=slug,
        country=country,
        category=category,
        status=status,
        source_language=source_language or next(iter(translations)),
        last_verified=last_verified,
        translations={lang: dict(texts) for lang, texts in translations.items()},
        eligibility=dict(eligibility),
        documents=[dict(item) for item in documents],
        fees=[dict(fee) for fee in fees],
        processing_days=processing_days,
        sources=[dict(source) for source in sources],
        apply_at=list(apply_at),
    )
    pathway_save_imported(data=data, actor=None)
    return Pathway.objects.get(slug=slug)
