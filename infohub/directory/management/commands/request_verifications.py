from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from infohub.core.mail_commands import add_mail_link_arguments, base_url
from infohub.directory.listings.selectors import (
    listing_contact_email,
    listing_verify_days,
    service_list_due_for_verification,
)
from infohub.directory.listings.services import verification_request_send


class Command(BaseCommand):
    help = (
        "Mail a signed, single-use link to the contact of each published service not "
        "verified for INFOHUB_LISTING_VERIFY_DAYS days, so that they confirm the listing or "
        "propose changes. A service that was sent a link in that period is not written to "
        "again, so the command can run every day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_mail_link_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        site = base_url(options)
        now = timezone.now()
        due = service_list_due_for_verification(today=timezone.localdate(), now=now)
        sent = failed = no_address = 0
        for service in list(due):
            to = listing_contact_email(service)
            if not to:
                no_address += 1
                continue
            if options["dry_run"]:
                sent += 1
                continue
            request = verification_request_send(service=service, to=to, base_url=site)
            if request.sent_at is None:
                failed += 1
            else:
                sent += 1
        verb = "would be sent" if options["dry_run"] else "sent"
        self.stdout.write(
            f"Verification links {verb}: {sent}; mail failed: {failed}; "
            f"stale listings without a contact address: {no_address} "
            f"(period: {listing_verify_days()} days)."
        )
        if failed:
            raise CommandError(f"{failed} mail(s) could not be sent; the next run tries again.")
