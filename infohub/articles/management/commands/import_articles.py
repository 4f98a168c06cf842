from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from infohub.articles.errors import ArticleError, ArticleImportError
from infohub.articles.imports import articles_import
from infohub.core.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Import articles from a folder of Markdown files with YAML front matter, one file "
        "per translation, named slug.language.md. If any file is invalid, nothing is "
        "imported. Importing the same folder again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="folder holding the .md files")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the files and report what would change, saving nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        dry_run: bool = options["dry_run"]
        # Operators' tools speak one language, so scripts can match their output.
        with translation.override("en"):
            if not directory.is_dir():
                raise CommandError(f"{directory} is not a folder.")
            try:
                report = articles_import(
                    directory=directory,
                    progress=ProgressBar(self.stderr, enabled=options["verbosity"] > 0),
                    dry_run=dry_run,
                )
            except ArticleImportError as error:
                lines = [f"  {problem}" for problem in error.errors]
                raise CommandError(
                    "\n".join([f"Nothing was imported; {len(lines)} problem(s):", *lines])
                ) from None
            except ArticleError as error:
                raise CommandError(str(error)) from None
        summary = (
            f"{report.files} files: {report.created} articles created, "
            f"{report.updated} updated, {report.unchanged} unchanged."
        )
        if dry_run:
            self.stdout.write(f"Dry run, nothing was saved. Would have imported {summary}")
        else:
            self.stdout.write(f"Imported {summary}")
