"""What the commands that mail links share: the site's address and a dry run."""

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser


def add_mail_link_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--base-url",
        default="",
        help="public address of the site, such as https://example.org "
        "(default: the INFOHUB_PUBLIC_URL setting)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="count what would be sent, send nothing"
    )


def base_url(options: dict[str, Any]) -> str:
    """The site's public address for links in mail, or a clear error without one."""
    url = str(options["base_url"] or getattr(settings, "INFOHUB_PUBLIC_URL", "")).strip()
    if not url.startswith(("https://", "http://")):
        raise CommandError(
            "Links need the site's public address: set INFOHUB_PUBLIC_URL or pass "
            "--base-url https://..."
        )
    return url
