"""The output folder of export commands: created if missing, never overwritten by surprise."""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser


def add_output_folder_arguments(parser: CommandParser) -> None:
    parser.add_argument("directory", type=Path, help="folder to write; created if missing")
    parser.add_argument(
        "--force",
        action="store_true",
        help="write into a folder that is not empty, replacing files with the same names",
    )


def output_folder(options: dict[str, Any]) -> Path:
    """The folder to write into, refusing a file or a non-empty folder without --force."""
    directory: Path = options["directory"]
    if directory.exists() and not directory.is_dir():
        raise CommandError(f"{directory} is not a folder.")
    if directory.is_dir() and any(directory.iterdir()) and not options["force"]:
        raise CommandError(f"{directory} is not empty; use --force to write into it anyway.")
    return directory
