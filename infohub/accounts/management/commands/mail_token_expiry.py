from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from infohub.accounts.token_expiry import expiry_warnings_send, warning_days


class Command(BaseCommand):
    help = (
        "Mail the owner of each active API token that expires within "
        "INFOHUB_TOKEN_EXPIRY_WARNING_DAYS days: its label, when it expires and a link to "
        "the API tokens page, never the token. Each token is warned of once, so the command "
        "can run every day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default="",
            help="public address of the site, such as https://example.org "
            "(default: the INFOHUB_PUBLIC_URL setting)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would be sent, send nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        base_url = (options["base_url"] or getattr(settings, "INFOHUB_PUBLIC_URL", "")).strip()
        if not base_url.startswith(("https://", "http://")):
            raise CommandError(
                "Links need the site's public address: set INFOHUB_PUBLIC_URL or pass "
                "--base-url https://..."
            )
        run = expiry_warnings_send(base_url=base_url, dry_run=options["dry_run"])
        verb = "would be sent" if options["dry_run"] else "sent"
        self.stdout.write(
            f"Token expiry warnings {verb}: {run.sent}; mail failed: {run.failed}; "
            f"owners without an email address: {run.no_address} "
            f"(warning period: {warning_days()} days)."
        )
        if run.failed:
            raise CommandError(f"{run.failed} mail(s) could not be sent; the next run tries again.")
