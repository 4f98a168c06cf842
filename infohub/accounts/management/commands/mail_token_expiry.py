from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from infohub.accounts.token_expiry import expiry_warnings_send, warning_days
from infohub.core.mail_commands import add_mail_link_arguments, base_url


class Command(BaseCommand):
    help = (
        "Mail the owner of each active API token that expires within "
        "INFOHUB_TOKEN_EXPIRY_WARNING_DAYS days: its label, when it expires and a link to "
        "the API tokens page, never the token. Each token is warned of once, so the command "
        "can run every day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_mail_link_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        site = base_url(options)
        run = expiry_warnings_send(base_url=site, dry_run=options["dry_run"])
        verb = "would be sent" if options["dry_run"] else "sent"
        self.stdout.write(
            f"Token expiry warnings {verb}: {run.sent}; mail failed: {run.failed}; "
            f"owners without an email address: {run.no_address} "
            f"(warning period: {warning_days()} days)."
        )
        if run.failed:
            raise CommandError(f"{run.failed} mail(s) could not be sent; the next run tries again.")
