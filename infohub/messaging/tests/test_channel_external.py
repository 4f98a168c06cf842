"""The external kind plays RapidPro's side of its External API channel contract."""

import datetime as dt
from typing import Any

import pytest
from django.test import RequestFactory
from django.urls import ResolverMatch

from infohub.messaging.channels import http
from infohub.messaging.channels.base import (
    BadPayloadError,
    Button,
    DeliveryStatus,
    InboundMessage,
    OutboundMessage,
    SendError,
    StatusUpdate,
)
from infohub.messaging.channels.external import ExternalKind
from infohub.testing.fake_provider import Response, fake_provider

KIND = ExternalKind()
CREDENTIALS = {"secret": "shared-secret-for-tests"}
HOOK = "/channels/4b7c1f0e-0000-4000-8000-000000000004/receive"
PERSON = "+18095550123"


@pytest.fixture
def provider():
    with fake_provider() as server:
        yield server


def post(fields: dict[str, str], *, event: str = "receive", token: str | None = None):
    """A post as an aggregator makes it, routed as the webhook's URL pattern routes it."""
    authorization = f"Token {token or CREDENTIALS['secret']}"
    request = RequestFactory().post(HOOK, fields, HTTP_AUTHORIZATION=authorization)
    request.resolver_match = ResolverMatch(lambda: None, (), {"event": event})
    return request


def test_it_accepts_a_post_carrying_our_token() -> None:
    assert KIND.verify(post({"from": PERSON, "text": "hola"}), CREDENTIALS)


@pytest.mark.parametrize(
    "authorization", ["Token not-ours", "Bearer shared-secret-for-tests", "", "Token"]
)
def test_it_refuses_a_post_without_our_token(authorization: str) -> None:
    request = RequestFactory().post(
        HOOK, {"from": PERSON, "text": "x"}, HTTP_AUTHORIZATION=authorization
    )
    assert not KIND.verify(request, CREDENTIALS)


def test_it_has_no_handshake() -> None:
    assert KIND.handshake(RequestFactory().get(HOOK), CREDENTIALS).status_code == 405


def test_it_reads_a_message_with_its_date() -> None:
    fields = {"from": PERSON, "text": "Bonjour", "date": "2026-12-07T14:30:00.000Z"}
    (received,) = KIND.parse(post(fields)).messages
    assert (received.address, received.text) == (PERSON, "Bonjour")
    assert received.sent_at == dt.datetime(2026, 12, 7, 14, 30, tzinfo=dt.UTC)


def test_it_reads_a_date_without_an_offset_as_utc() -> None:
    fields = {"from": PERSON, "text": "x", "date": "2026-12-07T14:30:00"}
    (received,) = KIND.parse(post(fields)).messages
    assert received.sent_at == dt.datetime(2026, 12, 7, 14, 30, tzinfo=dt.UTC)


def test_it_uses_the_aggregators_id_when_it_gives_one() -> None:
    (received,) = KIND.parse(post({"from": PERSON, "text": "x", "id": "agg-77"})).messages
    assert received == InboundMessage(provider_id="agg-77", address=PERSON, text="x")


def test_it_gives_a_retried_post_the_same_id() -> None:
    fields = {"from": PERSON, "text": "1", "date": "2026-12-07T14:30:00Z"}
    first, second = (KIND.parse(post(fields)).messages[0] for _ in range(2))
    later = KIND.parse(post({**fields, "date": "2026-12-07T14:31:00Z"})).messages[0]
    assert first.provider_id == second.provider_id != later.provider_id
    assert PERSON not in first.provider_id


def test_it_counts_each_undated_post_as_a_new_message() -> None:
    fields = {"from": PERSON, "text": "1"}
    first, second = (KIND.parse(post(fields)).messages[0] for _ in range(2))
    assert first.provider_id != second.provider_id


@pytest.mark.parametrize("event", ["sent", "delivered", "failed"])
def test_it_reads_a_status_callback_naming_our_reference(event: DeliveryStatus) -> None:
    received = KIND.parse(post({"id": "out-42"}, event=event))
    assert received.statuses == (StatusUpdate(provider_id="out-42", status=event),)


@pytest.mark.parametrize(
    ("fields", "event"),
    [
        ({"text": "who sent this?"}, "receive"),
        ({"from": PERSON}, "receive"),
        ({"from": PERSON, "text": "x", "date": "yesterday"}, "receive"),
        ({}, "delivered"),
        ({"id": "out-42"}, "read"),
    ],
)
def test_it_refuses_a_post_not_in_the_contract(fields, event) -> None:
    with pytest.raises(BadPayloadError):
        KIND.parse(post(fields, event=event))


def send(provider, text: str = "Hola", credentials: dict[str, Any] | None = None):
    return KIND.send(
        api_base=f"{provider.url}/external/send",
        credentials=credentials or CREDENTIALS,
        to=PERSON,
        message=OutboundMessage(text=text),
        reference="out-42",
    )


def test_it_posts_our_reference_the_address_and_the_text(provider) -> None:
    result = send(provider)

    (request,) = provider.requests
    assert (request.method, request.path) == ("POST", "/external/send")
    assert request.headers["authorization"] == "Token shared-secret-for-tests"
    assert request.form == {"id": "out-42", "to": PERSON, "text": "Hola"}
    assert result.provider_id == "out-42"


def test_it_sends_from_the_number_the_credentials_name(provider) -> None:
    send(provider, credentials={**CREDENTIALS, "from": "+18095550000"})
    assert provider.requests[0].form == {
        "id": "out-42",
        "to": PERSON,
        "text": "Hola",
        "from": "+18095550000",
    }


@pytest.mark.parametrize(
    ("status", "retryable"), [(500, True), (503, True), (429, True), (400, False)]
)
def test_it_retries_only_what_may_pass(provider, status, retryable) -> None:
    provider.respond("/external/send", Response(status=status))
    with pytest.raises(SendError) as refused:
        send(provider)
    assert (refused.value.retryable, refused.value.detail) == (retryable, f"HTTP {status}")


def test_it_retries_when_the_aggregator_answers_too_late(provider, monkeypatch) -> None:
    monkeypatch.setattr(http, "TIMEOUT", (1.0, 0.2))
    provider.respond("/external/send", Response(delay=0.5))
    with pytest.raises(SendError) as refused:
        send(provider)
    assert refused.value.retryable


def test_it_numbers_choices_and_keeps_parts_within_its_limit() -> None:
    text = " ".join(["Información sobre visas de trabajo."] * 40)
    parts = KIND.prepare(OutboundMessage(text=text, buttons=(Button("a", "Sí"), Button("b", "No"))))
    assert all(len(part.text) <= KIND.max_text and not part.buttons for part in parts)
    assert parts[-1].text.endswith("1. Sí\n2. No")
