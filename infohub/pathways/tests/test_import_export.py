"""The pathways file: what an import writes, what it refuses and why, and the round trip."""

import copy
import datetime as dt
import io
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import time_machine
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db.models import Model

from infohub.audit.models import AuditAction, AuditEvent
from infohub.demo.directory import load_demo_directory
from infohub.pathways.errors import PathwayImportError
from infohub.pathways.imports import pathways_import
from infohub.pathways.models import Pathway, PathwayTranslation, Question
from infohub.pathways.selectors import pathway_list_published
from infohub.search.models import SearchChange, SearchDocumentKind

pytestmark = pytest.mark.django_db

DEMO = Path(settings.BASE_DIR) / "infohub" / "demo" / "pathways.yaml"
MISSING_SERVICE = uuid.UUID("0b0e0f3c-0000-4000-8000-000000000000")

Change = Callable[[dict[str, Any]], None]


def questions() -> list[dict[str, Any]]:
    return [
        {
            "id": "has_passport",
            "type": "bool",
            "translations": {
                "en": {
                    "text": "Do you have a valid passport?",
                    "label": "whether you have a valid passport",
                    "yes": "you have a valid passport",
                    "no": "you do not have a valid passport",
                }
            },
        },
        {
            "id": "age",
            "type": "int",
            "min": 0,
            "max": 120,
            "translations": {"en": {"text": "How old are you?", "label": "your age"}},
        },
        {
            "id": "nationality",
            "type": "country",
            "translations": {"en": {"text": "Your nationality?", "label": "your nationality"}},
        },
        {
            "id": "reason",
            "type": "choice",
            "choices": ["work", "study"],
            "translations": {
                "en": {
                    "text": "Why do you go?",
                    "label": "the reason",
                    "choices": {"work": "Work", "study": "Study"},
                }
            },
        },
    ]


def pathway(slug: str, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": slug,
        "country": "CR",
        "category": "work",
        "status": "published",
        "source_language": "es",
        "translations": {
            "es": {"title": "Permiso de trabajo", "summary": "Un párrafo.", "steps": ["Uno."]},
            "en": {"title": "Work permit", "summary": "One paragraph.", "steps": ["One."]},
        },
        "eligibility": {
            "all": [
                {"field": "has_passport", "eq": True},
                {"field": "age", "gte": 18},
                {"field": "nationality", "not_in": ["CR"]},
            ]
        },
        "documents": [{"es": "Pasaporte vigente", "en": "Valid passport"}],
        "fees": [{"amount": "50.00", "currency": "USD", "label": {"es": "Solicitud"}}],
        "processing_days": 90,
        "sources": [{"title": "Immigration office", "url": "https://example.org/work"}],
    }
    values.update(overrides)
    return values


def document() -> dict[str, Any]:
    """Two pathways: 'x' published, 'y' a draft that asks for the reason."""
    study = {"any": [{"field": "reason", "in": ["study"]}, {"field": "age", "lt": 18}]}
    return {
        "questions": questions(),
        "pathways": [
            pathway("x"),
            pathway("y", category="study", status="draft", eligibility=study),
        ],
    }


def write(tmp_path: Path, content: dict[str, Any]) -> Path:
    path = tmp_path / "pathways.yaml"
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def run(command: str, *args: str) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def import_refused(path: Path) -> list[str]:
    """The problem lines of a refused import, after its heading."""
    with pytest.raises(CommandError) as raised:
        run("import_pathways", str(path))
    heading, *lines = str(raised.value).splitlines()
    assert heading == f"Nothing was imported; {len(lines)} problem(s):"
    return [line.removeprefix("  ") for line in lines]


def row_counts() -> dict[str, int]:
    models: list[type[Model]] = [
        Question,
        Pathway,
        PathwayTranslation,
        Pathway.apply_at.through,
        AuditEvent,
        SearchChange,
    ]
    return {model.__name__: model._default_manager.count() for model in models}


def stripped_demo(tmp_path: Path) -> Path:
    """The demo file without its apply_at ids, which need the demo directory."""
    content = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    for item in content["pathways"]:
        item.pop("apply_at", None)
    return write(tmp_path, content)


def test_an_import_creates_questions_pathways_and_translations_with_the_files_statuses(
    tmp_path: Path,
) -> None:
    with time_machine.travel("2026-03-01 10:00 +0000", tick=False):
        out = run("import_pathways", str(write(tmp_path, document())))

    assert out == (
        "Imported questions: 4 created, 0 updated, 0 unchanged; "
        "pathways: 2 created, 0 updated, 0 unchanged."
    )
    assert list(Question.objects.values_list("key", "type")) == [
        ("has_passport", "bool"),
        ("age", "int"),
        ("nationality", "country"),
        ("reason", "choice"),
    ]
    x, y = Pathway.objects.get(slug="x"), Pathway.objects.get(slug="y")
    assert (x.status, y.status) == ("published", "draft")
    assert x.published_at is not None
    assert x.published_at.date() == dt.date(2026, 3, 1)
    assert x.review_due == dt.date(2026, 3, 1) + dt.timedelta(
        days=settings.INFOHUB_REVIEW_PERIOD_DAYS
    )
    assert (y.published_at, y.review_due) == (None, None)
    assert x.fees == [{"amount": "50.00", "currency": "USD", "label": {"es": "Solicitud"}}]
    titles = dict(x.translations.values_list("lang", "title"))
    assert titles == {"en": "Work permit", "es": "Permiso de trabajo"}
    assert not x.translations.filter(needs_update=True).exists()


def test_an_import_writes_audit_rows_and_sends_published_pathways_to_search(
    tmp_path: Path,
) -> None:
    run("import_pathways", str(write(tmp_path, document())))

    x, y = Pathway.objects.get(slug="x"), Pathway.objects.get(slug="y")
    imports = AuditEvent.objects.filter(action=AuditAction.PATHWAY_IMPORT)
    assert sorted(imports.values_list("object_id", flat=True)) == sorted([x.public_id, y.public_id])
    saved = AuditEvent.objects.filter(action=AuditAction.QUESTION_SAVE)
    assert set(saved.values_list("object_id", flat=True)) == set(
        Question.objects.values_list("public_id", flat=True)
    )
    assert saved.count() == 4
    changes = SearchChange.objects.filter(kind=SearchDocumentKind.PATHWAY)
    assert list(changes.values_list("object_id", flat=True)) == [x.public_id]


def test_importing_the_same_file_again_changes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, document())
    run("import_pathways", str(path))
    before = row_counts()

    out = run("import_pathways", str(path))

    assert out == (
        "Imported questions: 0 created, 0 updated, 4 unchanged; "
        "pathways: 0 created, 0 updated, 2 unchanged."
    )
    assert row_counts() == before


def test_importing_the_demo_file_again_changes_nothing(tmp_path: Path) -> None:
    load_demo_directory()
    run("import_pathways", str(DEMO))
    before = row_counts()

    out = run("import_pathways", str(DEMO))

    assert out == (
        "Imported questions: 0 created, 0 updated, 12 unchanged; "
        "pathways: 0 created, 0 updated, 15 unchanged."
    )
    assert row_counts() == before
    assert Pathway.apply_at.through.objects.exists()


def test_a_file_with_a_different_key_order_and_spelling_is_unchanged(tmp_path: Path) -> None:
    run("import_pathways", str(write(tmp_path, document())))
    content = document()
    x = content["pathways"][0]
    x["eligibility"]["all"][1] = {"gte": 18, "field": "age"}
    x["fees"][0]["amount"] = 50
    x["translations"]["es"]["title"] = "  Permiso de trabajo "
    content["pathways"][0] = dict(reversed(list(x.items())))
    before = row_counts()

    out = run("import_pathways", str(write(tmp_path, content)))

    assert out.endswith("pathways: 0 created, 0 updated, 2 unchanged.")
    assert row_counts() == before


def test_export_import_export_gives_byte_identical_files(tmp_path: Path) -> None:
    run("import_pathways", str(write(tmp_path, document())))
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    assert run("export_pathways", str(first)) == (
        f"Exported 4 questions and 2 pathways to {first}."
    )
    Pathway.objects.all().delete()
    Question.objects.all().delete()

    run("import_pathways", str(first))
    run("export_pathways", str(second))

    assert first.read_bytes() == second.read_bytes()
    assert dict(Pathway.objects.values_list("slug", "status")) == {"x": "published", "y": "draft"}


def test_the_demo_file_exports_imports_and_exports_byte_identically(tmp_path: Path) -> None:
    load_demo_directory()
    run("import_pathways", str(DEMO))
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    run("export_pathways", str(first))
    before = row_counts()

    out = run("import_pathways", str(first))
    run("export_pathways", str(second))

    assert out.endswith("12 unchanged; pathways: 0 created, 0 updated, 15 unchanged.")
    assert row_counts() == before
    assert first.read_bytes() == second.read_bytes()
    exported = yaml.safe_load(first.read_text(encoding="utf-8"))
    assert (len(exported["questions"]), len(exported["pathways"])) == (12, 15)
    assert sum(len(p.get("apply_at", [])) for p in exported["pathways"]) > 0


def test_the_demo_file_without_services_round_trips_into_an_empty_database(
    tmp_path: Path,
) -> None:
    run("import_pathways", str(stripped_demo(tmp_path)))
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    run("export_pathways", str(first))
    Pathway.objects.all().delete()
    Question.objects.all().delete()

    run("import_pathways", str(first))
    run("export_pathways", str(second))

    assert first.read_bytes() == second.read_bytes()
    assert PathwayTranslation.objects.values("lang").distinct().count() == 4


def put(*where: str | int, value: object) -> Change:
    def change(content: dict[str, Any]) -> None:
        node: Any = content
        for key in where[:-1]:
            node = node[key]
        node[where[-1]] = value

    return change


def drop(*where: str | int) -> Change:
    def change(content: dict[str, Any]) -> None:
        node: Any = content
        for key in where[:-1]:
            node = node[key]
        del node[where[-1]]

    return change


def repeat(section: str, index: int) -> Change:
    def change(content: dict[str, Any]) -> None:
        content[section].append(copy.deepcopy(content[section][index]))

    return change


X_RULE = ("pathways", 0, "eligibility", "all")
X_EN = ("pathways", 0, "translations", "en")
X_FEE = ("pathways", 0, "fees", 0)
PASSPORT_EN = ("questions", 0, "translations", "en")
REASON_EN = ("questions", 3, "translations", "en")

INVALID: list[tuple[str, Change, str]] = [
    (
        "unknown question in a rule",
        put(*X_RULE, 1, "field", value="agee"),
        "pathways.yaml: pathway 'x': eligibility.all[1].field: unknown question 'agee'",
    ),
    (
        "value of the wrong type",
        put(*X_RULE, 1, "gte", value="eighteen"),
        "pathways.yaml: pathway 'x': eligibility.all[1].gte: 'eighteen' is not a valid value"
        " of 'age' (int): expected a whole number",
    ),
    (
        "country value in lower case",
        put(*X_RULE, 2, "not_in", value=["CR", "ni"]),
        "pathways.yaml: pathway 'x': eligibility.all[2].not_in[1]: 'ni' is not a valid value",
    ),
    (
        "operator not for the type",
        put(*X_RULE, 0, value={"field": "has_passport", "gt": 0}),
        "pathways.yaml: pathway 'x': eligibility.all[0].gt: 'gt' cannot be used on a bool",
    ),
    (
        "choice that is not one of the question's",
        put("pathways", 1, "eligibility", "any", 0, "in", value=["tourism"]),
        "pathways.yaml: pathway 'y': eligibility.any[0].in[0]: 'tourism' is not a valid value"
        " of 'reason' (choice): expected one of work, study",
    ),
    (
        "unknown top-level key",
        put("articles", value=[]),
        "pathways.yaml: top level: expected a mapping with 'questions:' and 'pathways:' lists",
    ),
    (
        "unknown pathway key",
        put("pathways", 0, "author", value="Ana"),
        "pathways.yaml: pathway 'x': unknown key 'author'",
    ),
    (
        "bad country",
        put("pathways", 0, "country", value="XX"),
        "pathways.yaml: pathway 'x': country: expected an ISO 3166 alpha-2 code",
    ),
    (
        "bad category",
        put("pathways", 0, "category", value="tourism"),
        "pathways.yaml: pathway 'x': category: expected one of work, family, study",
    ),
    (
        "bad status",
        put("pathways", 0, "status", value="deleted"),
        "pathways.yaml: pathway 'x': status: expected one of draft, in_review, published, archived",
    ),
    (
        "missing title",
        drop(*X_EN, "title"),
        "pathways.yaml: pathway 'x': translations.en: title: required",
    ),
    (
        "unknown language",
        put("pathways", 0, "translations", "xx", value={"title": "X"}),
        "pathways.yaml: pathway 'x': translations: unknown language xx (enabled: es, en, fr, ht)",
    ),
    (
        "source language without a translation",
        put("pathways", 0, "source_language", value="fr"),
        "pathways.yaml: pathway 'x': source_language: 'fr' has no translation",
    ),
    (
        "negative fee",
        put(*X_FEE, "amount", value="-5"),
        "pathways.yaml: pathway 'x': fees[0].amount: expected an amount of 0 or more",
    ),
    (
        "fee that is not a number",
        put(*X_FEE, "amount", value="fifty"),
        "pathways.yaml: pathway 'x': fees[0].amount: expected an amount of 0 or more",
    ),
    (
        "bad currency",
        put(*X_FEE, "currency", value="usd"),
        "pathways.yaml: pathway 'x': fees[0].currency: expected a code of three capitals",
    ),
    (
        "bad source url",
        put("pathways", 0, "sources", 0, "url", value="javascript:alert(1)"),
        "pathways.yaml: pathway 'x': sources[0]: expected a title and an http(s) url",
    ),
    (
        "apply_at id that is not a uuid",
        put("pathways", 0, "apply_at", value=["service-1"]),
        "pathways.yaml: pathway 'x': apply_at[0]: 'service-1' is not a service id",
    ),
    (
        "apply_at id of no service",
        put("pathways", 0, "apply_at", value=[str(MISSING_SERVICE)]),
        f"pathways.yaml: pathway 'x': apply_at: no directory service {MISSING_SERVICE}",
    ),
    (
        "duplicate pathway id",
        repeat("pathways", 0),
        "pathways.yaml: pathway 'x': this id is used twice",
    ),
    (
        "duplicate question id",
        repeat("questions", 1),
        "pathways.yaml: question 'age': this id is used twice",
    ),
    (
        "bool question without yes",
        drop(*PASSPORT_EN, "yes"),
        "pathways.yaml: question 'has_passport': translations.en: yes: required",
    ),
    (
        "bool question without no",
        drop(*PASSPORT_EN, "no"),
        "pathways.yaml: question 'has_passport': translations.en: no: required",
    ),
    (
        "choice question without labels",
        drop(*REASON_EN, "choices"),
        "pathways.yaml: question 'reason': translations.en: choices: no label for work, study",
    ),
    (
        "choice question without choices",
        drop("questions", 3, "choices"),
        "pathways.yaml: question 'reason': choices: a choice question needs a list of choice ids",
    ),
    (
        "unknown question type",
        put("questions", 1, "type", value="number"),
        "pathways.yaml: question 'age': type: expected one of bool, int, country, choice",
    ),
    (
        "bounds on a question that is not a number",
        put("questions", 2, "min", value=0),
        "pathways.yaml: question 'nationality': min: only whole-number questions have bounds",
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"),
    [(change, expected) for _, change, expected in INVALID],
    ids=[name for name, _, _ in INVALID],
)
def test_a_problem_names_the_file_the_record_and_the_place_and_nothing_is_imported(
    tmp_path: Path, change: Change, expected: str
) -> None:
    content = document()
    change(content)
    path = write(tmp_path, content)
    before = row_counts()

    problems = import_refused(path)

    assert any(problem.startswith(expected) for problem in problems), problems
    assert row_counts() == before


def test_a_problem_in_one_record_is_listed_once(tmp_path: Path) -> None:
    content = document()
    content["pathways"][0]["country"] = "XX"
    assert import_refused(write(tmp_path, content)) == [
        "pathways.yaml: pathway 'x': country: expected an ISO 3166 alpha-2 code in capitals (CR)"
    ]


def test_invalid_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "pathways.yaml"
    path.write_text("questions: []\npathways:\n  - id: x\n    country: CR: DO\n", "utf-8")
    assert import_refused(path) == [
        "pathways.yaml: line 4: not valid YAML (mapping values are not allowed here)"
    ]


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pathways.yaml"
    path.write_bytes("questions: []\npathways: []\n# café\n".encode("latin-1"))
    assert import_refused(path) == ["pathways.yaml: the file is not UTF-8 text"]


def test_a_question_change_that_breaks_a_pathway_left_out_of_the_file_is_refused(
    tmp_path: Path,
) -> None:
    run("import_pathways", str(write(tmp_path, document())))
    content = document()
    del content["pathways"][1]
    content["questions"][3] = {
        "id": "reason",
        "type": "bool",
        "translations": {"en": {"text": "Work?", "label": "work", "yes": "y", "no": "n"}},
    }
    before = row_counts()

    problems = import_refused(write(tmp_path, content))

    assert problems == [
        "pathways.yaml: pathway 'y' (in the database, not in the file): "
        "eligibility.any[0].in: 'in' cannot be used on a bool (eq, ne)"
    ]
    assert row_counts() == before
    assert Question.objects.get(key="reason").type == "choice"


def test_every_problem_is_listed_not_only_the_first(tmp_path: Path) -> None:
    content = document()
    content["pathways"][0]["country"] = "XX"
    content["pathways"][0]["category"] = "tourism"
    content["pathways"][1]["eligibility"]["any"][1]["field"] = "edad"

    problems = import_refused(write(tmp_path, content))

    assert len(problems) == 3
    assert problems[0].startswith("pathways.yaml: pathway 'x': country: ")
    assert problems[1].startswith("pathways.yaml: pathway 'x': category: ")
    assert problems[2] == (
        "pathways.yaml: pathway 'y': eligibility.any[1].field: unknown question 'edad'"
    )


def test_nothing_is_written_when_only_the_second_pathway_is_invalid(tmp_path: Path) -> None:
    content = document()
    content["pathways"][1]["status"] = "gone"
    before = row_counts()

    with pytest.raises(PathwayImportError) as raised:
        pathways_import(path=write(tmp_path, content))

    assert len(raised.value.problems) == 1
    assert row_counts() == before
    assert not Question.objects.exists()


def test_a_valid_change_is_not_written_when_another_pathway_is_invalid(tmp_path: Path) -> None:
    run("import_pathways", str(write(tmp_path, document())))
    content = document()
    content["pathways"][0]["translations"]["es"]["title"] = "Permiso nuevo"
    content["pathways"][1]["country"] = "XX"
    before = row_counts()

    import_refused(write(tmp_path, content))

    assert row_counts() == before
    assert PathwayTranslation.objects.get(pathway__slug="x", lang="es").title == (
        "Permiso de trabajo"
    )


def needs_update(slug: str) -> dict[str, bool]:
    return dict(
        PathwayTranslation.objects.filter(pathway__slug=slug).values_list("lang", "needs_update")
    )


def test_a_changed_source_text_flags_the_unchanged_translations(tmp_path: Path) -> None:
    run("import_pathways", str(write(tmp_path, document())))
    content = document()
    content["pathways"][0]["translations"]["es"]["steps"].append("Dos.")

    out = run("import_pathways", str(write(tmp_path, content)))

    assert out.endswith("pathways: 0 created, 1 updated, 1 unchanged.")
    assert needs_update("x") == {"es": False, "en": True}


def test_a_changed_translation_clears_its_own_flag(tmp_path: Path) -> None:
    run("import_pathways", str(write(tmp_path, document())))
    content = document()
    content["pathways"][0]["translations"]["es"]["title"] = "Permiso temporal"
    run("import_pathways", str(write(tmp_path, content)))
    content["pathways"][0]["translations"]["en"]["title"] = "Temporary permit"

    run("import_pathways", str(write(tmp_path, content)))

    assert needs_update("x") == {"es": False, "en": False}


def test_a_changed_translation_flags_nothing(tmp_path: Path) -> None:
    run("import_pathways", str(write(tmp_path, document())))
    content = document()
    content["pathways"][0]["translations"]["en"]["summary"] = "Another paragraph."

    run("import_pathways", str(write(tmp_path, content)))

    assert needs_update("x") == {"es": False, "en": False}


def test_source_and_translation_changed_together_leave_no_flag(tmp_path: Path) -> None:
    run("import_pathways", str(write(tmp_path, document())))
    content = document()
    content["pathways"][0]["translations"]["es"]["title"] = "Permiso temporal"
    content["pathways"][0]["translations"]["en"]["title"] = "Temporary permit"

    run("import_pathways", str(write(tmp_path, content)))

    assert needs_update("x") == {"es": False, "en": False}


def test_archiving_a_published_pathway_by_import_takes_it_out_of_search(
    tmp_path: Path,
) -> None:
    run("import_pathways", str(write(tmp_path, document())))
    x = Pathway.objects.get(slug="x")
    assert list(pathway_list_published()) == [x]
    changes = SearchChange.objects.filter(kind=SearchDocumentKind.PATHWAY, object_id=x.public_id)
    assert changes.count() == 1
    content = document()
    content["pathways"][0]["status"] = "archived"

    run("import_pathways", str(write(tmp_path, content)))

    assert Pathway.objects.get(slug="x").status == "archived"
    assert changes.count() == 2
    assert list(pathway_list_published()) == []
    imports = AuditEvent.objects.filter(action=AuditAction.PATHWAY_IMPORT, object_id=x.public_id)
    assert imports.count() == 2


def test_export_refuses_to_overwrite_a_file_without_force(tmp_path: Path) -> None:
    run("import_pathways", str(write(tmp_path, document())))
    target = tmp_path / "out.yaml"
    target.write_text("keep me\n", encoding="utf-8")

    with pytest.raises(CommandError, match="exists; use --force to replace it"):
        run("export_pathways", str(target))

    assert target.read_text(encoding="utf-8") == "keep me\n"


def test_export_overwrites_a_file_with_force(tmp_path: Path) -> None:
    run("import_pathways", str(write(tmp_path, document())))
    target = tmp_path / "out.yaml"
    target.write_text("keep me\n", encoding="utf-8")

    out = run("export_pathways", str(target), "--force")

    assert out == f"Exported 4 questions and 2 pathways to {target}."
    exported = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert [p["id"] for p in exported["pathways"]] == ["x", "y"]


def test_a_problem_in_a_questions_texts_is_reported_once(tmp_path: Path) -> None:
    content = document()
    del content["questions"][0]["translations"]["en"]["yes"]
    assert import_refused(write(tmp_path, content)) == [
        "pathways.yaml: question 'has_passport': translations.en: yes: required"
    ]


@pytest.mark.parametrize(
    ("position", "texts", "expected"),
    [
        (1, {"help": 5}, "question 'age': translations.en: help: expected text"),
        (1, {"yes": "old"}, "question 'age': translations.en: yes: only yes-or-no questions"),
    ],
)
def test_question_texts_are_checked_strictly(
    tmp_path: Path, position: int, texts: dict[str, Any], expected: str
) -> None:
    content = document()
    content["questions"][position]["translations"]["en"].update(texts)
    (problem,) = import_refused(write(tmp_path, content))
    assert problem.startswith(f"pathways.yaml: {expected}")
