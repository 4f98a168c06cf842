"""The WhatsApp kind reads Meta's Cloud API webhooks and sends through its Graph API."""

import datetime as dt
import hashlib
import hmac
import json
from typing import Any

import pytest
from django.test import RequestFactory

from infohub.messaging.channels import http
from infohub.messaging.channels.base import (
    BadPayloadError,
    Button,
    InboundMessage,
    Location,
    OutboundMessage,
    SendError,
    StatusUpdate,
    Template,
)
from infohub.messaging.channels.whatsapp import WhatsAppKind
from infohub.testing.fake_provider import Response, fake_provider
from infohub.testing.live_server import free_port

KIND = WhatsAppKind()
CREDENTIALS = {
    "token": "EAAG-test-token",
    "app_secret": "app-secret-for-tests",
    "verify_token": "verify-me",
    "phone_number_id": "106540352242922",
}
HOOK = "/channels/4b7c1f0e-0000-4000-8000-000000000001/receive"
PERSON = "16505551234"


@pytest.fixture
def provider():
    with fake_provider() as server:
        yield server


def notification(value: dict[str, Any]) -> dict[str, Any]:
    """A webhook notification as Meta nests it: object, entry, changes, value."""
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "102290129340398",
                "changes": [
                    {
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "15550783881",
                                "phone_number_id": CREDENTIALS["phone_number_id"],
                            },
                            **value,
                        },
                        "field": "messages",
                    }
                ],
            }
        ],
    }


def incoming(message: dict[str, Any]) -> dict[str, Any]:
    return notification(
        {
            "contacts": [{"profile": {"name": "Persona Prueba"}, "wa_id": PERSON}],
            "messages": [
                {
                    "from": PERSON,
                    "id": "wamid.HBgLMTY1MDM4NzkVAgASGBQzQTRB",
                    "timestamp": "1749416383",
                    **message,
                }
            ],
        }
    )


def signed_post(body: dict[str, Any] | bytes, *, secret: str = CREDENTIALS["app_secret"]):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    signature = hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    return RequestFactory().post(
        HOOK, raw, content_type="application/json", HTTP_X_HUB_SIGNATURE_256=f"sha256={signature}"
    )


def parsed_message(message: dict[str, Any]) -> InboundMessage:
    (parsed,) = KIND.parse(signed_post(incoming(message))).messages
    return parsed


def test_it_accepts_a_body_signed_with_the_app_secret() -> None:
    assert KIND.verify(
        signed_post(incoming({"type": "text", "text": {"body": "hola"}})), CREDENTIALS
    )


def test_it_refuses_a_body_signed_with_another_secret() -> None:
    request = signed_post(incoming({"type": "text"}), secret="someone-else")
    assert not KIND.verify(request, CREDENTIALS)


def test_it_refuses_a_body_changed_after_signing() -> None:
    request = signed_post(b'{"object": "whatsapp_business_account"}')
    request._body = b'{"object": "whatsapp_business_account", "entry": []}'
    assert not KIND.verify(request, CREDENTIALS)


def test_it_refuses_a_body_signed_with_an_empty_secret_even_if_ours_is_empty() -> None:
    request = signed_post(incoming({"type": "text"}), secret="")
    assert not KIND.verify(request, {**CREDENTIALS, "app_secret": ""})


def test_it_refuses_an_unsigned_body() -> None:
    request = RequestFactory().post(HOOK, {}, content_type="application/json")
    assert not KIND.verify(request, CREDENTIALS)


def test_it_answers_the_subscription_handshake_with_the_challenge() -> None:
    query = {
        "hub.mode": "subscribe",
        "hub.verify_token": "verify-me",
        "hub.challenge": "1158201444",
    }
    response = KIND.handshake(RequestFactory().get(HOOK, query), CREDENTIALS)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content == b"1158201444"


@pytest.mark.parametrize(
    "query",
    [
        {"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"},
        {"hub.mode": "unsubscribe", "hub.verify_token": "verify-me", "hub.challenge": "1"},
        {},
    ],
)
def test_it_refuses_a_handshake_without_our_verify_token(query: dict[str, Any]) -> None:
    assert KIND.handshake(RequestFactory().get(HOOK, query), CREDENTIALS).status_code == 403


def test_it_reads_a_text_message_with_its_sender_and_time() -> None:
    message = parsed_message({"type": "text", "text": {"body": "Does it come in another color?"}})
    assert message == InboundMessage(
        provider_id="wamid.HBgLMTY1MDM4NzkVAgASGBQzQTRB",
        address="+16505551234",
        text="Does it come in another color?",
        sent_at=dt.datetime(2025, 6, 8, 20, 59, 43, tzinfo=dt.UTC),
    )


def test_it_reads_a_reply_button_as_a_choice() -> None:
    message = parsed_message(
        {
            "context": {"from": "15550783881", "id": "wamid.HBgLMTY1MDM4Nzk0Mzk"},
            "type": "interactive",
            "interactive": {
                "type": "button_reply",
                "button_reply": {"id": "lang-ht", "title": "Kreyòl"},
            },
        }
    )
    assert (message.choice, message.text) == ("lang-ht", "Kreyòl")


def test_it_reads_a_list_row_as_a_choice() -> None:
    message = parsed_message(
        {
            "type": "interactive",
            "interactive": {
                "type": "list_reply",
                "list_reply": {
                    "id": "topic-work",
                    "title": "Trabajo",
                    "description": "Visas de trabajo",
                },
            },
        }
    )
    assert (message.choice, message.text) == ("topic-work", "Trabajo")


def test_it_reads_a_template_quick_reply_by_its_payload() -> None:
    message = parsed_message(
        {"type": "button", "button": {"payload": "stop-alerts", "text": "Parar"}}
    )
    assert (message.choice, message.text) == ("stop-alerts", "Parar")


def test_it_reads_a_shared_location() -> None:
    message = parsed_message(
        {
            "type": "location",
            "location": {
                "latitude": 18.4861,
                "longitude": -69.9312,
                "name": "Parque",
                "address": "Calle",
            },
        }
    )
    assert message.location == Location(latitude=18.4861, longitude=-69.9312)


def test_it_reads_an_image_as_a_message_without_text() -> None:
    message = parsed_message(
        {"type": "image", "image": {"mime_type": "image/jpeg", "id": "1003383421387256"}}
    )
    assert (message.text, message.choice, message.location) == ("", "", None)


def test_it_reads_delivery_and_failure_statuses() -> None:
    body = notification(
        {
            "statuses": [
                {
                    "id": "wamid.SENT1",
                    "status": "delivered",
                    "timestamp": "1750263773",
                    "recipient_id": PERSON,
                },
                {
                    "id": "wamid.SENT2",
                    "status": "failed",
                    "timestamp": "1750263773",
                    "recipient_id": PERSON,
                    "errors": [
                        {
                            "code": 131047,
                            "title": "Re-engagement message",
                            "message": "Re-engagement message",
                            "error_data": {"details": "More than 24 hours have passed."},
                        }
                    ],
                },
                {
                    "id": "wamid.SENT3",
                    "status": "deleted",
                    "timestamp": "1750263773",
                    "recipient_id": PERSON,
                },
            ]
        }
    )
    assert KIND.parse(signed_post(body)).statuses == (
        StatusUpdate(provider_id="wamid.SENT1", status="delivered"),
        StatusUpdate(
            provider_id="wamid.SENT2", status="failed", error="131047 Re-engagement message"
        ),
    )


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        json.dumps({"object": "page", "entry": []}).encode(),
        json.dumps({"object": "whatsapp_business_account"}).encode(),
        json.dumps(incoming({"type": "text", "id": None})).encode(),
        json.dumps(incoming({"type": "location", "location": {"latitude": "north"}})).encode(),
    ],
)
def test_it_refuses_a_body_not_in_the_webhook_format(body: bytes) -> None:
    with pytest.raises(BadPayloadError):
        KIND.parse(signed_post(body))


def send(provider, message: OutboundMessage, credentials: dict[str, Any] | None = None):
    return KIND.send(
        api_base=provider.url,
        credentials=credentials or CREDENTIALS,
        to="+" + PERSON,
        message=message,
        reference="ref-1",
    )


def test_it_sends_text_to_the_phone_numbers_messages_endpoint(provider) -> None:
    result = send(provider, OutboundMessage(text="Hola"))

    (request,) = provider.requests
    assert (request.method, request.path) == ("POST", "/v21.0/106540352242922/messages")
    assert request.headers["authorization"] == "Bearer EAAG-test-token"
    assert request.json == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": PERSON,
        "type": "text",
        "text": {"body": "Hola", "preview_url": False},
    }
    assert result.provider_id.startswith("wamid.")


def test_it_uses_the_graph_version_the_credentials_name(provider) -> None:
    send(provider, OutboundMessage(text="Hola"), {**CREDENTIALS, "version": "v23.0"})
    assert provider.requests[0].path == "/v23.0/106540352242922/messages"


def test_it_sends_up_to_three_choices_as_reply_buttons(provider) -> None:
    buttons = (Button(id="yes", title="Sí"), Button(id="no", title="No"))
    send(provider, OutboundMessage(text="¿Seguir?", buttons=buttons))

    assert provider.requests[0].json["type"] == "interactive"
    assert provider.requests[0].json["interactive"] == {
        "type": "button",
        "body": {"text": "¿Seguir?"},
        "action": {
            "buttons": [
                {"type": "reply", "reply": {"id": "yes", "title": "Sí"}},
                {"type": "reply", "reply": {"id": "no", "title": "No"}},
            ]
        },
    }


def test_it_sends_four_to_ten_choices_as_a_list(provider) -> None:
    buttons = tuple(Button(id=f"c{n}", title=f"Choice {n}") for n in range(1, 6))
    send(provider, OutboundMessage(text="Pick one", buttons=buttons))

    interactive = provider.requests[0].json["interactive"]
    assert interactive["type"] == "list"
    assert interactive["body"] == {"text": "Pick one"}
    assert interactive["action"]["button"] == "☰ 1-5"
    assert interactive["action"]["sections"] == [
        {"rows": [{"id": f"c{n}", "title": f"Choice {n}"} for n in range(1, 6)]}
    ]


def test_it_sends_a_template_with_its_language_and_parameters(provider) -> None:
    template = Template(name="hub_reply_waiting", language="es", parameters=("Santo Domingo",))
    send(provider, OutboundMessage(text="", template=template))

    body = provider.requests[0].json
    assert body["type"] == "template"
    assert body["template"] == {
        "name": "hub_reply_waiting",
        "language": {"code": "es"},
        "components": [{"type": "body", "parameters": [{"type": "text", "text": "Santo Domingo"}]}],
    }


def meta_error(code: int, message: str, status: int) -> Response:
    error = {
        "message": message,
        "type": "OAuthException",
        "code": code,
        "fbtrace_id": "Az8or2yhqkZfEZ-_4Qn_Bam",
    }
    return Response(status=status, json={"error": error})


@pytest.mark.parametrize(
    ("response", "retryable"),
    [
        (
            meta_error(
                131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit", 400
            ),
            True,
        ),
        (meta_error(130429, "(#130429) Rate limit hit", 400), True),
        (meta_error(80007, "(#80007) Rate limit issues", 400), True),
        (meta_error(131026, "(#131026) Message undeliverable", 400), False),
        (meta_error(190, "Invalid OAuth access token", 401), False),
        (Response(status=429), True),
        (Response(status=503), True),
    ],
)
def test_it_tells_throttling_from_a_final_refusal(provider, response, retryable) -> None:
    provider.respond("/v21.0/106540352242922/messages", response)
    with pytest.raises(SendError) as refused:
        send(provider, OutboundMessage(text="Hola"))
    assert refused.value.retryable is retryable


def test_it_reports_the_code_and_title_never_the_text_or_number(provider) -> None:
    provider.respond(
        "/v21.0/106540352242922/messages",
        meta_error(131026, "(#131026) Message undeliverable", 400),
    )
    with pytest.raises(SendError) as refused:
        send(provider, OutboundMessage(text="Mi secreto"))
    assert refused.value.detail == "HTTP 400 131026 (#131026) Message undeliverable"
    assert PERSON not in str(refused.value)


def test_it_retries_when_the_api_cannot_be_reached() -> None:
    with pytest.raises(SendError) as refused:
        KIND.send(
            api_base=f"http://127.0.0.1:{free_port()}",
            credentials=CREDENTIALS,
            to=PERSON,
            message=OutboundMessage(text="Hola"),
            reference="ref-1",
        )
    assert refused.value.retryable
    assert refused.value.detail == "connection error"


def test_it_retries_when_the_api_answers_too_late(provider, monkeypatch) -> None:
    monkeypatch.setattr(http, "TIMEOUT", (1.0, 0.2))
    provider.respond("/v21.0/106540352242922/messages", Response(delay=0.5))
    with pytest.raises(SendError) as refused:
        send(provider, OutboundMessage(text="Hola"))
    assert (refused.value.retryable, refused.value.detail) == (True, "timeout")


def test_it_puts_the_buttons_on_the_last_part_of_a_long_text() -> None:
    words = " ".join(f"palabra{n}" for n in range(900))
    buttons = (Button(id="a", title="A"),)
    parts = KIND.prepare(OutboundMessage(text=words, buttons=buttons))

    assert all(len(part.text) <= KIND.max_text for part in parts)
    assert [bool(part.buttons) for part in parts] == [False] * (len(parts) - 1) + [True]
    assert len(parts[-1].text) <= 1024
    assert " ".join(part.text for part in parts) == words


def test_it_numbers_more_choices_than_a_list_holds() -> None:
    buttons = tuple(Button(id=f"c{n}", title=f"Choice {n}") for n in range(1, 12))
    (part,) = KIND.prepare(OutboundMessage(text="Pick", buttons=buttons))
    assert part.buttons == ()
    assert part.text.splitlines()[-1] == "11. Choice 11"


def test_it_leaves_a_template_whole() -> None:
    message = OutboundMessage(text="", template=Template(name="t", language="en_US"))
    assert KIND.prepare(message) == (message,)
