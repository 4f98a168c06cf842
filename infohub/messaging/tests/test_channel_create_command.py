"""``manage.py channel_create``: credentials on standard input, the webhook path last."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from infohub.messaging.models import Channel
from infohub.messaging.services import credentials_of
from infohub.messaging.tests.support import a_hub

pytestmark = pytest.mark.django_db

WHATSAPP = {
    "token": "EAAG-token",
    "app_secret": "app-secret-value",
    "verify_token": "verify-me",
    "phone_number_id": "1234567890",
}


def _create(*args: str, stdin: str) -> str:
    out = io.StringIO()
    call_command("channel_create", *args, stdin=io.StringIO(stdin), stdout=out)
    return out.getvalue()


def test_it_prints_the_webhook_path_last_and_keeps_the_credentials_encrypted() -> None:
    a_hub("hub-cmd")
    output = _create(
        "--kind", "whatsapp", "--hub", "hub-cmd", "--name", "WA", stdin=json.dumps(WHATSAPP)
    )
    channel = Channel.objects.get()
    assert output.strip().splitlines()[-1] == f"/channels/{channel.public_id}/receive"
    assert channel.api_base == "https://graph.facebook.com"
    assert credentials_of(channel) == WHATSAPP
    with connection.cursor() as cursor:
        cursor.execute("SELECT credentials FROM messaging_channel")
        (stored,) = cursor.fetchone()
    assert "app-secret-value" not in stored


def test_it_takes_the_api_base_given() -> None:
    a_hub("hub-cmd")
    credentials = json.dumps({"token": "t", "secret": "s"})
    _create(
        "--kind", "telegram", "--hub", "hub-cmd", "--name", "TG",
        "--api-base", "http://127.0.0.1:9/", stdin=credentials,
    )  # fmt: skip
    assert Channel.objects.get().api_base == "http://127.0.0.1:9"


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("--kind", "telegram", "--hub", "nowhere", "--name", "x"), "{}", "No hub"),
        (("--kind", "telegram", "--hub", "hub-cmd", "--name", "x"), "[1]", "JSON object"),
        (("--kind", "telegram", "--hub", "hub-cmd", "--name", "x"), "{", "JSON object"),
        (("--kind", "telegram", "--hub", "hub-cmd", "--name", "x"), '{"token": "t"}', "secret"),
        (("--kind", "external", "--hub", "hub-cmd", "--name", "x"), '{"secret": "s"}', "api-base"),
    ],
)
def test_it_refuses_what_it_cannot_use_and_creates_nothing(
    args: tuple[str, ...], stdin: str, message: str
) -> None:
    a_hub("hub-cmd")
    with pytest.raises(CommandError, match=message):
        _create(*args, stdin=stdin)
    assert Channel.objects.count() == 0
