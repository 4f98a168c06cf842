from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from infohub.core.output_folder import add_output_folder_arguments, output_folder
from infohub.core.progress import ProgressBar
from infohub.directory.hsds.exports import hsds_export


class Command(BaseCommand):
    help = (
        "Export the public service directory as an HSDS 3.0 tabular data package: one CSV "
        "file per HSDS table, translations in x_translations.csv, and datapackage.json. "
        "Unpublished services and confidential locations are left out, with every row "
        "that depends on them. import_hsds reads it back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_output_folder_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        directory = output_folder(options)
        report = hsds_export(
            directory=directory,
            progress=ProgressBar(self.stderr, enabled=options["verbosity"] > 0, unit="rows"),
        )
        rows = sum(report.rows.values())
        left_out = sum(report.left_out.values())
        self.stdout.write(f"Exported {rows} rows in {len(report.rows)} tables to {directory}.")
        if left_out:
            details = ", ".join(f"{n} {table}" for table, n in sorted(report.left_out.items()))
            self.stdout.write(
                f"Left out {left_out} rows that are not public or depend on one that is not "
                f"({details})."
            )
