"""Importing a pathways file into the database, and exporting the database as one.

An import checks the whole file, and the file against the database (directory
services, pathways that stay as they are), before it writes anything; then it writes in
one transaction. Importing the same file again changes nothing.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from infohub.accounts.models import User
from infohub.directory.models import Service
from infohub.pathways.errors import PathwayImportError
from infohub.pathways.files import read_pathways_text
from infohub.pathways.files.common import ParsedFile, Problems, question_spec_of
from infohub.pathways.files.writing import render_pathways_file
from infohub.pathways.models import Pathway, Question
from infohub.pathways.records import pathway_record, question_record
from infohub.pathways.rules.language import RuleError, validate_rule
from infohub.pathways.selectors import question_specs
from infohub.pathways.services import pathway_save_imported, question_save

# Called as progress(stage, done, total) after each record.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ImportReport:
    questions: Counter[str]  # "created"/"updated"/"unchanged" counts
    pathways: Counter[str]


def _check_against_database(parsed: ParsedFile, problems: Problems) -> None:
    wanted = {service_id for p in parsed.pathways for service_id in p.apply_at}
    known = set(Service.objects.filter(id__in=wanted).values_list("id", flat=True))
    for pathway in parsed.pathways:
        for missing in sorted(set(pathway.apply_at) - known, key=str):
            problems.add(f"pathway {pathway.slug!r}", f"apply_at: no directory service {missing}")
    # Pathways left out of the file keep their rules: the file's questions must fit them.
    specs = {**question_specs(Question.objects.all())}
    specs.update({q.key: question_spec_of(q) for q in parsed.questions})
    in_file = {p.slug for p in parsed.pathways}
    for kept in Pathway.objects.exclude(slug__in=in_file).order_by("slug"):
        try:
            validate_rule(kept.eligibility, specs)
        except RuleError as error:
            problems.add(f"pathway {kept.slug!r} (in the database, not in the file)", str(error))


def read_checked(path: Path) -> ParsedFile:
    problems = Problems(path.name)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PathwayImportError([f"{path.name}: the file is not UTF-8 text"]) from None
    known = question_specs(Question.objects.all())
    parsed = read_pathways_text(text, file_name=path.name, known_questions=known, problems=problems)
    # Checked even when the file has other problems, so that every problem is listed.
    _check_against_database(parsed, problems)
    if problems.items:
        raise PathwayImportError(problems.items)
    return parsed


def pathways_import(
    *, path: Path, actor: User | None = None, progress: Progress | None = None
) -> ImportReport:
    """Import a checked file in one transaction; PathwayImportError lists every problem."""
    parsed = read_checked(path)
    report = ImportReport(questions=Counter(), pathways=Counter())
    total = len(parsed.questions) + len(parsed.pathways)
    with transaction.atomic():
        for position, question in enumerate(parsed.questions):
            existed = Question.objects.filter(key=question.key).exists()
            changed = question_save(data=question, position=position, actor=actor)
            outcome = ("updated" if existed else "created") if changed else "unchanged"
            report.questions[outcome] += 1
            if progress:
                progress("Importing", position + 1, total)
        for i, pathway in enumerate(parsed.pathways, start=len(parsed.questions) + 1):
            report.pathways[pathway_save_imported(data=pathway, actor=actor)] += 1
            if progress:
                progress("Importing", i, total)
    return report


def pathways_export(*, path: Path) -> tuple[int, int]:
    """Write every question and pathway, whatever its status; returns the two counts."""
    questions = [question_record(q) for q in Question.objects.order_by("position", "key")]
    pathways = [
        pathway_record(p)
        for p in Pathway.objects.order_by("slug").prefetch_related("translations", "apply_at")
    ]
    path.write_text(render_pathways_file(questions, pathways), encoding="utf-8")
    return len(questions), len(pathways)
