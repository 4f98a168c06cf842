"""Checking what an import read: HSDS schemas, value types, and references between rows.

Every record is checked against its table's schema (with ``tabular_required`` added,
since rows are stored in tables), its dates and times are parsed, and every foreign
key must name a row of the input or of the directory. Nothing stops at the first
problem: the import reports them all. With ``skip_invalid``, a row with a problem is
left out, and so is every row that depends on it, each with its reason.
"""

import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from jsonschema import ValidationError

from infohub.directory.errors import Problem
from infohub.directory.hsds.readers import Batch, Record
from infohub.directory.hsds.schema import validator
from infohub.directory.hsds.tables import (
    EXTENSIONS,
    POLYMORPHIC_LINKS,
    SOURCE_LANGUAGES,
    TRANSLATABLE_FIELDS,
    TRANSLATIONS,
    TableSpec,
    tables,
)
from infohub.directory.hsds.values import BadValueError, to_python

Progress = Callable[[str, int, int], None]

_REQUIRED = re.compile(r"'(.+)' is a required property")
# SQLite accepts at most 999 parameters in older builds; stay well below.
CHUNK = 500
PROGRESS_EVERY = 1000


@dataclass
class Checked:
    """The outcome of checking a batch."""

    # Rows to write, by table, parents first; extension rows by extension name.
    valid: dict[str, list[Record]] = field(default_factory=dict)
    # Every problem found in records and files; any makes an atomic import fail.
    problems: list[Problem] = field(default_factory=list)
    # With skip_invalid: every reason a row was left out, dependents included.
    skipped: list[Problem] = field(default_factory=list)
    skipped_counts: dict[str, int] = field(default_factory=dict)


def check_batch(
    batch: Batch, *, source_language: str, skip_invalid: bool, progress: Progress
) -> Checked:
    specs: dict[str, TableSpec] = {**tables(), **EXTENSIONS}
    total = batch.size
    done = 0
    for name, records in [*batch.records.items(), *batch.extensions.items()]:
        check = _RowChecker(specs[name])
        for record in records:
            check(record)
            done += 1
            if done % PROGRESS_EVERY == 0:
                progress("Checking", done, total)
        _repeated_ids(records)
    progress("Checking", total, total)
    _check_references(batch)
    _check_extensions(batch)
    _assign_source_languages(batch, default=source_language)
    checked = Checked(problems=[*batch.problems])
    checked.problems.extend(p for record in batch.all_records() for p in record.problems)
    _keep_or_skip(batch, checked, skip_invalid=skip_invalid)
    return checked


class _RowChecker:
    """Validates records of one table and converts their values for the model."""

    def __init__(self, spec: TableSpec) -> None:
        self.spec = spec
        self.validator = validator(spec.row_schema)

    def __call__(self, record: Record) -> None:
        # null and absent are the same: tables cannot tell them apart.
        values = {k: v for k, v in record.values.items() if v is not None}
        failed = set()
        if not self.validator.is_valid(values):
            for error in self.validator.iter_errors(values):
                failed.add(self._report(record, error))
        row = record.row
        given = record.values.keys() if record.given is None else record.given
        for column in self.spec.columns:
            if column.name not in given and column.name != "id":
                continue
            value = values.get(column.name)
            if value is None or column.name in failed:
                row[column.attname] = None if column.nullable else ""
                continue
            try:
                row[column.attname] = to_python(column.kind, value)
            except BadValueError as error:
                record.problem(str(error), field=column.name)
        key = row.get("id", row.get("record_id"))
        record.id = key if isinstance(key, uuid.UUID) else None
        if not record.problems:
            # The row holds everything from here on; large imports keep half the memory.
            record.values = {k: v for k, v in values.items() if k in ("id", "record_id")}

    def _report(self, record: Record, error: ValidationError) -> str:
        path = list(error.absolute_path)
        if not path and error.validator == "required":
            match = _REQUIRED.match(error.message)
            name = match.group(1) if match else ""
            record.problem("is required and missing", field=name)
            return name
        if not path:
            record.problem(error.message)
            return ""
        name = str(path[0])
        rest = "".join(f"/{part}" for part in path[1:])
        record.problem(f"{rest + ': ' if rest else ''}{_short(error.message)}", field=name)
        return name


def _short(message: str, limit: int = 300) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


def _repeated_ids(records: list[Record]) -> None:
    """A row whose key is already taken is a problem; the first row keeps the key."""
    first: dict[Any, Record] = {}
    for record in records:
        if record.id is None:
            continue
        key: Any = record.id
        if record.table in EXTENSIONS:
            # Every column but the last (the text or the language) makes the key.
            key = tuple(record.row.get(c.attname) for c in EXTENSIONS[record.table].columns[:-1])
        if key in first:
            name = "" if record.table in EXTENSIONS else "id"
            record.problem(f"repeats the row at {first[key].where}", field=name)
        else:
            first[key] = record


# --- References ---------------------------------------------------------------------


def _known_ids(batch: Batch) -> dict[str, set[uuid.UUID]]:
    return {
        name: {r.id for r in records if r.id is not None} for name, records in batch.records.items()
    }


def _existing(table: str, ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """Which of ``ids`` the directory already holds in ``table``."""
    model = tables()[table].model
    wanted = sorted(set(ids))
    found: set[uuid.UUID] = set()
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        found.update(model._default_manager.filter(id__in=chunk).values_list("id", flat=True))
    return found


def _check_references(batch: Batch) -> None:
    known = _known_ids(batch)
    pending: list[tuple[Record, str, str, uuid.UUID]] = []
    for name, records in batch.records.items():
        for column in tables()[name].foreign_keys:
            target = column.references or ""
            ids = known.get(target, set())
            for record in records:
                value = record.row.get(column.attname)
                if isinstance(value, uuid.UUID) and value not in ids:
                    pending.append((record, column.name, target, value))
    existing = _existing_by_table(pending)
    for record, column_name, target, value in pending:
        if value not in existing[target]:
            record.problem(
                f"no {target} has the id {value}, neither in {tables()[target].path} "
                "nor in the directory",
                field=column_name,
            )


def _existing_by_table(
    pending: list[tuple[Record, str, str, uuid.UUID]],
) -> dict[str, set[uuid.UUID]]:
    wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
    for _record, _column, target, value in pending:
        wanted[target].add(value)
    return defaultdict(set, {target: _existing(target, ids) for target, ids in wanted.items()})


def _check_extensions(batch: Batch) -> None:
    known = _known_ids(batch)
    languages = settings.INFOHUB_CONTENT_LANGUAGES
    pending: list[tuple[Record, str, uuid.UUID]] = []
    for spec in (TRANSLATIONS, SOURCE_LANGUAGES):
        for record in batch.extensions.get(spec.name, []):
            table, record_id = record.row.get("table"), record.id
            if table not in TRANSLATABLE_FIELDS:
                record.problem(f"{table!r} is not a table with translatable text", field="table")
                continue
            if spec is TRANSLATIONS and record.row["field"] not in TRANSLATABLE_FIELDS[table]:
                record.problem(
                    f"{table}.{record.row['field']} is not a translatable field; use one of "
                    f"{', '.join(TRANSLATABLE_FIELDS[table])}",
                    field="field",
                )
            if record.row.get("language") not in languages:
                record.problem(
                    f"{record.row.get('language')!r} is not a content language "
                    f"({', '.join(languages)})",
                    field="language",
                )
            if record_id is None or record_id in known.get(table, set()):
                continue
            if spec is SOURCE_LANGUAGES:
                record.problem(f"no {table} with this id is in the package", field="record_id")
            else:
                pending.append((record, table, record_id))
    wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
    for _record, table, record_id in pending:
        wanted[table].add(record_id)
    existing = {table: _existing(table, ids) for table, ids in wanted.items()}
    for record, table, record_id in pending:
        if record_id not in existing[table]:
            record.problem(
                f"no {table} has the id {record_id}, neither in the package nor in the directory",
                field="record_id",
            )


def _assign_source_languages(batch: Batch, *, default: str) -> None:
    declared = {
        (r.row["table"], r.id): r.row["language"]
        for r in batch.extensions.get(SOURCE_LANGUAGES.name, [])
        if not r.problems
    }
    for name, records in batch.records.items():
        if name in TRANSLATABLE_FIELDS:
            for record in records:
                record.row["source_language"] = declared.get((name, record.id), default)


# --- Keeping or skipping ------------------------------------------------------------


def _keep_or_skip(batch: Batch, checked: Checked, *, skip_invalid: bool) -> None:
    """Sort records into rows to write and rows skipped, parents before children."""
    skipped: dict[str, dict[uuid.UUID, Record]] = defaultdict(dict)
    skipped_any: dict[uuid.UUID, Record] = {}
    for name in [*tables(), *EXTENSIONS]:
        records = batch.records.get(name) or batch.extensions.get(name) or []
        kept: list[Record] = []
        kept_ids: set[uuid.UUID] = set()
        for record in records:
            reasons = list(record.problems) or _dependencies(record, skipped, skipped_any)
            if not reasons:
                kept.append(record)
                if record.id is not None:
                    kept_ids.add(record.id)
                continue
            checked.skipped.extend(reasons)
            checked.skipped_counts[name] = checked.skipped_counts.get(name, 0) + 1
            # A repeated row is skipped, but the first row with its id is still there.
            if record.id is not None and record.id not in kept_ids and name in tables():
                skipped[name][record.id] = record
                skipped_any[record.id] = record
        checked.valid[name] = kept
    if not skip_invalid:
        checked.skipped.clear()


def _dependencies(
    record: Record,
    skipped: dict[str, dict[uuid.UUID, Record]],
    skipped_any: dict[uuid.UUID, Record],
) -> list[Problem]:
    links: list[tuple[str, Any, dict[uuid.UUID, Record]]] = []
    if record.table in EXTENSIONS:
        table = record.row.get("table", "")
        links.append(("record_id", record.id, skipped.get(table, {})))
    else:
        table_spec = tables()[record.table]
        for column in table_spec.foreign_keys:
            value = record.row.get(column.attname)
            links.append((column.name, value, skipped.get(column.references or "", {})))
        if record.table in POLYMORPHIC_LINKS:
            link = POLYMORPHIC_LINKS[record.table][0]
            links.append((link, record.row.get(link), skipped_any))
    reasons = []
    for name, value, pool in links:
        parent = pool.get(value) if isinstance(value, uuid.UUID) else None
        if parent is not None:
            reasons.append(
                record.problem(
                    f"depends on the skipped {parent.table} {value} ({parent.where})",
                    field=name,
                )
            )
    return reasons
