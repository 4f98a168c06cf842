"""Channels, webhook posts and provider payloads for messaging tests."""

import itertools
import json
from typing import Any

from django.test import Client
from django.urls import reverse

from infohub.accounts.models import Hub
from infohub.accounts.services import hub_create, organisation_create
from infohub.messaging.models import Channel
from infohub.messaging.services import channel_create

TELEGRAM = {"token": "123456:ABC-test-token", "secret": "s3cret-token_for-webhook"}
_update_ids = itertools.count(700_000_000)


def a_hub(slug: str = "hub-msg", country: str = "DO") -> Hub:
    org = organisation_create(slug=f"org-{slug}", name=f"Org {slug}", kind="hub_operator")
    return hub_create(
        slug=slug, name=f"Hub {slug}", organisation=org, country=country, municipality="Town"
    )


def telegram_channel(*, api_base: str, hub: Hub | None = None, **options: Any) -> Channel:
    return channel_create(
        actor=None,
        hub=hub or a_hub(),
        kind="telegram",
        name="Telegram bot",
        api_base=api_base,
        credentials=TELEGRAM,
        **options,
    )


def telegram_update(
    *, text: str, chat_id: int = 987654321, update_id: int | None = None, lang: str = ""
) -> dict[str, Any]:
    """A Bot API ``Update`` with a private text message, as Telegram posts it."""
    sender: dict[str, Any] = {"id": chat_id, "is_bot": False, "first_name": "A"}
    if lang:
        sender["language_code"] = lang
    return {
        "update_id": next(_update_ids) if update_id is None else update_id,
        "message": {
            "message_id": 17,
            "from": sender,
            "chat": {"id": chat_id, "first_name": "A", "type": "private"},
            "date": 1765100000,
            "text": text,
        },
    }


def post_telegram(
    client: Client, channel: Channel, update: dict[str, Any], *, secret: str | None = None
) -> Any:
    return client.post(
        reverse("messaging:receive", kwargs={"channel_id": channel.public_id}),
        data=json.dumps(update),
        content_type="application/json",
        HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN=TELEGRAM["secret"] if secret is None else secret,
        HTTP_HOST="127.0.0.1",
    )


def telegram_callback(*, data: str, chat_id: int = 987654321) -> dict[str, Any]:
    """A Bot API ``Update`` for a pressed inline-keyboard button."""
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": f"cbq-{next(_update_ids)}",
            "from": {"id": chat_id, "is_bot": False, "first_name": "A"},
            "message": {
                "message_id": 18,
                "chat": {"id": chat_id, "type": "private"},
                "date": 1765100000,
                "text": "…",
            },
            "chat_instance": "-1234",
            "data": data,
        },
    }
