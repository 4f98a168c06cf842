"""Public pathways API: match answers, list and read published pathways, list the questions."""

import datetime as dt
from typing import Annotated, Any

from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils import timezone, translation
from django_countries import countries
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError
from pydantic import model_validator

from infohub.core.api_params import (
    COUNTRY_ENUM,
    LANGUAGE_ENUM,
    CountryCode,
    LanguageCode,
    StrictInput,
)
from infohub.core.pagination import PageParams
from infohub.pathways.answers import answers_schema, checked_answers
from infohub.pathways.errors import AnswerError
from infohub.pathways.models import Pathway, Question
from infohub.pathways.places import apply_places
from infohub.pathways.rules.language import CHOICE
from infohub.pathways.selectors import (
    next_question,
    pathway_get_published,
    pathway_list_published,
    pathway_match,
    question_list,
    question_specs,
    translation_for,
)
from infohub.pathways.texts import document_texts, fee_texts, question_text

router = Router(tags=["pathways"])


def _invalid(loc: list[str], message: str) -> ValidationError:
    return ValidationError([{"loc": loc, "msg": message}])


def _checked_lang(lang: str, loc: list[str]) -> str:
    if lang not in settings.INFOHUB_CONTENT_LANGUAGES:
        enabled = ", ".join(settings.INFOHUB_CONTENT_LANGUAGES)
        raise _invalid(loc, f"lang must be one of {enabled}")
    return lang


class MatchIn(StrictInput):
    # Checked by the endpoint, which names the field as ["body", ...].
    country: Annotated[str, COUNTRY_ENUM] | None = Field(None, description="null for all")
    lang: Annotated[str, LANGUAGE_ENUM] = Field(default_factory=lambda: settings.LANGUAGE_CODE)
    answers: dict[str, Any] = Field(
        default_factory=dict,
        description="question id: answer",
        json_schema_extra=lambda schema: schema.update(
            answers_schema(question_specs(question_list()))
        ),
    )

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data: Any) -> Any:
        # Without this, a JSON list or number would be read as an empty request.
        if not isinstance(data, dict) and not hasattr(data, "_obj"):
            raise ValueError("expected a JSON object")
        inner = getattr(data, "_obj", data)
        if not isinstance(inner, dict):
            raise ValueError("expected a JSON object")
        return data


def _checked_country(value: str | None, loc: list[str]) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if code not in countries:
        raise _invalid(loc, "expected an ISO 3166 alpha-2 country code such as CR, or null")
    return code


class ReasonOut(Schema):
    field: str
    met: bool | None = Field(description="whether the person meets it; null when not answered")
    text: str


class ChoiceOut(Schema):
    id: str
    label: str


class QuestionOut(Schema):
    id: str
    type: str
    text: str
    help: str
    choices: list[ChoiceOut]
    min: int | None
    max: int | None


class MatchResultOut(Schema):
    id: str
    status: str = Field(description="eligible, unknown or not_eligible")
    country: str
    category: str
    lang: str
    title: str
    summary: str
    reasons: list[ReasonOut]
    url: str


class MatchOut(Schema):
    results: list[MatchResultOut]
    next_question: QuestionOut | None = Field(
        description="the next question that can still change a result; null when none can"
    )


def question_out(question: Question, lang: str) -> dict[str, Any]:
    text = question_text(question, lang)
    choices = question.choices if question.type == CHOICE else []
    return {
        "id": question.key,
        "type": question.type,
        "text": text.text,
        "help": text.help,
        "choices": [{"id": c, "label": text.choice_label(c)} for c in choices],
        "min": question.minimum,
        "max": question.maximum,
    }


@router.post("/pathways/match", response=MatchOut, auth=None)
def pathway_match_endpoint(request: HttpRequest, body: MatchIn) -> dict[str, Any]:
    """Every published pathway (of a country, or all) with eligible, unknown or not_eligible.

    Results come eligible first, then unknown, then not eligible, each with the reasons
    that decided it in the requested language. Unanswered questions are simply left out.
    """
    lang = _checked_lang(body.lang, ["body", "lang"])
    country = _checked_country(body.country, ["body", "country"])
    questions = question_list()
    try:
        # A refused answer is a validation error, and those are written in English.
        with translation.override("en"):
            answers = checked_answers(body.answers, question_specs(questions))
    except AnswerError as error:
        raise _invalid(["body", "answers", error.field], error.message) from None
    pathways = list(pathway_list_published(country=country))
    matches = pathway_match(pathways=pathways, questions=questions, answers=answers, lang=lang)
    following = next_question(pathways=pathways, questions=questions, answers=answers, skipped=())
    results = [
        {
            "id": m.pathway.slug,
            "status": m.status,
            "country": m.pathway.country,
            "category": m.pathway.category,
            "lang": m.chosen.translation.lang if m.chosen else lang,
            "title": m.title,
            "summary": m.chosen.translation.summary if m.chosen else "",
            "reasons": [{"field": r.field, "met": r.holds, "text": r.text} for r in m.reasons],
            "url": f"/{lang}/pathways/{m.pathway.slug}/",
        }
        for m in matches
    ]
    return {
        "results": results,
        "next_question": question_out(following, lang) if following else None,
    }


@router.get("/pathways/questions", response=list[QuestionOut], auth=None)
def question_list_endpoint(
    request: HttpRequest, lang: LanguageCode | None = None
) -> list[dict[str, Any]]:
    """The questions, in the order the finder asks them."""
    lang = _checked_lang(lang or settings.LANGUAGE_CODE, ["query", "lang"])
    return [question_out(q, lang) for q in question_list()]


class FeeOut(Schema):
    amount: str
    currency: str
    label: str


class SourceOut(Schema):
    title: str
    url: str


class ApplyAtOut(Schema):
    service_id: str
    name: str
    address: str
    url: str


class PathwayOut(Schema):
    id: str
    country: str
    category: str
    lang: str
    requested_lang: str
    fallback: bool
    needs_update: bool
    title: str
    summary: str
    url: str
    last_verified: dt.date | None
    review_due: dt.date | None
    outdated: bool


class PathwayDetailOut(PathwayOut):
    steps: list[str]
    documents: list[str]
    fees: list[FeeOut]
    processing_days: int | None
    sources: list[SourceOut]
    eligibility: dict[str, Any]
    apply_at: list[ApplyAtOut]


def pathway_out(pathway: Pathway, lang: str) -> dict[str, Any]:
    chosen = translation_for(pathway=pathway, lang=lang)
    if chosen is None:
        raise Http404
    shown = chosen.translation
    return {
        "id": pathway.slug,
        "country": pathway.country,
        "category": pathway.category,
        "lang": shown.lang,
        "requested_lang": lang,
        "fallback": chosen.fallback,
        "needs_update": shown.needs_update,
        "title": shown.title,
        "summary": shown.summary,
        "url": f"/{lang}/pathways/{pathway.slug}/",
        "last_verified": pathway.last_verified,
        "review_due": pathway.review_due,
        "outdated": bool(pathway.review_due and pathway.review_due < timezone.localdate()),
    }


class PathwayFilters(PageParams):
    country: CountryCode | None = None
    lang: LanguageCode = Field(default_factory=lambda: settings.LANGUAGE_CODE)


class PathwayPage(Schema):
    items: list[PathwayOut]
    count: int


@router.get("/pathways", response=PathwayPage, auth=None)
def pathway_list_endpoint(request: HttpRequest, filters: Query[PathwayFilters]) -> dict[str, Any]:
    """Published pathways, each in the requested language or its fallback."""
    lang = _checked_lang(filters.lang, ["query", "lang"])
    country = _checked_country(filters.country, ["query", "country"])
    pathways = pathway_list_published(country=country)
    page = pathways[filters.offset : filters.offset + filters.limit]
    return {"items": [pathway_out(p, lang) for p in page], "count": pathways.count()}


@router.get("/pathways/{pathway_id}", response=PathwayDetailOut, auth=None)
def pathway_detail_endpoint(
    request: HttpRequest, pathway_id: str, lang: LanguageCode | None = None
) -> dict[str, Any]:
    lang = _checked_lang(lang or settings.LANGUAGE_CODE, ["query", "lang"])
    pathway = pathway_get_published(pathway_id)
    if pathway is None:
        raise Http404
    places = apply_places([pathway], lang=lang)[pathway.pk]
    chosen = translation_for(pathway=pathway, lang=lang)
    return pathway_out(pathway, lang) | {
        "steps": chosen.translation.steps if chosen else [],
        "documents": [str(text) for text in document_texts(pathway.documents, lang)],
        "fees": [
            {"amount": fee.amount, "currency": fee.currency, "label": str(fee.label or "")}
            for fee in fee_texts(pathway.fees, lang)
        ],
        "processing_days": pathway.processing_days,
        "sources": pathway.sources,
        "eligibility": pathway.eligibility,
        "apply_at": [
            {
                "service_id": str(p.service_id),
                "name": p.name,
                "address": p.address,
                "url": f"/{lang}/{p.url_path}",
            }
            for p in places
        ],
    }
