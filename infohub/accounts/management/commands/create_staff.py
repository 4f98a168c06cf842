import sys
from typing import Any

from django.core.management.base import CommandParser

from infohub.accounts.errors import ProvisioningError
from infohub.accounts.management.commands._base import (
    ProvisioningCommand,
    hub_by_slug,
    organisation_by_slug,
)
from infohub.accounts.models import Role
from infohub.accounts.services import staff_create


class Command(ProvisioningCommand):
    help = "Create a staff account holding one role in a hub or an organisation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--role", required=True, help=", ".join(Role.values))
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--hub", help="slug of the hub the role is held in")
        scope.add_argument("--org", help="slug of the organisation the role is held in")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the password from standard input instead of generating one",
        )

    def provision(
        self,
        *,
        username: str,
        role: str,
        hub: str | None,
        org: str | None,
        password_stdin: bool,
        **_: Any,
    ) -> None:
        password = None
        if password_stdin:
            password = sys.stdin.readline().rstrip("\n")
            if not password:
                raise ProvisioningError("No password was given on standard input.")
        user, generated = staff_create(
            username=username,
            role=role,
            hub=hub_by_slug(hub) if hub else None,
            organisation=organisation_by_slug(org) if org else None,
            password=password,
        )
        self.stdout.write(f"Created {role} account {user.username} ({user.public_id}).")
        if generated:
            self.stdout.write(f"Generated password, shown once: {generated}")
