"""Reading an import's input into records, one per table row, with where it came from.

This module holds the records and the reading of tabular data packages, one record
per CSV row; json_input.py reads HSDS JSON into the same records.
"""

import csv
import io
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from infohub.directory.errors import DirectoryError, Problem
from infohub.directory.hsds.limits import check_json_depth
from infohub.directory.hsds.sources import DESCRIPTOR, PackageSource, package_path_is_safe
from infohub.directory.hsds.tables import EXTENSIONS, Table, TableSpec, tables
from infohub.directory.hsds.values import from_cell

# Descriptions as long as a page are normal; the csv module's default limit is 128 KiB.
csv.field_size_limit(16 * 1024 * 1024)


@dataclass(eq=False, slots=True)
class Record:
    """One row of one table, as read; validation fills ``row`` or ``problems``."""

    table: str
    values: dict[str, Any]
    file: str
    line: int | None = None
    pointer: str | None = None
    problems: list[Problem] = field(default_factory=list)
    row: dict[str, Any] = field(default_factory=dict)
    id: uuid.UUID | None = None
    # The columns the input gives, empty or not (a CSV file's header); None means the
    # keys of ``values``. Columns not given are left as they are on existing rows.
    given: frozenset[str] | None = None

    def problem(self, reason: str, *, field: str = "", pointer: str | None = None) -> Problem:
        problem = Problem(
            file=self.file,
            line=self.line,
            pointer=pointer if pointer is not None else self.pointer,
            table=self.table,
            record_id=str(self.values.get("id") or self.values.get("record_id") or ""),
            field=field,
            reason=reason,
        )
        self.problems.append(problem)
        return problem

    @property
    def where(self) -> str:
        if self.line is not None:
            return f"{self.file} line {self.line}"
        return f"{self.file} {self.pointer or '/'}"


@dataclass
class Batch:
    """Everything read from one input."""

    name: str
    format: str  # "package" or "json"
    records: dict[str, list[Record]] = field(default_factory=dict)
    extensions: dict[str, list[Record]] = field(default_factory=dict)
    # Problems with whole files: they make the input unusable, even with --skip-invalid.
    problems: list[Problem] = field(default_factory=list)
    # The package's declared x_source_language, if any.
    source_language: str | None = None

    def add(self, record: Record) -> None:
        self.records.setdefault(record.table, []).append(record)

    def all_records(self) -> Iterator[Record]:
        for records in self.records.values():
            yield from records
        for records in self.extensions.values():
            yield from records

    @property
    def size(self) -> int:
        return sum(len(r) for r in self.records.values()) + sum(
            len(r) for r in self.extensions.values()
        )


def canonical_id(value: Any) -> Any:
    """The lower-case form of a UUID, so the same id written two ways is one row."""
    if isinstance(value, str):
        try:
            return str(uuid.UUID(value))
        except ValueError:
            return value
    return value


# --- Tabular data packages ----------------------------------------------------------


def read_package(source: PackageSource) -> Batch:
    batch = Batch(name=source.name, format="package")
    descriptor = _descriptor(source, batch)
    if descriptor is None:
        return batch
    language = descriptor.get("x_source_language")
    batch.source_language = language if isinstance(language, str) else None
    by_path = {t.path: t for t in tables().values()}
    listed: set[str] = {DESCRIPTOR}
    for number, resource in enumerate(descriptor["resources"]):
        spec = _resource_table(resource, number, by_path, batch)
        if spec is None:
            continue
        path = resource["path"]
        listed.add(path)
        if not source.has(path):
            batch.problems.append(
                Problem(file=DESCRIPTOR, reason=f"lists {path}, which the package lacks")
            )
            continue
        target = batch.extensions if spec.name in EXTENSIONS else batch.records
        target[spec.name] = list(_read_csv(source, path, spec, batch))
    for path in source.files():
        if path.lower().endswith(".csv") and path not in listed:
            batch.problems.append(
                Problem(file=path, reason=f"is not described in {DESCRIPTOR}; unknown file")
            )
    return batch


def _descriptor(source: PackageSource, batch: Batch) -> dict[str, Any] | None:
    try:
        text = source.read_bytes(DESCRIPTOR).decode("utf-8")
        check_json_depth(text, file=DESCRIPTOR)
        descriptor = json.loads(text)
    except DirectoryError as error:
        batch.problems.append(Problem(file=DESCRIPTOR, reason=str(error)))
        return None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        batch.problems.append(Problem(file=DESCRIPTOR, reason=f"is not valid JSON: {error}"))
        return None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        batch.problems.append(
            Problem(file=DESCRIPTOR, reason="has no list of resources; it describes no tables")
        )
        return None
    return descriptor


def _resource_table(
    resource: Any, number: int, by_path: dict[str, Table], batch: Batch
) -> TableSpec | None:
    where = f"{DESCRIPTOR} /resources/{number}"
    if not isinstance(resource, dict) or not package_path_is_safe(resource.get("path")):
        batch.problems.append(
            Problem(file=where, reason="a resource needs a path to a file inside the package")
        )
        return None
    name = resource.get("name")
    spec: TableSpec | None = None
    if isinstance(name, str):
        spec = tables().get(name) or EXTENSIONS.get(name)
    elif name is None:
        spec = by_path.get(resource["path"])
    if spec is None:
        batch.problems.append(
            Problem(file=where, reason=f"{name or resource['path']} is not an HSDS 3.0 table")
        )
    return spec


def _read_csv(source: PackageSource, path: str, spec: TableSpec, batch: Batch) -> Iterator[Record]:
    try:
        text = source.read_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        batch.problems.append(Problem(file=path, reason=f"is not UTF-8 text: {error}"))
        return
    except DirectoryError as error:
        batch.problems.append(Problem(file=path, reason=str(error)))
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            return
        if not _header_ok(header, path, spec, batch):
            return
        kinds = [spec.by_name[name].kind for name in header]
        given = frozenset(header)
        line = reader.line_num + 1
        for cells in reader:
            if len(cells) != len(header):
                if cells:
                    batch.problems.append(
                        Problem(
                            file=path,
                            line=line,
                            table=spec.name,
                            reason=f"has {len(cells)} cells; the header has {len(header)}",
                        )
                    )
            else:
                values = {
                    name: value
                    for name, kind, cell in zip(header, kinds, cells, strict=True)
                    if (value := from_cell(kind, cell)) is not None
                }
                yield Record(table=spec.name, values=values, file=path, line=line, given=given)
            line = reader.line_num + 1
    except csv.Error as error:
        batch.problems.append(
            Problem(file=path, line=reader.line_num, reason=f"is not valid CSV: {error}")
        )


def _header_ok(header: list[str], path: str, spec: TableSpec, batch: Batch) -> bool:
    unknown = [name for name in header if name not in spec.by_name]
    repeated = sorted({name for name in header if header.count(name) > 1})
    if unknown:
        batch.problems.append(
            Problem(
                file=path,
                line=1,
                table=spec.name,
                reason=f"unknown column(s) for {spec.name}: {', '.join(unknown)}",
            )
        )
    if repeated:
        batch.problems.append(
            Problem(file=path, line=1, table=spec.name, reason=f"repeated column(s): {repeated}")
        )
    return not unknown and not repeated
