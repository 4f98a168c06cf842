from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from infohub.core.progress import ProgressBar
from infohub.pathways.errors import PathwayImportError
from infohub.pathways.imports import pathways_import


def _counts(counter: dict[str, int]) -> str:
    return ", ".join(f"{counter.get(k, 0)} {k}" for k in ("created", "updated", "unchanged"))


class Command(BaseCommand):
    help = (
        "Import questions and pathways from a YAML file (docs/pathways-format.md). If "
        "anything in the file is invalid, nothing is imported. Importing the same file "
        "again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the .yaml file")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        # Operators' tools speak one language, so scripts can match their output.
        with translation.override("en"):
            if not path.is_file():
                raise CommandError(f"{path} is not a file.")
            bar = ProgressBar(self.stderr, enabled=options["verbosity"] > 0, unit="records")
            try:
                report = pathways_import(path=path, progress=bar)
            except PathwayImportError as error:
                lines = [f"  {problem}" for problem in error.problems]
                raise CommandError(
                    "\n".join([f"Nothing was imported; {len(lines)} problem(s):", *lines])
                ) from None
        self.stdout.write(
            f"Imported questions: {_counts(report.questions)}; "
            f"pathways: {_counts(report.pathways)}."
        )
