"""What the pathways file's readers share: the parsed records, the problem list, value checks."""

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from django.conf import settings
from django_countries import countries

from infohub.pathways.models import PathwayCategory, QuestionType
from infohub.pathways.rules.language import QuestionSpec

ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
CURRENCY_PATTERN = re.compile(r"^[A-Z]{3}$")
STATUSES = ("draft", "in_review", "published", "archived")


@dataclass
class QuestionData:
    key: str
    type: str
    choices: list[str]
    minimum: int | None
    maximum: int | None
    translations: dict[str, dict[str, Any]]


@dataclass
class PathwayData:
    slug: str
    country: str
    category: str
    status: str
    source_language: str
    last_verified: dt.date | None
    translations: dict[str, dict[str, Any]]
    eligibility: dict[str, Any]
    documents: list[dict[str, str]]
    fees: list[dict[str, Any]]
    processing_days: int | None
    sources: list[dict[str, str]]
    apply_at: list[uuid.UUID] = field(default_factory=list)


class Problems:
    """Problems found so far, each prefixed with where it was found."""

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{self.file_name}: {where}: {message}")


def is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def languages_problem(translations: object) -> str | None:
    if not isinstance(translations, dict) or not translations:
        return "translations: expected a mapping of language to texts"
    unknown = sorted(
        str(code) for code in translations if code not in settings.INFOHUB_CONTENT_LANGUAGES
    )
    if unknown:
        enabled = ", ".join(settings.INFOHUB_CONTENT_LANGUAGES)
        return f"translations: unknown language {', '.join(unknown)} (enabled: {enabled})"
    return None


def multilingual_problem(value: object) -> str | None:
    """A {lang: text} map, such as a document or a fee label."""
    if not isinstance(value, dict) or not value:
        return "expected a mapping of language to text"
    if any(code not in settings.INFOHUB_CONTENT_LANGUAGES for code in value):
        return "unknown language in " + ", ".join(sorted(map(str, value)))
    if not all(is_text(text) for text in value.values()):
        return "every text must be non-empty"
    return None


@dataclass(frozen=True)
class ParsedFile:
    questions: list[QuestionData]
    pathways: list[PathwayData]


def load_yaml(text: str, problems: Problems) -> dict[str, Any] | None:
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}" if mark is not None else "YAML"
        problems.add(line, f"not valid YAML ({getattr(exc, 'problem', None) or exc})")
        return None
    if not isinstance(document, dict) or set(document) - {"questions", "pathways"}:
        problems.add("top level", "expected a mapping with 'questions:' and 'pathways:' lists")
        return None
    for key in ("questions", "pathways"):
        if not isinstance(document.get(key) or [], list):
            problems.add(key, "expected a list")
            return None
    return document


def question_spec_of(data: QuestionData) -> QuestionSpec:
    return QuestionSpec(data.key, data.type, tuple(data.choices), data.minimum, data.maximum)


def valid_url(value: object) -> bool:
    return isinstance(value, str) and re.match(r"^https?://[^\s/]+\S*$", value) is not None


def valid_country(value: object) -> bool:
    return isinstance(value, str) and value in countries


NOT_A_RECORD = "expected a mapping with an 'id' of letters, digits, - or _"


def valid_id(value: object) -> bool:
    return isinstance(value, str) and ID_PATTERN.match(value) is not None


def amount_text(value: object) -> str | None:
    """A fee amount as a string with two decimals, or None when it is not one."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount < 0:
        return None
    return str(amount.quantize(Decimal("0.01")))


QUESTION_TYPES = tuple(QuestionType.values)
CATEGORIES = tuple(PathwayCategory.values)
