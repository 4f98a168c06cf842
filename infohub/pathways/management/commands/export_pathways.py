from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from infohub.pathways.imports import pathways_export


class Command(BaseCommand):
    help = (
        "Export every question and pathway, whatever its status, to a YAML file that "
        "import_pathways reads back (docs/pathways-format.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the .yaml file to write")
        parser.add_argument("--force", action="store_true", help="replace an existing file")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if path.is_dir():
            raise CommandError(f"{path} is a folder.")
        if path.exists() and not options["force"]:
            raise CommandError(f"{path} exists; use --force to replace it.")
        if not path.parent.is_dir():
            raise CommandError(f"{path.parent} is not a folder.")
        questions, pathways = pathways_export(path=path)
        self.stdout.write(f"Exported {questions} questions and {pathways} pathways to {path}.")
