from typing import Any

from django.core.management.base import CommandParser

from infohub.accounts.management.commands._base import ProvisioningCommand
from infohub.accounts.models import OrganisationKind
from infohub.accounts.services import organisation_create


class Command(ProvisioningCommand):
    help = "Create an organisation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--slug", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument("--kind", required=True, help=", ".join(OrganisationKind.values))

    def provision(self, *, slug: str, name: str, kind: str, **_: Any) -> None:
        organisation = organisation_create(slug=slug, name=name, kind=kind)
        self.stdout.write(f"Created organisation {organisation.slug} ({organisation.public_id}).")
