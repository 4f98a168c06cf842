"""Writes of an HSDS import: checked rows and translations, matched on their HSDS id.

An import is audited once per run, on its DirectoryImport record, not once per row:
the record's counts say what the run changed.
"""

import uuid
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from django.db import transaction

from infohub.accounts.models import User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.directory.hsds.import_counts import parse_import_counts
from infohub.directory.hsds.tables import TRANSLATABLE_FIELDS, Table, tables
from infohub.directory.models import (
    DirectoryImport,
    DirectoryTranslation,
    HsdsRecord,
    ListingStatus,
)
from infohub.directory.searching import service_search_changes_record

Progress = Callable[[str, int, int], None]
Counts = dict[str, int]

# Rows per query when reading existing rows, per statement when writing, per slice.
CHUNK = 500
BATCH = 1000
SLICE = 10_000


def directory_import_save(
    *,
    rows: Mapping[str, list[dict[str, Any]]],
    translations: list[dict[str, Any]],
    skipped: Mapping[str, int],
    source_name: str,
    source_format: str,
    source_language: str,
    skip_invalid: bool,
    listing_status: ListingStatus,
    actor: User | None,
    progress: Progress,
) -> DirectoryImport:
    """Create or update checked rows, matched on their HSDS id, in one transaction.

    Rows whose values are unchanged are not written. Fields that are not HSDS (listing
    status, confidentiality, last verification) are left as they are on existing rows;
    new services get ``listing_status``. Nothing is deleted.
    """
    total = sum(len(r) for r in rows.values()) + len(translations)
    done = 0
    counts: dict[str, Counts] = {}
    with transaction.atomic():
        for name, table in tables().items():
            table_rows = rows.get(name, [])
            counts[name] = _upsert(table, table_rows, listing_status=listing_status)
            done += len(table_rows)
            progress("Importing", done, total)
        counts["x_translations"] = _upsert_translations(translations)
        service_search_changes_record(_services_touched(rows, translations))
        progress("Importing", total, total)
        for name, number in skipped.items():
            counts.setdefault(name, _counts())["skipped"] = number
        record = DirectoryImport.objects.create(
            actor=actor,
            source_name=source_name[:255],
            source_format=source_format,
            source_language=source_language,
            skip_invalid=skip_invalid,
            counts=parse_import_counts({n: c for n, c in counts.items() if any(c.values())}),
        )
        audit_record(actor=actor, action=AuditAction.DIRECTORY_IMPORT, target=record)
    return record


def _services_touched(
    rows: Mapping[str, list[dict[str, Any]]], translations: list[dict[str, Any]]
) -> set[uuid.UUID]:
    """Services whose text or places an import may have changed, for the search change log."""
    touched = {row["id"] for row in rows.get("service", [])}
    touched |= {row["service_id"] for row in rows.get("service_at_location", [])}
    touched |= {t["record_id"] for t in translations if t["table"] == "service"}
    return touched


def _counts() -> Counts:
    return {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0}


def _upsert(
    table: Table, table_rows: list[dict[str, Any]], *, listing_status: ListingStatus
) -> Counts:
    """Write rows, a slice at a time so that few model objects exist at once."""
    counts = _counts()
    for start in range(0, len(table_rows), SLICE):
        sliced = _upsert_slice(
            table, table_rows[start : start + SLICE], listing_status=listing_status
        )
        for key, number in sliced.items():
            counts[key] += number
    return counts


def _upsert_slice(
    table: Table, table_rows: list[dict[str, Any]], *, listing_status: ListingStatus
) -> Counts:
    """Write rows; each holds the fields its input gives, and only those are updated."""
    counts = _counts()
    model = table.model
    fields = [column.attname for column in table.columns]
    if table.name in TRANSLATABLE_FIELDS:
        fields.append("source_language")
    existing = _current_values(table, fields, [row["id"] for row in table_rows])
    new = []
    # Rows to update, grouped by the fields they give, since one statement updates
    # the same fields in every row.
    changed: dict[tuple[str, ...], list[HsdsRecord]] = defaultdict(list)
    for row in table_rows:
        current = existing.get(row["id"])
        if current is None:
            new.append(model(**row))
        elif any(current[name] != value for name, value in row.items()):
            changed[tuple(sorted(row))].append(model(**row))
        else:
            counts["unchanged"] += 1
    if table.name == "service":
        for service in new:
            service.listing_status = listing_status  # type: ignore[attr-defined]
    model._default_manager.bulk_create(new, batch_size=BATCH)
    for given, objects in changed.items():
        # An upsert writes only the fields given, so the directory's own are kept.
        model._default_manager.bulk_create(
            objects,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=[name for name in given if name != "id"],
        )
    counts["created"] = len(new)
    counts["updated"] = sum(len(objects) for objects in changed.values())
    return counts


def _current_values(
    table: Table, fields: list[str], ids: list[uuid.UUID]
) -> dict[uuid.UUID, dict[str, Any]]:
    current = {}
    for start in range(0, len(ids), CHUNK):
        for values in table.model._default_manager.filter(id__in=ids[start : start + CHUNK]).values(
            *fields
        ):
            current[values["id"]] = values
    return current


def _upsert_translations(translations: list[dict[str, Any]]) -> Counts:
    counts = _counts()
    record_ids = sorted({t["record_id"] for t in translations})
    existing: dict[tuple[str, uuid.UUID, str, str], DirectoryTranslation] = {}
    for start in range(0, len(record_ids), CHUNK):
        chunk = record_ids[start : start + CHUNK]
        for translation in DirectoryTranslation.objects.filter(record_id__in=chunk):
            key = (translation.table, translation.record_id, translation.field, translation.lang)
            existing[key] = translation
    new, changed = [], []
    for t in translations:
        key = (t["table"], t["record_id"], t["field"], t["language"])
        current = existing.get(key)
        if current is None:
            new.append(
                DirectoryTranslation(
                    table=t["table"],
                    record_id=t["record_id"],
                    field=t["field"],
                    lang=t["language"],
                    text=t["text"],
                )
            )
        elif current.text != t["text"]:
            current.text = t["text"]
            changed.append(current)
        else:
            counts["unchanged"] += 1
    DirectoryTranslation.objects.bulk_create(new, batch_size=BATCH)
    DirectoryTranslation.objects.bulk_update(changed, ["text"], batch_size=BATCH)
    counts["created"], counts["updated"] = len(new), len(changed)
    return counts
