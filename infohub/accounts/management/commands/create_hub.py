from typing import Any

from django.core.management.base import CommandParser

from infohub.accounts.management.commands._base import ProvisioningCommand, organisation_by_slug
from infohub.accounts.services import hub_create


class Command(ProvisioningCommand):
    help = "Create a hub belonging to an organisation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--slug", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument("--org", required=True, help="slug of the operating organisation")
        parser.add_argument("--country", required=True, help="ISO 3166 alpha-2 code, e.g. CR")
        parser.add_argument("--municipality", required=True)

    def provision(
        self, *, slug: str, name: str, org: str, country: str, municipality: str, **_: Any
    ) -> None:
        hub = hub_create(
            slug=slug,
            name=name,
            organisation=organisation_by_slug(org),
            country=country,
            municipality=municipality,
        )
        self.stdout.write(f"Created hub {hub.slug} ({hub.public_id}).")
