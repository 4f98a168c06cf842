from typing import Any

from django.conf import settings
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
        "INFOHUB_RETENTION_CONSULTATION_DAYS to anonymous counts, and blank the reasons of "
        "referrals finished more than INFOHUB_RETENTION_REFERRAL_EVENT_DAYS ago. Every "
        "change is audited. Running it again changes nothing, so a daily timer can run it."
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
        verb = "would be" if dry_run else "were"
        person_days = settings.INFOHUB_RETENTION_PERSON_DAYS
        consultation_days = settings.INFOHUB_RETENTION_CONSULTATION_DAYS
        referral_days = settings.INFOHUB_RETENTION_REFERRAL_EVENT_DAYS
        self.stdout.write(
            f"People: {report.people_erased} record(s) {verb} erased "
            f"(no activity for {person_days} days)."
        )
        self.stdout.write(
            f"Consultations: {report.consultations_reduced} {verb} reduced to anonymous "
            f"counts (older than {consultation_days} days)."
        )
        self.stdout.write(
            f"Referrals: {report.reasons_blanked} reason(s) on {report.referrals_cleared} "
            f"finished referral(s) {verb} blanked (finished more than {referral_days} days ago)."
        )
        self.stdout.write(
            f"Callback requests: {report.callbacks_deleted} {verb} deleted "
            f"(older than {settings.INFOHUB_RETENTION_CALLBACK_DAYS} days)."
        )
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
