"""The stored shapes of questions' and pathways' JSON fields, parsed strictly.

The services parse every value before they write it (``pathway_values_check``,
``question_values_check``); the file readers have already given each problem its place in
the file, so a refusal here means a caller skipped them. A rule is only valid against
the questions, so the eligibility schema checks it with ``rules.language.validate_rule``
against the questions in the validation context, or the database's when none is given.
"""

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    StringConstraints,
    TypeAdapter,
    ValidationInfo,
)

from infohub.core.json_schemas import STRICT, STRICT_ADAPTER, ContentLanguage, Text, parse
from infohub.core.json_schemas import register as register_schema
from infohub.pathways.errors import PathwayError
from infohub.pathways.files.common import PathwayData, QuestionData
from infohub.pathways.models import Question
from infohub.pathways.rules.language import QuestionSpec, validate_rule
from infohub.pathways.selectors import question_specs

ChoiceId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]


def _some_language(texts: dict[str, str]) -> dict[str, str]:
    if not texts:
        raise ValueError("expected a text in at least one language")
    return texts


# {lang: text}, in at least one language: a document or a fee's label.
Texts = Annotated[dict[ContentLanguage, Text], AfterValidator(_some_language)]


class QuestionTexts(BaseModel):
    """A question's texts in one language (records.py leaves out the empty ones)."""

    model_config = STRICT

    text: Text
    label: Text
    help: str | None = None
    yes: str | None = None
    no: str | None = None
    choices: dict[ChoiceId, Text] | None = None


class Fee(BaseModel):
    model_config = STRICT

    amount: Annotated[str, StringConstraints(pattern=r"^\d+\.\d{2}$")]
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    label: Texts | None = None


class Source(BaseModel):
    model_config = STRICT

    title: Text
    url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s/]+\S*$")]


def _valid_rule(rule: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
    context = info.context or {}
    questions: Mapping[str, QuestionSpec] | None = context.get("questions")
    if questions is None:
        questions = question_specs(Question.objects.all())
    validate_rule(rule, questions)  # its RuleError is a ValueError: pydantic reports it
    return rule


CHOICES = TypeAdapter(list[ChoiceId], config=STRICT_ADAPTER)
QUESTION_TRANSLATIONS = TypeAdapter(dict[ContentLanguage, QuestionTexts], config=STRICT_ADAPTER)
ELIGIBILITY = TypeAdapter(
    Annotated[dict[str, Any], AfterValidator(_valid_rule)], config=STRICT_ADAPTER
)
DOCUMENTS = TypeAdapter(list[Texts], config=STRICT_ADAPTER)
FEES = TypeAdapter(list[Fee], config=STRICT_ADAPTER)
SOURCES = TypeAdapter(list[Source], config=STRICT_ADAPTER)
STEPS = TypeAdapter(list[Text], config=STRICT_ADAPTER)
# The steps of a proposed revision; None when there is none.
PROPOSED_STEPS = TypeAdapter(list[Text] | None, config=STRICT_ADAPTER)


def question_values_check(data: QuestionData) -> None:
    """Refuse a question whose choices or translations do not have the stored shape."""
    parse(CHOICES, data.choices, field="choices", error=PathwayError)
    parse(QUESTION_TRANSLATIONS, data.translations, field="translations", error=PathwayError)


def pathway_values_check(data: PathwayData, questions: Mapping[str, QuestionSpec]) -> None:
    """Refuse a pathway whose JSON values do not have the stored shape."""
    parse(
        ELIGIBILITY,
        data.eligibility,
        field="eligibility",
        error=PathwayError,
        context={"questions": questions},
    )
    parse(DOCUMENTS, data.documents, field="documents", error=PathwayError)
    parse(FEES, data.fees, field="fees", error=PathwayError)
    parse(SOURCES, data.sources, field="sources", error=PathwayError)
    for lang, texts in data.translations.items():
        parse(STEPS, texts["steps"], field=f"translations.{lang}.steps", error=PathwayError)


def register() -> None:
    """Declare the app's JSON fields to the registry (from ``AppConfig.ready``)."""
    for model, field, adapter in (
        ("pathways.Question", "choices", CHOICES),
        ("pathways.Question", "translations", QUESTION_TRANSLATIONS),
        ("pathways.Pathway", "eligibility", ELIGIBILITY),
        ("pathways.Pathway", "documents", DOCUMENTS),
        ("pathways.Pathway", "fees", FEES),
        ("pathways.Pathway", "sources", SOURCES),
        ("pathways.PathwayTranslation", "steps", STEPS),
        ("pathways.PathwayTranslation", "proposed_steps", PROPOSED_STEPS),
    ):
        register_schema(model, field, adapter)
