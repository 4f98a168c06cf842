from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from infohub.articles.imports import articles_export
from infohub.core.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Export every article, whatever its status, as a folder of Markdown files with "
        "YAML front matter, one file per translation; import_articles reads it back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="folder to write; created if missing")
        parser.add_argument(
            "--force",
            action="store_true",
            help="write into a folder that is not empty, replacing files with the same names",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"{directory} is not a folder.")
        if directory.is_dir() and any(directory.iterdir()) and not options["force"]:
            raise CommandError(f"{directory} is not empty; use --force to write into it anyway.")
        report = articles_export(
            directory=directory,
            progress=ProgressBar(self.stderr, enabled=options["verbosity"] > 0),
        )
        self.stdout.write(
            f"Exported {report.files} files ({report.articles} articles) to {directory}."
        )
        if report.skipped:
            self.stderr.write(
                f"{report.skipped} article(s) without any translation have no file and were "
                "left out."
            )
