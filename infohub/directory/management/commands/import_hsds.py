import csv
import io
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from infohub.core.progress import ProgressBar
from infohub.directory.errors import DirectoryError, HsdsImportError, Problem
from infohub.directory.hsds.import_counts import ImportCounts, total_counts
from infohub.directory.hsds.imports import hsds_import
from infohub.directory.models import ListingStatus

REPORT_COLUMNS = ["file", "line", "pointer", "table", "record_id", "field", "reason"]


def report_text(problems: list[Problem], *, as_json: bool) -> str:
    """Problems as a JSON list or as CSV, one row per problem."""
    rows = [problem.as_dict() for problem in problems]
    if as_json:
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=REPORT_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue()


def write_report(problems: list[Problem], path: Path) -> None:
    """Write problems to ``path``: JSON for a .json file, CSV otherwise."""
    as_json = path.suffix.lower() == ".json"
    path.write_text(report_text(problems, as_json=as_json), encoding="utf-8", newline="")


class Command(BaseCommand):
    help = (
        "Import HSDS 3.0 data: a tabular data package (a folder or a .zip with "
        "datapackage.json and CSV files) or HSDS JSON (a service, organization or "
        "service-at-location object, or a list of them). Every record is checked against "
        "the HSDS schemas and every reference between rows; by default any problem means "
        "nothing is imported, and every problem is listed. Importing the same data again "
        "updates rows (matched on their HSDS id) rather than adding them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="a folder, a .zip or a .json file")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="import the valid rows; skip invalid ones and the rows that depend on them",
        )
        parser.add_argument(
            "--report",
            type=Path,
            help="write the problems or skipped rows to this file (.json or .csv) rather "
            "than to standard output",
        )
        parser.add_argument(
            "--language",
            help="the language of the HSDS text fields (default: the package's "
            "x_source_language, else the default language)",
        )
        parser.add_argument(
            "--listing-status",
            choices=[ListingStatus.DRAFT, ListingStatus.PUBLISHED],
            default=ListingStatus.DRAFT,
            help="listing status of new services (default: draft); existing ones keep theirs",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count, but save nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report_path: Path | None = options["report"]
        # Operators' tools speak one language, so scripts can match their output.
        with translation.override("en"):
            try:
                result = hsds_import(
                    path=options["path"],
                    skip_invalid=options["skip_invalid"],
                    source_language=options["language"],
                    listing_status=ListingStatus(options["listing_status"]),
                    progress=ProgressBar(
                        self.stderr, enabled=options["verbosity"] > 0, unit="rows"
                    ),
                    dry_run=options["dry_run"],
                )
            except HsdsImportError as error:
                if report_path is not None:
                    write_report(error.problems, report_path)
                lines = [f"  {problem}" for problem in error.problems]
                raise CommandError(
                    "\n".join([f"Nothing was imported; {len(lines)} problem(s):", *lines])
                ) from None
            except DirectoryError as error:
                raise CommandError(str(error)) from None
        if result.skipped and report_path is not None:
            write_report(result.skipped, report_path)
        elif result.skipped:
            self.stdout.write("Skipped rows:")
            self.stdout.write(report_text(result.skipped, as_json=False), ending="")
        self.stdout.write(self._summary(result.counts, dry_run=options["dry_run"]))

    def _summary(self, counts: ImportCounts, *, dry_run: bool) -> str:
        totals = total_counts(counts)
        lines = [
            ("Dry run, nothing was saved. Would have imported" if dry_run else "Imported")
            + f": {totals['created']} rows created, {totals['updated']} updated, "
            f"{totals['unchanged']} unchanged, {totals['skipped']} skipped."
        ]
        for table, c in counts.items():
            lines.append(
                f"  {table}: {c['created']} created, {c['updated']} updated, "
                f"{c['unchanged']} unchanged, {c['skipped']} skipped"
            )
        return "\n".join(lines)
