from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from infohub.core.progress import ProgressBar
from infohub.core.request_context import RequestContext, bound_context, new_request_id
from infohub.privacy.errors import PrivacyError
from infohub.privacy.retention import retention_enforce
from infohub.protection.errors import DataProtectionError


class Command(BaseCommand):
    help = (
        "Apply the retention periods (INFOHUB_RETENTION_...): erase person records with no "
        "activity for INFOHUB_RETENTION_PERSON_DAYS, reduce consultations older than "
        "INFOHUB_RETENTION_CONSULTATION_DAYS to anonymous counts, then apply the rules other "
        "apps register: blank the reasons of referrals finished more than "
        "INFOHUB_RETENTION_REFERRAL_EVENT_DAYS ago, delete callback requests older than "
        "INFOHUB_RETENTION_CALLBACK_DAYS. Every change is audited. Running it again changes "
        "nothing, so a daily timer can run it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="count what each rule would change; write nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run: bool = options["dry_run"]
        bar = ProgressBar(self.stderr, enabled=options["verbosity"] > 0, unit="records")
        # One request id for the whole run: its audit rows read as one piece of work.
        context = RequestContext(request_id=f"cli:{new_request_id()}")
        with translation.override("en"), bound_context(context):
            try:
                report = retention_enforce(dry_run=dry_run, progress=bar)
            except (PrivacyError, DataProtectionError) as error:
                raise CommandError(str(error)) from None
        for line in report.lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
