"""Questions and pathways as the records of the file format, in one canonical key order.

The import compares these records to decide whether anything changed, and the export
writes them, so the key order must not depend on how the database stored the JSON
(PostgreSQL's jsonb reorders keys).
"""

from collections.abc import Mapping
from typing import Any

from infohub.pathways.files.common import PathwayData, QuestionData
from infohub.pathways.models import Pathway, Question
from infohub.pathways.rules.language import condition_operator, is_condition

QUESTION_TEXT_KEYS = ("text", "help", "label", "yes", "no")


def canonical_rule(node: Mapping[str, Any]) -> dict[str, Any]:
    if is_condition(node):
        operator = condition_operator(node)
        return {"field": node["field"], operator: node[operator]}
    key, value = next(iter(node.items()))
    if key == "not":
        return {"not": canonical_rule(value)}
    return {key: [canonical_rule(child) for child in value]}


def _by_language(texts: Mapping[str, Any]) -> dict[str, Any]:
    return {lang: texts[lang] for lang in sorted(texts)}


def _question_texts(texts: Mapping[str, Any], choices: list[str]) -> dict[str, Any]:
    ordered = {key: texts[key] for key in QUESTION_TEXT_KEYS if texts.get(key)}
    if choices:
        ordered["choices"] = {c: texts["choices"][c] for c in choices if c in texts["choices"]}
    return ordered


def canonical_question(data: QuestionData) -> QuestionData:
    return QuestionData(
        key=data.key,
        type=data.type,
        choices=list(data.choices),
        minimum=data.minimum,
        maximum=data.maximum,
        translations={
            lang: _question_texts(data.translations[lang], data.choices)
            for lang in sorted(data.translations)
        },
    )


def _fee(fee: Mapping[str, Any]) -> dict[str, Any]:
    ordered = {"amount": str(fee["amount"]), "currency": fee["currency"]}
    if fee.get("label"):
        ordered["label"] = _by_language(fee["label"])
    return ordered


def canonical_pathway(data: PathwayData) -> PathwayData:
    return PathwayData(
        slug=data.slug,
        country=data.country,
        category=data.category,
        status=data.status,
        source_language=data.source_language,
        last_verified=data.last_verified,
        translations={
            lang: {key: data.translations[lang][key] for key in ("title", "summary", "steps")}
            for lang in sorted(data.translations)
        },
        eligibility=canonical_rule(data.eligibility),
        documents=[_by_language(item) for item in data.documents],
        fees=[_fee(fee) for fee in data.fees],
        processing_days=data.processing_days,
        sources=[{"title": s["title"], "url": s["url"]} for s in data.sources],
        apply_at=sorted(data.apply_at, key=str),
    )


def question_record(question: Question) -> QuestionData:
    return canonical_question(
        QuestionData(
            key=question.key,
            type=question.type,
            choices=list(question.choices),
            minimum=question.minimum,
            maximum=question.maximum,
            translations=dict(question.translations),
        )
    )


def pathway_record(pathway: Pathway) -> PathwayData:
    """The pathway as a file record; ``translations`` and ``apply_at`` may be prefetched."""
    return canonical_pathway(
        PathwayData(
            slug=pathway.slug,
            country=pathway.country,
            category=pathway.category,
            status=pathway.status,
            source_language=pathway.source_language,
            last_verified=pathway.last_verified,
            translations={
                t.lang: {"title": t.title, "summary": t.summary, "steps": list(t.steps)}
                for t in pathway.translations.all()
            },
            eligibility=pathway.eligibility,
            documents=list(pathway.documents),
            fees=list(pathway.fees),
            processing_days=pathway.processing_days,
            sources=list(pathway.sources),
            apply_at=[service.id for service in pathway.apply_at.all()],
        )
    )
