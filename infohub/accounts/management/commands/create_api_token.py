from typing import Any

from django.core.management.base import CommandParser

from infohub.accounts.errors import ProvisioningError
from infohub.accounts.management.commands._base import ProvisioningCommand
from infohub.accounts.models import User
from infohub.accounts.services import TOKEN_DEFAULT_DAYS, api_token_create


class Command(ProvisioningCommand):
    help = "Issue an API token for a staff account. The token is printed once, as the last line."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--label", default="", help="what the token is for")
        parser.add_argument(
            "--scope",
            action="append",
            default=[],
            dest="scopes",
            help="AREA:read or AREA:write (AREA: casework, directory, content, indicators), "
            "or read; repeatable. Default: the scopes of the account's roles.",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=TOKEN_DEFAULT_DAYS,
            help="days until the token expires (at most INFOHUB_TOKEN_MAX_DAYS)",
        )

    def provision(
        self, *, username: str, label: str, scopes: list[str], days: int, **_: Any
    ) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise ProvisioningError(f"No account with username {username!r}.")
        token, raw = api_token_create(user=user, label=label, scopes=scopes, days=days)
        self.stderr.write(
            f"Token {token.public_id} created with scopes {', '.join(token.scopes) or 'none'}, "
            f"expiring {token.expires_at:%Y-%m-%d %H:%M} UTC. Store it now; it is not shown again."
        )
        self.stdout.write(raw)
