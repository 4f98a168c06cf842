import uuid
from typing import Any

from django.core.management.base import CommandParser

from infohub.accounts.errors import ProvisioningError
from infohub.accounts.management.commands._base import ProvisioningCommand
from infohub.accounts.models import ApiToken
from infohub.accounts.services import api_token_revoke


class Command(ProvisioningCommand):
    help = "Revoke an API token by its id (shown when it was created and in the admin)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("token_id")

    def provision(self, *, token_id: str, **_: Any) -> None:
        try:
            token = ApiToken.objects.get(public_id=uuid.UUID(token_id))
        except (ValueError, ApiToken.DoesNotExist):
            raise ProvisioningError(f"No API token with id {token_id!r}.") from None
        api_token_revoke(token=token)
        self.stdout.write(f"Revoked token {token.public_id}.")
