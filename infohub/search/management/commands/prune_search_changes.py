from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from infohub.search.services import search_changes_prune


class Command(BaseCommand):
    help = "Delete search change-log rows older than a number of days (idempotent; for cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=7, help="keep this many days (default 7)")

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        deleted = search_changes_prune(older_than=timedelta(days=max(days, 1)))
        self.stdout.write(f"Deleted {deleted} search change(s) older than {max(days, 1)} day(s).")
