"""Exporting the directory as an HSDS 3.0 tabular data package.

An export is public data. It holds published services only, and never a confidential
location: such a location is left out with every row that points to it, directly or
through another row left out (its addresses, phones, contacts, schedules, the
services-at-location there and their details, attributes and metadata about it,
translations of its text). Importing an export into an empty directory and exporting
again gives the same files, byte for byte.
"""

import csv
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from infohub.directory.hsds.schema import HSDS_VERSION, datapackage
from infohub.directory.hsds.tables import (
    POLYMORPHIC_LINKS,
    SOURCE_LANGUAGES,
    TRANSLATABLE_FIELDS,
    TRANSLATIONS,
    Table,
    TableSpec,
    tables,
)
from infohub.directory.hsds.values import to_cell
from infohub.directory.models import DirectoryTranslation, ListingStatus

Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 1000


@dataclass(frozen=True)
class ExportReport:
    rows: dict[str, int]
    # Rows of unpublished services, confidential locations and rows that depend on them.
    left_out: dict[str, int]


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


def _withheld(table: Table, values: dict[str, Any]) -> bool:
    """Rows that are not public in themselves."""
    if table.name == "service":
        return bool(values["listing_status"] != ListingStatus.PUBLISHED)
    if table.name == "location":
        return bool(values["confidential"])
    return False


class _Exporter:
    def __init__(self, directory: Path, progress: Progress) -> None:
        self.directory = directory
        self.progress = progress
        self.left_out_ids: dict[str, set[uuid.UUID]] = {}
        self.left_out_any: set[uuid.UUID] = set()
        self.exported: dict[str, dict[uuid.UUID, str]] = {}  # id -> source language
        self.rows: dict[str, int] = {}
        self.left_out: dict[str, int] = {}

    def export(self) -> ExportReport:
        self.total = sum(table.model._default_manager.count() for table in tables().values())
        self.done = 0
        for table in tables().values():
            self._write(table, self._public_rows(table))
        self._write(TRANSLATIONS, self._translations())
        self._write(SOURCE_LANGUAGES, self._source_languages())
        self.progress("Exporting", self.total, self.total)
        self._write_descriptor()
        return ExportReport(rows=self.rows, left_out=self.left_out)

    def _public_rows(self, table: Table) -> Iterator[dict[str, Any]]:
        fields = [column.attname for column in table.columns]
        extra = {"service": ["listing_status"], "location": ["confidential"]}.get(table.name, [])
        translatable = table.name in TRANSLATABLE_FIELDS
        if translatable:
            extra.append("source_language")
        left_out_ids = self.left_out_ids.setdefault(table.name, set())
        exported = self.exported.setdefault(table.name, {})
        rows = table.model._default_manager.order_by("id").values(*fields, *extra)
        for values in rows.iterator(chunk_size=2000):
            self.done += 1
            if self.done % PROGRESS_EVERY == 0:
                self.progress("Exporting", self.done, self.total)
            if _withheld(table, values) or self._depends_on_left_out(table, values):
                left_out_ids.add(values["id"])
                self.left_out_any.add(values["id"])
                self.left_out[table.name] = self.left_out.get(table.name, 0) + 1
                continue
            exported[values["id"]] = values.get("source_language", "")
            yield values

    def _depends_on_left_out(self, table: Table, values: dict[str, Any]) -> bool:
        for column in table.foreign_keys:
            if values[column.attname] in self.left_out_ids.get(column.references or "", ()):
                return True
        link = POLYMORPHIC_LINKS.get(table.name)
        return link is not None and values[link[0]] in self.left_out_any

    def _translations(self) -> Iterator[dict[str, Any]]:
        translations = sorted(
            DirectoryTranslation.objects.values("table", "record_id", "field", "lang", "text"),
            key=lambda t: (t["table"], str(t["record_id"]), t["field"], t["lang"]),
        )
        for t in translations:
            if t["record_id"] in self.exported.get(t["table"], {}):
                yield {**t, "language": t["lang"]}

    def _source_languages(self) -> Iterator[dict[str, Any]]:
        default = settings.LANGUAGE_CODE
        for table in TRANSLATABLE_FIELDS:
            for record_id, language in sorted(
                self.exported.get(table, {}).items(), key=lambda item: str(item[0])
            ):
                if language != default:
                    yield {"table": table, "record_id": record_id, "language": language}

    def _write(self, spec: TableSpec, rows: Iterator[dict[str, Any]]) -> None:
        count = 0
        with (self.directory / spec.path).open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow([column.name for column in spec.columns])
            for values in rows:
                writer.writerow(
                    [to_cell(column.kind, values[column.attname]) for column in spec.columns]
                )
                count += 1
        self.rows[spec.name] = count

    def _write_descriptor(self) -> None:
        descriptor = dict(datapackage())
        descriptor["x_source_language"] = settings.LANGUAGE_CODE
        descriptor["x_profile"] = f"infohub HSDS {HSDS_VERSION} profile (docs/hsds-profile.md)"
        descriptor["resources"] = [
            *descriptor["resources"],
            *(_extension_resource(spec) for spec in (TRANSLATIONS, SOURCE_LANGUAGES)),
        ]
        text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
        (self.directory / "datapackage.json").write_text(text, encoding="utf-8")


def _extension_resource(spec: TableSpec) -> dict[str, Any]:
    key = [c.name for c in spec.columns[:-1]]
    return {
        "name": spec.name,
        "path": spec.path,
        "description": spec.row_schema["description"],
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "profile": "tabular-data-resource",
        "schema": {
            "fields": [
                {
                    "name": c.name,
                    "type": "string",
                    **({"format": "uuid"} if c.kind == "uuid" else {}),
                    "constraints": {"required": True},
                }
                for c in spec.columns
            ],
            "primaryKey": key,
        },
    }


def hsds_export(*, directory: Path, progress: Progress | None = None) -> ExportReport:
    """Write the public directory into ``directory`` (created if missing).

    Files with the package's names are replaced; other files are left alone.
    """
    directory.mkdir(parents=True, exist_ok=True)
    return _Exporter(directory, progress or _no_progress).export()
