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
        parser.add_argument(
            "--time-zone",
            default=None,
            help="IANA zone staff times are shown in, e.g. America/Tijuana "
            "(default: the country's, when it has one)",
        )

    def provision(
        self,
        *,
        slug: str,
        name: str,
        org: str,
        country: str,
        municipality: str,
        time_zone: str | None,
        **_: Any,
    ) -> None:
        hub = hub_create(
            slug=slug,
            name=name,
            organisation=organisation_by_slug(org),
            country=country,
            municipality=municipality,
            time_zone=time_zone,
        )
        self.stdout.write(f"Created hub {hub.slug} ({hub.public_id}, {hub.time_zone}).")
