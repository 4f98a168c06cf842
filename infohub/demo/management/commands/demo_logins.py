from typing import Any

from django.core.management.base import BaseCommand

from infohub.demo.data import DEMO_PASSWORD, STAFF


class Command(BaseCommand):
    help = "Print the demo accounts and their shared password."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("\nDemo accounts (illustrative data only), password: " + DEMO_PASSWORD)
        for username, role, hub, org in STAFF:
            self.stdout.write(f"  {username:<20} {role:<18} {hub or org}")
        self.stdout.write(
            "Roles that see personal data set up an authenticator app at first sign-in.\n"
            "Staff sign-in: /accounts/login/   Portal: /es/ /en/ /fr/ /ht/\n"
        )
