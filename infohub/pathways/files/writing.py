"""Writing questions and pathways as a pathways file, in the order an import reads them."""

from typing import Any

import yaml

from infohub.pathways.files.common import PathwayData, QuestionData


def _question(data: QuestionData) -> dict[str, Any]:
    raw: dict[str, Any] = {"id": data.key, "type": data.type}
    if data.choices:
        raw["choices"] = data.choices
    if data.minimum is not None:
        raw["min"] = data.minimum
    if data.maximum is not None:
        raw["max"] = data.maximum
    raw["translations"] = {lang: data.translations[lang] for lang in sorted(data.translations)}
    return raw


def _pathway(data: PathwayData) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "id": data.slug,
        "country": data.country,
        "category": data.category,
        "status": data.status,
        "source_language": data.source_language,
    }
    if data.last_verified is not None:
        raw["last_verified"] = data.last_verified
    raw["translations"] = {lang: data.translations[lang] for lang in sorted(data.translations)}
    raw["eligibility"] = data.eligibility
    raw["documents"] = data.documents
    raw["fees"] = data.fees
    if data.processing_days is not None:
        raw["processing_days"] = data.processing_days
    raw["sources"] = data.sources
    if data.apply_at:
        raw["apply_at"] = [str(service_id) for service_id in data.apply_at]
    return raw


def render_pathways_file(questions: list[QuestionData], pathways: list[PathwayData]) -> str:
    document = {
        "questions": [_question(q) for q in questions],
        "pathways": [_pathway(p) for p in pathways],
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
