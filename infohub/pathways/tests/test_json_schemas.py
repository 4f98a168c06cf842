"""Questions' and pathways' JSON values are parsed strictly before they are written."""

from typing import Any

import pytest

from infohub.audit.models import AuditEvent
from infohub.pathways.errors import PathwayError
from infohub.pathways.files.common import PathwayData, QuestionData
from infohub.pathways.models import Pathway, PathwayTranslation, Question
from infohub.pathways.schemas import (
    CHOICES,
    DOCUMENTS,
    ELIGIBILITY,
    FEES,
    QUESTION_TRANSLATIONS,
    SOURCES,
    STEPS,
)
from infohub.pathways.services import pathway_save_imported, question_save
from infohub.pathways.tests.factories import make_pathway, make_question, question_texts

pytestmark = pytest.mark.django_db

RULE = {"all": [{"field": "has_passport", "eq": True}, {"field": "age", "gte": 18}]}
FEE = {"amount": "50.00", "currency": "USD", "label": {"en": "Application fee"}}
SOURCE = {"title": "Migration office", "url": "https://example.org/work"}


@pytest.fixture
def questions() -> None:
    yes_no = question_texts("Do you have a passport?", "passport", yes="You do", no="You don't")
    make_question("has_passport", "bool", {"en": yes_no})
    make_question("age", "int", {"en": question_texts("How old are you?", "your age")})
    make_question(
        "goal",
        "choice",
        {"en": question_texts("Why?", "your goal", choices={"work": "Work", "study": "Study"})},
        choices=["work", "study"],
    )


def _pathway_data(**changes: Any) -> PathwayData:
    values: dict[str, Any] = {
        "slug": "cr-work",
        "country": "CR",
        "category": "work",
        "status": "draft",
        "source_language": "en",
        "last_verified": None,
        "translations": {"en": {"title": "Work permit", "summary": "", "steps": ["Apply"]}},
        "eligibility": RULE,
        "documents": [{"en": "Passport", "es": "Pasaporte"}],
        "fees": [FEE],
        "processing_days": 30,
        "sources": [SOURCE],
    }
    return PathwayData(**{**values, **changes})


def test_every_json_value_of_a_pathway_round_trips(questions: None) -> None:
    pathway_save_imported(data=_pathway_data(), actor=None)
    pathway = Pathway.objects.get()
    assert ELIGIBILITY.validate_python(pathway.eligibility) == RULE
    assert DOCUMENTS.validate_python(pathway.documents) == [{"en": "Passport", "es": "Pasaporte"}]
    [fee] = FEES.validate_python(pathway.fees)
    assert (fee.amount, fee.currency, fee.label) == ("50.00", "USD", {"en": "Application fee"})
    [source] = SOURCES.validate_python(pathway.sources)
    assert (source.title, source.url) == (SOURCE["title"], SOURCE["url"])
    assert STEPS.validate_python(PathwayTranslation.objects.get().steps) == ["Apply"]


def test_every_json_value_of_a_question_round_trips(questions: None) -> None:
    goal = Question.objects.get(key="goal")
    assert CHOICES.validate_python(goal.choices) == ["work", "study"]
    texts = QUESTION_TRANSLATIONS.validate_python(goal.translations)["en"]
    assert (texts.text, texts.label, texts.choices) == (
        "Why?",
        "your goal",
        {"work": "Work", "study": "Study"},
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"documents": {"en": "Passport"}}, "documents: Input should be a valid list"),
        ({"documents": [{"de": "Reisepass"}]}, r"documents\[0\]\.de\.\[key\]: .*'de' is not"),
        ({"documents": [{}]}, r"documents\[0\]: Value error, expected a text in at least one"),
        ({"fees": [{**FEE, "amount": 50}]}, r"fees\[0\]\.amount: Input should be a valid str"),
        ({"fees": [{**FEE, "due": "now"}]}, r"fees\[0\]\.due: Extra inputs are not permitted"),
        ({"fees": [{"amount": "5.00"}]}, r"fees\[0\]\.currency: Field required"),
        ({"sources": [{"title": "Office"}]}, r"sources\[0\]\.url: Field required"),
        ({"sources": [{**SOURCE, "url": "ftp://x.org"}]}, r"sources\[0\]\.url: String should"),
        ({"eligibility": {"field": "height", "eq": 2}}, "eligibility: Value error, eligibility"),
        ({"eligibility": ["all"]}, "eligibility: Input should be a valid dictionary"),
        (
            {"translations": {"en": {"title": "Work", "summary": "", "steps": [" "]}}},
            r"translations\.en\.steps\[0\]: Value error, the text must not be empty",
        ),
    ],
)
def test_it_refuses_a_malformed_pathway_and_writes_nothing(
    questions: None, changes: dict[str, Any], message: str
) -> None:
    audited = AuditEvent.objects.count()
    with pytest.raises(PathwayError, match=message):
        pathway_save_imported(data=_pathway_data(**changes), actor=None)
    assert not Pathway.objects.exists()
    assert AuditEvent.objects.count() == audited


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"choices": "work"}, "choices: Input should be a valid list"),
        ({"choices": ["a b"]}, r"choices\[0\]: String should match pattern"),
        ({"translations": {"en": {"text": "Why?"}}}, r"translations\.en\.label: Field required"),
        (
            {"translations": {"en": {"text": "Why?", "label": "goal", "hint": "x"}}},
            r"translations\.en\.hint: Extra inputs are not permitted",
        ),
        (
            {"translations": {"en": {"text": 3, "label": "goal"}}},
            r"translations\.en\.text: Input should be a valid string",
        ),
        (
            {"translations": {"xx": {"text": "Why?", "label": "goal"}}},
            r"translations\.xx\.\[key\]: Value error, 'xx' is not an enabled content language",
        ),
    ],
)
def test_it_refuses_a_malformed_question_and_writes_nothing(
    changes: dict[str, Any], message: str
) -> None:
    values: dict[str, Any] = {
        "key": "age",
        "type": "int",
        "choices": [],
        "minimum": None,
        "maximum": None,
        "translations": {"en": {"text": "How old are you?", "label": "your age"}},
    }
    with pytest.raises(PathwayError, match=message):
        question_save(data=QuestionData(**{**values, **changes}), position=0, actor=None)
    assert not Question.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_rule_is_checked_against_the_stored_questions_without_a_context(
    questions: None,
) -> None:
    make_pathway("cr-work", RULE)
    assert ELIGIBILITY.validate_python(Pathway.objects.get().eligibility) == RULE
    Question.objects.filter(key="age").delete()
    with pytest.raises(ValueError, match="unknown question 'age'"):
        ELIGIBILITY.validate_python(RULE)
