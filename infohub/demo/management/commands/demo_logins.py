from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from infohub.demo.authenticators import demo_secrets
from infohub.demo.data import DEMO_PASSWORD, STAFF


class Command(BaseCommand):
    help = "Print the demo accounts and their shared password (and, asked, their authenticators)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--show-secrets",
            action="store_true",
            help="Also print each demo account's authenticator key and otpauth URI.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        show = options["show_secrets"]
        if show and settings.PRODUCTION:
            raise CommandError("Authenticator keys are never printed in production.")
        secrets = demo_secrets()
        self.stdout.write("\nDemo accounts (illustrative data only), password: " + DEMO_PASSWORD)
        for username, role, hub, org in STAFF:
            self.stdout.write(f"  {username:<20} {role:<18} {hub or org}")
            secret = secrets.get(username)
            if show and secret is not None:
                self.stdout.write(f"    key {secret.base32}\n    {secret.uri}")
        if show:
            self.stdout.write(
                "Type a key into an authenticator app, or open its otpauth URI on the phone."
            )
        elif secrets:
            self.stdout.write(
                "Roles that see personal data have an authenticator already: run\n"
                "  manage.py demo_logins --show-secrets\n"
                "to print each key for your authenticator app."
            )
        self.stdout.write("Staff sign-in: /accounts/login/   Portal: /es/ /en/ /fr/ /ht/\n")
