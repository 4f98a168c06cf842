import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse
from django.utils import translation

from infohub.accounts.models import Hub
from infohub.messaging.channels.registry import kind_names
from infohub.messaging.errors import MessagingError
from infohub.messaging.services import LANGUAGES, channel_create

DEFAULT_API_BASES = {
    "whatsapp": "https://graph.facebook.com",
    "telegram": "https://api.telegram.org",
    "sms": "https://api.twilio.com",
}


def _credentials(text: str) -> dict[str, object]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        raise CommandError("Standard input must be a JSON object of credentials.") from None
    if not isinstance(value, dict):
        raise CommandError("Standard input must be a JSON object of credentials.")
    return value


class Command(BaseCommand):
    # Tests hand standard input over as an option.
    stealth_options = ("stdin",)
    help = (
        "Create a messaging channel of a hub. Reads its credentials as a JSON object on "
        "standard input and prints the webhook path last."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", required=True, choices=kind_names())
        parser.add_argument("--hub", required=True, help="the hub's slug")
        parser.add_argument("--name", required=True)
        parser.add_argument(
            "--api-base",
            default=None,
            help="the provider's API root (required for the external kind; "
            "default the provider's own)",
        )
        parser.add_argument(
            "--languages", default=",".join(LANGUAGES), help="comma-separated, default first"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("en"):
            self._create(**options)

    def _create(
        self,
        *,
        kind: str,
        hub: str,
        name: str,
        api_base: str | None,
        languages: str,
        stdin: Any = None,
        **_: Any,
    ) -> None:
        found = Hub.objects.filter(slug=hub).first()
        if found is None:
            raise CommandError(f"No hub with slug {hub!r}.")
        base = api_base or DEFAULT_API_BASES.get(kind)
        if not base:
            raise CommandError("This kind of channel needs --api-base.")
        try:
            channel = channel_create(
                actor=None,
                hub=found,
                kind=kind,
                name=name,
                api_base=base,
                credentials=_credentials((stdin or sys.stdin).read()),
                languages=[code.strip() for code in languages.split(",") if code.strip()],
            )
        except MessagingError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Created channel {channel.name} ({channel.kind}) of hub {found.slug}.")
        self.stdout.write(reverse("messaging:receive", kwargs={"channel_id": channel.public_id}))
