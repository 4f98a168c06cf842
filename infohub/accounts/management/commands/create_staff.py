import sys
from typing import Any

from django.core.management.base import CommandParser

from infohub.accounts.enrolment import site_url
from infohub.accounts.errors import ProvisioningError
from infohub.accounts.management.commands._base import (
    ProvisioningCommand,
    hub_by_slug,
    organisation_by_slug,
)
from infohub.accounts.management.commands.issue_enrolment_link import hand_over_link
from infohub.accounts.models import Role
from infohub.accounts.services import staff_create


class Command(ProvisioningCommand):
    help = (
        "Create a staff account holding one role in a hub or an organisation. The last line "
        "is the account's enrolment link, to set up its authenticator (or, with --mail, "
        "that it was mailed)."
    )

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
        parser.add_argument("--email", default="", help="the account's e-mail address")
        parser.add_argument(
            "--mail",
            action="store_true",
            help="mail the enrolment link to --email instead of printing it",
        )

    def provision(
        self,
        *,
        username: str,
        role: str,
        hub: str | None,
        org: str | None,
        password_stdin: bool,
        email: str,
        mail: bool,
        **_: Any,
    ) -> None:
        # Refuse before creating anything when the link could not be made or sent.
        site_url()
        if mail and not email:
            raise ProvisioningError("--mail needs the account's address in --email.")
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
            email=email,
        )
        self.stdout.write(f"Created {role} account {user.username} ({user.public_id}).")
        if generated:
            self.stdout.write(f"Generated password, shown once: {generated}")
        hand_over_link(self, user=user, mail=mail)
