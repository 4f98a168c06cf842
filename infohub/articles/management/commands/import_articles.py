from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.utils import translation

from infohub.articles.errors import ArticleError, ArticleImportError
from infohub.articles.imports import articles_import


class ProgressBar:
    """A text bar on standard error, for folders large enough to wait for.

    On a terminal it redraws one line; otherwise (a log, a pipe) it writes a line each
    time the bar grows, so a log gets a few lines rather than one per file.
    """

    WIDTH = 20
    # Smaller folders finish before a bar would be worth reading, unless on a terminal.
    MIN_FILES = 20

    def __init__(self, out: OutputWrapper, *, enabled: bool = True) -> None:
        self.out = out
        self.enabled = enabled
        self.terminal = out.isatty()
        self.shown: dict[str, int] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total == 0 or (total <= self.MIN_FILES and not self.terminal):
            return
        filled = self.WIDTH * done // total
        if not self.terminal and self.shown.get(stage) == filled:
            return
        self.shown[stage] = filled
        line = f"{stage} [{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total} files"
        if self.terminal:
            self.out.write(f"\r{line}", ending="\n" if done == total else "", style_func=_plain)
            self.out.flush()
        else:
            self.out.write(line, style_func=_plain)


def _plain(text: str) -> str:
    return text


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
