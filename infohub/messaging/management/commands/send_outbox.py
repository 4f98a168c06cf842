from typing import Any

from django.core.management.base import BaseCommand

from infohub.messaging.outbox import run_once


class Command(BaseCommand):
    help = (
        "Answer the messages received, queue the alerts that became live, send every "
        "outbound message that is due, then exit. Safe to run again at any time."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = run_once()
        self.stdout.write(
            f"Answered {counts['handled']} message(s); queued {counts['alerts']} alert "
            f"message(s); tried to send {counts['sent']}."
        )
