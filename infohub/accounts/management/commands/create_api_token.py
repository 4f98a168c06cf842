from typing import Any

from django.core.management.base import CommandParser

from infohub.accounts.errors import ProvisioningError
from infohub.accounts.management.commands._base import ProvisioningCommand
from infohub.accounts.models import User
from infohub.accounts.services import api_token_create


class Command(ProvisioningCommand):
    help = "Issue an API token for a staff account. The token is printed once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--label", default="", help="what the token is for")

    def provision(self, *, username: str, label: str, **_: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise ProvisioningError(f"No account with username {username!r}.")
        token, raw = api_token_create(user=user, label=label)
        self.stderr.write(f"Token {token.public_id} created. Store it now; it is not shown again.")
        self.stdout.write(raw)
