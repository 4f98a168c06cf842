"""Importing HSDS data: a tabular data package (folder or .zip) or HSDS JSON.

The whole input is read and checked before anything is written. By default an import
is all or nothing: any problem, and HsdsImportError lists every one of them. With
``skip_invalid`` the valid rows are imported and the skipped ones are returned with
their reasons; problems with whole files (a missing descriptor, an unknown column)
still stop the import. Importing the same data again updates rows matched on their
HSDS id and creates nothing new.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from infohub.accounts.models import User
from infohub.directory.errors import DirectoryError, HsdsImportError, Problem
from infohub.directory.hsds.import_counts import ImportCounts, parse_import_counts
from infohub.directory.hsds.json_input import read_json
from infohub.directory.hsds.readers import Batch, read_package
from infohub.directory.hsds.services import Progress, directory_import_save
from infohub.directory.hsds.sources import open_package
from infohub.directory.hsds.tables import TRANSLATIONS
from infohub.directory.hsds.validation import check_batch
from infohub.directory.models import DirectoryImport, ImportFormat, ListingStatus


@dataclass(frozen=True)
class ImportResult:
    # None for a dry run, which writes nothing.
    record: DirectoryImport | None
    counts: ImportCounts
    rows: int
    skipped: list[Problem] = field(default_factory=list)


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


def read_input(path: Path) -> Batch:
    """Read a folder, a .zip or a .json file; raises DirectoryError for anything else."""
    if not path.exists():
        raise DirectoryError(f"{path} does not exist.")
    if path.is_dir() or path.suffix.lower() == ".zip":
        return read_package(open_package(path))
    if path.suffix.lower() == ".json":
        return read_json(path)
    raise DirectoryError(
        f"{path.name} is not an HSDS data package (a folder or a .zip with "
        "datapackage.json) or an HSDS JSON file (.json)."
    )


def hsds_import(
    *,
    path: Path,
    skip_invalid: bool = False,
    source_language: str | None = None,
    listing_status: ListingStatus = ListingStatus.DRAFT,
    actor: User | None = None,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import ``path``; see the module docstring for what happens on problems.

    ``source_language`` is the language of the HSDS text fields; by default the
    package's ``x_source_language``, else the default language. New services get
    ``listing_status``; existing ones keep theirs.
    """
    progress = progress or _no_progress
    batch = read_input(path)
    # A file that cannot be read leaves its rows unchecked and its references
    # dangling; listing those too would bury the problem, so it comes alone.
    if batch.problems:
        raise HsdsImportError(batch.problems)
    language = source_language or batch.source_language or settings.LANGUAGE_CODE
    if language not in settings.INFOHUB_CONTENT_LANGUAGES:
        raise DirectoryError(
            f"{language} is not a content language "
            f"({', '.join(settings.INFOHUB_CONTENT_LANGUAGES)})."
        )
    checked = check_batch(
        batch, source_language=language, skip_invalid=skip_invalid, progress=progress
    )
    if checked.problems and not skip_invalid:
        raise HsdsImportError(checked.problems)
    rows = {
        name: [record.row for record in records]
        for name, records in checked.valid.items()
        if not name.startswith("x_")
    }
    translations = [record.row for record in checked.valid.get(TRANSLATIONS.name, [])]
    total = sum(len(r) for r in rows.values())
    with transaction.atomic():
        record = directory_import_save(
            rows=rows,
            translations=translations,
            skipped=checked.skipped_counts if skip_invalid else {},
            source_name=batch.name,
            source_format=ImportFormat.PACKAGE if batch.format == "package" else ImportFormat.JSON,
            source_language=language,
            skip_invalid=skip_invalid,
            listing_status=listing_status,
            actor=actor,
            progress=progress,
        )
        if dry_run:
            transaction.set_rollback(True)
    return ImportResult(
        record=None if dry_run else record,
        counts=parse_import_counts(record.counts),
        rows=total,
        skipped=checked.skipped,
    )
