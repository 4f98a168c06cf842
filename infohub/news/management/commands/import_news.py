from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from infohub.news.errors import NewsError, NewsImportError
from infohub.news.services import news_import


class Command(BaseCommand):
    help = (
        "Import regional news files (a date line, a title line, then body paragraphs). "
        "All files are checked first: if one is malformed, nothing is imported. "
        "Items already imported are skipped, so running it again is safe."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument("--lang", default="en", help="language of the files (default: en)")

    def handle(self, *args: Any, files: list[Path], lang: str, **options: Any) -> None:
        # Operators' tools speak one language, so scripts can match their output.
        with translation.override("en"):
            try:
                report = news_import(files=files, lang=lang, progress=self.stdout.write)
            except (NewsImportError, NewsError) as error:
                raise CommandError(f"{str(error).rstrip('.')}. Nothing was imported.") from None
        for where in report.empty_bodies:
            self.stderr.write(f"Warning: {where}: the item has no body; imported anyway.")
        self.stdout.write(report.summary())
