"""The Telegram kind reads Bot API updates and sends with ``sendMessage``."""

import json
from typing import Any

import pytest
from django.test import RequestFactory

from infohub.messaging.channels.base import (
    BadPayloadError,
    Button,
    InboundMessage,
    Location,
    OutboundMessage,
    Received,
    SendError,
)
from infohub.messaging.channels.telegram import TelegramKind
from infohub.testing.fake_provider import Response, fake_provider

KIND = TelegramKind()
CREDENTIALS = {"token": "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11", "secret": "hook-secret_1"}
HOOK = "/channels/4b7c1f0e-0000-4000-8000-000000000002/receive"
SEND_PATH = "/bot123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11/sendMessage"
CHAT = 111222333
SENDER = {"id": CHAT, "is_bot": False, "first_name": "Prueba", "language_code": "ht"}


@pytest.fixture
def provider():
    with fake_provider() as server:
        yield server


def update(update_id: int = 10000, **content) -> dict[str, Any]:
    return {"update_id": update_id, **content}


def message(**content) -> dict[str, Any]:
    return {
        "message_id": 1365,
        "from": SENDER,
        "chat": {"id": CHAT, "first_name": "Prueba", "type": "private"},
        "date": 1441645532,
        **content,
    }


def post(body: dict[str, Any] | bytes, secret: str | None = CREDENTIALS["secret"]):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    return RequestFactory().post(HOOK, raw, content_type="application/json", headers=headers)


def test_it_accepts_an_update_carrying_our_secret_token() -> None:
    assert KIND.verify(post(update(message=message(text="hi"))), CREDENTIALS)


@pytest.mark.parametrize("secret", ["hook-secret_2", "", None])
def test_it_refuses_an_update_without_our_secret_token(secret) -> None:
    assert not KIND.verify(post(update(message=message(text="hi")), secret=secret), CREDENTIALS)


def test_it_has_no_handshake() -> None:
    assert KIND.handshake(RequestFactory().get(HOOK), CREDENTIALS).status_code == 405


def test_it_reads_a_text_message_with_the_language_the_app_reports() -> None:
    (received,) = KIND.parse(post(update(message=message(text="Kijan pou m jwenn viza?")))).messages
    assert received == InboundMessage(
        provider_id="10000",
        address=str(CHAT),
        text="Kijan pou m jwenn viza?",
        sent_at=received.sent_at,
        reported_language="ht",
    )
    assert received.sent_at is not None
    assert received.sent_at.isoformat() == "2015-09-07T17:05:32+00:00"


def test_it_gives_a_retried_update_the_same_id() -> None:
    body = update(update_id=424242, message=message(text="hola"))
    first, second = (KIND.parse(post(body)).messages[0] for _ in range(2))
    assert first.provider_id == second.provider_id == "424242"


def test_it_reads_a_shared_location() -> None:
    point = {"latitude": 18.4861, "longitude": -69.9312}
    (received,) = KIND.parse(post(update(message=message(location=point)))).messages
    assert (received.location, received.text) == (Location(18.4861, -69.9312), "")


def test_it_reads_a_photo_as_a_message_without_text() -> None:
    photo = [{"file_id": "AgAD", "file_unique_id": "AQAD", "width": 90, "height": 90}]
    (received,) = KIND.parse(post(update(message=message(photo=photo)))).messages
    assert received.text == ""


def test_it_reads_a_pressed_inline_button_as_a_choice_in_its_chat() -> None:
    query = {
        "id": "4382bfdwdsb323b2d9",
        "from": SENDER,
        "message": message(text="Chwazi yon lang"),
        "chat_instance": "-5394390243",
        "data": "lang:ht",
    }
    (received,) = KIND.parse(post(update(update_id=10001, callback_query=query))).messages
    assert received == InboundMessage(
        provider_id="10001", address=str(CHAT), choice="lang:ht", reported_language="ht"
    )


def test_it_answers_a_pressed_button_in_the_acknowledgement() -> None:
    query = {"id": "4382bfdwdsb323b2d9", "from": SENDER, "chat_instance": "1", "data": "x"}
    response = KIND.acknowledge(post(update(callback_query=query)))
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "method": "answerCallbackQuery",
        "callback_query_id": "4382bfdwdsb323b2d9",
    }


def test_it_acknowledges_a_message_with_an_empty_answer() -> None:
    response = KIND.acknowledge(post(update(message=message(text="hi"))))
    assert (response.status_code, response.content) == (200, b"")


def test_it_reads_nothing_from_updates_it_has_no_use_for() -> None:
    edited = update(edited_message=message(text="hi", edit_date=1441645600))
    assert KIND.parse(post(edited)) == Received()


@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b'"text"',
        json.dumps({"message": message(text="hi")}).encode(),
        json.dumps(update(message={"message_id": 1, "text": "no chat"})).encode(),
        json.dumps(update(message=message(text=["not", "text"]))).encode(),
        json.dumps(update(callback_query={"id": "1", "data": "x"})).encode(),
    ],
)
def test_it_refuses_a_body_that_is_not_an_update(body: bytes) -> None:
    with pytest.raises(BadPayloadError):
        KIND.parse(post(body))


def send(provider, outbound: OutboundMessage):
    return KIND.send(
        api_base=provider.url,
        credentials=CREDENTIALS,
        to=str(CHAT),
        message=outbound,
        reference="ref-1",
    )


def test_it_sends_the_chat_id_and_text_to_send_message(provider) -> None:
    result = send(provider, OutboundMessage(text="Bonjou"))

    (request,) = provider.requests
    assert (request.method, request.path) == ("POST", SEND_PATH)
    assert request.headers["content-type"] == "application/json"
    assert request.json == {"chat_id": CHAT, "text": "Bonjou"}
    assert result.provider_id.isdigit()


def test_it_sends_choices_as_an_inline_keyboard(provider) -> None:
    buttons = (Button(id="lang:es", title="Español"), Button(id="lang:ht", title="Kreyòl"))
    send(provider, OutboundMessage(text="?", buttons=buttons))

    assert provider.requests[0].json == {
        "chat_id": CHAT,
        "text": "?",
        "reply_markup": {
            "inline_keyboard": [
                [{"text": "Español", "callback_data": "lang:es"}],
                [{"text": "Kreyòl", "callback_data": "lang:ht"}],
            ]
        },
    }


def refusal(code: int, description: str, **parameters) -> Response:
    body = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return Response(status=code, json=body)


def test_it_retries_when_telegram_asks_to_slow_down(provider) -> None:
    provider.respond(SEND_PATH, refusal(429, "Too Many Requests: retry after 7", retry_after=7))
    with pytest.raises(SendError) as refused:
        send(provider, OutboundMessage(text="Bonjou"))
    assert (refused.value.retryable, refused.value.retry_after) == (True, 7.0)
    assert refused.value.detail == "HTTP 429 Too Many Requests: retry after 7"


@pytest.mark.parametrize(
    ("response", "retryable"),
    [
        (refusal(403, "Forbidden: bot was blocked by the user"), False),
        (refusal(400, "Bad Request: chat not found"), False),
        (refusal(502, "Bad Gateway"), True),
        (Response(status=200, json={"ok": True, "result": True}), False),
    ],
)
def test_it_tells_a_passing_failure_from_a_final_refusal(provider, response, retryable) -> None:
    provider.respond(SEND_PATH, response)
    with pytest.raises(SendError) as refused:
        send(provider, OutboundMessage(text="Bonjou"))
    assert refused.value.retryable is retryable
    assert "Bonjou" not in str(refused.value)


def test_it_puts_the_keyboard_on_the_last_part_of_a_long_text() -> None:
    text = "\n".join(f"Liy {n}: enfòmasyon sou viza ak dokiman" for n in range(200))
    parts = KIND.prepare(OutboundMessage(text=text, buttons=(Button(id="a", title="A"),)))

    assert len(parts) > 1
    assert all(len(part.text) <= KIND.max_text for part in parts)
    assert [bool(part.buttons) for part in parts] == [False] * (len(parts) - 1) + [True]
    assert "\n".join(part.text for part in parts).split() == text.split()
