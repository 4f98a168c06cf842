"""The webhook verifies, stores once and acknowledges; it never answers itself."""

import json

import pytest
from django.db import connection
from django.test import Client

from infohub.messaging.models import Conversation, Direction, Message, MessageStatus
from infohub.messaging.tests.support import post_telegram, telegram_channel, telegram_update
from infohub.testing.fake_provider import FakeProvider

pytestmark = pytest.mark.django_db


def test_it_stores_a_verified_update_once_however_often_telegram_delivers_it(
    provider: FakeProvider,
) -> None:
    channel = telegram_channel(api_base=provider.url)
    update = telegram_update(text="Bonjou")
    answers = [post_telegram(Client(), channel, update).status_code for _ in range(3)]
    assert answers == [200, 200, 200]
    inbound = Message.objects.filter(direction=Direction.INBOUND)
    assert inbound.count() == 1
    assert inbound.get().status == MessageStatus.RECEIVED
    assert Conversation.objects.count() == 1
    assert provider.requests == []  # the webhook itself calls nobody


@pytest.mark.parametrize("secret", ["wrong", ""])
def test_a_wrong_secret_is_refused_and_stores_nothing(provider: FakeProvider, secret: str) -> None:
    channel = telegram_channel(api_base=provider.url)
    response = post_telegram(Client(), channel, telegram_update(text="hola"), secret=secret)
    assert response.status_code == 403
    assert Message.objects.count() == 0
    assert Conversation.objects.count() == 0


@pytest.mark.parametrize("body", ["not json", "[]", '{"update_id": 1, "message": "text"}', ""])
def test_a_body_that_is_not_an_update_is_a_bad_request(provider: FakeProvider, body: str) -> None:
    channel = telegram_channel(api_base=provider.url)
    response = Client().post(
        f"/channels/{channel.public_id}/receive",
        data=body,
        content_type="application/json",
        HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN="s3cret-token_for-webhook",
        HTTP_HOST="127.0.0.1",
    )
    assert response.status_code == 400
    assert Message.objects.count() == 0


def test_an_unknown_or_disabled_channel_is_not_found(provider: FakeProvider) -> None:
    channel = telegram_channel(api_base=provider.url)
    channel.is_enabled = False
    channel.save()
    response = post_telegram(Client(), channel, telegram_update(text="hola"))
    assert response.status_code == 404
    assert Message.objects.count() == 0


def test_status_paths_belong_to_the_external_kind_only(provider: FakeProvider) -> None:
    channel = telegram_channel(api_base=provider.url)
    response = Client().post(f"/channels/{channel.public_id}/sent", HTTP_HOST="127.0.0.1")
    assert response.status_code == 404


def test_address_and_text_are_never_plaintext_in_the_database(provider: FakeProvider) -> None:
    channel = telegram_channel(api_base=provider.url)
    post_telegram(Client(), channel, telegram_update(text="SENTINEL-TEXT-42", chat_id=55501234))
    with connection.cursor() as cursor:
        for table in ("messaging_message", "messaging_conversation", "audit_auditevent"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            dump = json.dumps(cursor.fetchall(), default=str)
            assert "SENTINEL-TEXT-42" not in dump
            assert "55501234" not in dump
