from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from infohub.articles.imports import articles_export
from infohub.core.output_folder import add_output_folder_arguments, output_folder
from infohub.core.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Export every article, whatever its status, as a folder of Markdown files with "
        "YAML front matter, one file per translation; import_articles reads it back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_output_folder_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        directory = output_folder(options)
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
