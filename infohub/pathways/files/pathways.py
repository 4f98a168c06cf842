"""Checking the ``pathways:`` list of a pathways file."""

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from infohub.pathways.files.common import (
    CATEGORIES,
    CURRENCY_PATTERN,
    NOT_A_RECORD,
    STATUSES,
    PathwayData,
    Problems,
    amount_text,
    is_text,
    languages_problem,
    multilingual_problem,
    valid_country,
    valid_id,
    valid_url,
)
from infohub.pathways.rules.language import QuestionSpec, RuleError, validate_rule

PATHWAY_KEYS = {
    "id", "country", "category", "status", "source_language", "last_verified", "translations",
    "eligibility", "documents", "fees", "processing_days", "sources", "apply_at",
}  # fmt: skip
TRANSLATION_KEYS = {"title", "summary", "steps"}
# Ids a pathway cannot have: they are the API's own paths under /api/v1/pathways/.
RESERVED_IDS = {"match", "questions"}


def _check_translation(texts: object, where: str, problems: Problems) -> None:
    if not isinstance(texts, dict):
        problems.add(where, "expected a mapping with title, summary and steps")
        return
    for key in sorted(set(texts) - TRANSLATION_KEYS, key=str):
        problems.add(where, f"unknown key {key!r}")
    title = texts.get("title")
    if not is_text(title) or len(str(title)) > 200:
        problems.add(where, "title: required, at most 200 characters")
    if not isinstance(texts.get("summary", ""), str):
        problems.add(where, "summary: expected text")
    steps = texts.get("steps", [])
    if not isinstance(steps, list) or not all(is_text(step) for step in steps):
        problems.add(where, "steps: expected a list of non-empty texts")


def _check_documents(value: object, where: str, problems: Problems) -> None:
    if not isinstance(value, list):
        problems.add(where, "documents: expected a list")
        return
    for i, item in enumerate(value):
        problem = multilingual_problem(item)
        if problem:
            problems.add(where, f"documents[{i}]: {problem}")


def _check_fees(value: object, where: str, problems: Problems) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        problems.add(where, "fees: expected a list")
        return []
    fees = []
    for i, fee in enumerate(value):
        if not isinstance(fee, dict) or set(fee) - {"amount", "currency", "label"}:
            problems.add(where, f"fees[{i}]: expected amount, currency and an optional label")
            continue
        amount = amount_text(fee.get("amount"))
        if amount is None:
            problems.add(where, f"fees[{i}].amount: expected an amount of 0 or more")
        if not isinstance(fee.get("currency"), str) or not CURRENCY_PATTERN.match(fee["currency"]):
            problems.add(where, f"fees[{i}].currency: expected a code of three capitals (USD)")
        label_problem = multilingual_problem(fee["label"]) if "label" in fee else None
        if label_problem:
            problems.add(where, f"fees[{i}].label: {label_problem}")
        fees.append({**fee, "amount": amount})
    return fees


def _check_sources(value: object, where: str, problems: Problems) -> None:
    if not isinstance(value, list):
        problems.add(where, "sources: expected a list")
        return
    for i, source in enumerate(value):
        ok = isinstance(source, dict) and set(source) == {"title", "url"}
        if not ok or not is_text(source["title"]) or not valid_url(source["url"]):
            problems.add(where, f"sources[{i}]: expected a title and an http(s) url")


def _check_apply_at(value: object, where: str, problems: Problems) -> list[uuid.UUID]:
    if not isinstance(value, list):
        problems.add(where, "apply_at: expected a list of directory service ids")
        return []
    ids = []
    for i, item in enumerate(value):
        try:
            ids.append(uuid.UUID(str(item)))
        except ValueError:
            problems.add(where, f"apply_at[{i}]: {item!r} is not a service id")
    return ids


def _check_scalars(raw: Mapping[str, Any], where: str, problems: Problems) -> None:
    if not valid_country(raw.get("country")):
        problems.add(where, "country: expected an ISO 3166 alpha-2 code in capitals (CR)")
    if raw.get("category") not in CATEGORIES:
        problems.add(where, f"category: expected one of {', '.join(CATEGORIES)}")
    if raw.get("status", "draft") not in STATUSES:
        problems.add(where, f"status: expected one of {', '.join(STATUSES)}")
    days = raw.get("processing_days")
    if days is not None and (isinstance(days, bool) or not isinstance(days, int) or days < 0):
        problems.add(where, "processing_days: expected a whole number of days")
    verified = raw.get("last_verified")
    if verified is not None and not isinstance(verified, dt.date):
        problems.add(where, "last_verified: expected a date such as 2026-10-01")


def _date(value: object) -> dt.date | None:
    # YAML reads "2026-10-01 10:00" as a datetime; the database keeps the day only.
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _check_eligibility(
    rule: object, questions: Mapping[str, QuestionSpec], where: str, problems: Problems
) -> None:
    try:
        validate_rule(rule, questions)
    except RuleError as error:
        problems.add(where, str(error))


def check_pathway(
    raw: object,
    position: int,
    questions: Mapping[str, QuestionSpec],
    problems: Problems,
    seen: set[str],
) -> PathwayData | None:
    if not isinstance(raw, dict) or not valid_id(raw.get("id")):
        problems.add(f"pathways[{position}]", NOT_A_RECORD)
        return None
    slug = str(raw["id"])
    where = f"pathway {slug!r}"
    before = len(problems.items)
    if slug in seen:
        problems.add(where, "this id is used twice")
    if slug in RESERVED_IDS:
        problems.add(where, f"the ids {', '.join(sorted(RESERVED_IDS))} are reserved")
    seen.add(slug)
    for unknown in sorted(set(raw) - PATHWAY_KEYS, key=str):
        problems.add(where, f"unknown key {unknown!r}")
    _check_scalars(raw, where, problems)
    translations = raw.get("translations")
    language_problem = languages_problem(translations)
    if language_problem or not isinstance(translations, dict):
        problems.add(where, language_problem or "translations: expected a mapping")
        translations = {}
    for lang, texts in translations.items():
        _check_translation(texts, f"{where}: translations.{lang}", problems)
    source_language = raw.get("source_language") or next(iter(translations), "")
    if translations and source_language not in translations:
        problems.add(where, f"source_language: {source_language!r} has no translation")
    _check_eligibility(raw.get("eligibility"), questions, where, problems)
    _check_documents(raw.get("documents", []), where, problems)
    fees = _check_fees(raw.get("fees", []), where, problems)
    _check_sources(raw.get("sources", []), where, problems)
    apply_at = _check_apply_at(raw.get("apply_at", []), where, problems)
    if len(problems.items) > before:
        return None
    return PathwayData(
        slug=slug,
        country=raw["country"],
        category=raw["category"],
        status=raw.get("status", "draft"),
        source_language=str(source_language),
        last_verified=_date(raw.get("last_verified")),
        translations={
            str(lang): {
                "title": texts["title"].strip(),
                "summary": texts.get("summary", "").strip(),
                "steps": [step.strip() for step in texts.get("steps", [])],
            }
            for lang, texts in translations.items()
        },
        eligibility=raw["eligibility"],
        documents=raw.get("documents", []),
        fees=fees,
        processing_days=raw.get("processing_days"),
        sources=raw.get("sources", []),
        apply_at=apply_at,
    )
