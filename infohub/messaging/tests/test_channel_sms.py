"""The SMS kind reads Twilio's signed form posts and sends through its Messages resource."""

import base64

import pytest
from django.test import RequestFactory
from hypothesis import given, settings
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator  # type: ignore[import-untyped]

from infohub.messaging.channels.base import (
    BadPayloadError,
    Button,
    InboundMessage,
    Location,
    OutboundMessage,
    Received,
    SendError,
    StatusUpdate,
)
from infohub.messaging.channels.sms import EMPTY_TWIML, SmsKind
from infohub.messaging.channels.text import gsm7, gsm7_segments
from infohub.testing.fake_provider import Response, fake_provider

KIND = SmsKind()
ACCOUNT = "AC" + "0" * 31 + "1"
CREDENTIALS = {"account_sid": ACCOUNT, "auth_token": "auth-token-for-tests", "from": "+15005550006"}
HOOK = "/channels/4b7c1f0e-0000-4000-8000-000000000003/receive"
SEND_PATH = f"/2010-04-01/Accounts/{ACCOUNT}/Messages.json"
PERSON = "+15558675310"


@pytest.fixture
def provider():
    with fake_provider() as server:
        yield server


def inbound_fields(**extra: str) -> dict[str, str]:
    """The form Twilio posts for an incoming SMS."""
    return {
        "ToCountry": "US",
        "ToState": "CA",
        "SmsMessageSid": "SM1f0e8ae6ade43cb3c0ce4525424e404f",
        "NumMedia": "0",
        "ToCity": "",
        "FromZip": "",
        "SmsSid": "SM1f0e8ae6ade43cb3c0ce4525424e404f",
        "FromState": "CA",
        "SmsStatus": "received",
        "FromCity": "",
        "Body": "Hola, necesito información",
        "FromCountry": "US",
        "To": CREDENTIALS["from"],
        "ToZip": "",
        "NumSegments": "1",
        "MessageSid": "SM1f0e8ae6ade43cb3c0ce4525424e404f",
        "AccountSid": ACCOUNT,
        "From": PERSON,
        "ApiVersion": "2010-04-01",
        **extra,
    }


def status_fields(status: str, **extra: str) -> dict[str, str]:
    """The form Twilio posts to a message's status callback."""
    return {
        "AccountSid": ACCOUNT,
        "From": CREDENTIALS["from"],
        "MessageSid": "SM2d3f0e8ae6ade43cb3c0ce4525424e40",
        "MessageStatus": status,
        "SmsSid": "SM2d3f0e8ae6ade43cb3c0ce4525424e40",
        "SmsStatus": status,
        "To": PERSON,
        "ApiVersion": "2010-04-01",
        **extra,
    }


def signed_post(fields: dict[str, str], *, token: str = CREDENTIALS["auth_token"], secure=True):
    """A post signed as Twilio signs it: over the URL it called and the sorted fields."""
    url = ("https" if secure else "http") + "://testserver" + HOOK
    signature = RequestValidator(token).compute_signature(url, fields)
    return RequestFactory().post(HOOK, fields, secure=secure, HTTP_X_TWILIO_SIGNATURE=signature)


def test_it_accepts_a_post_signed_with_the_auth_token() -> None:
    assert KIND.verify(signed_post(inbound_fields()), CREDENTIALS)


def test_it_checks_the_url_as_the_request_arrived() -> None:
    assert KIND.verify(signed_post(inbound_fields(), secure=False), CREDENTIALS)


def test_it_refuses_a_post_signed_with_another_token() -> None:
    assert not KIND.verify(signed_post(inbound_fields(), token="not-ours"), CREDENTIALS)


def test_it_refuses_a_post_changed_after_signing() -> None:
    signed = signed_post(inbound_fields())
    changed = RequestFactory().post(
        HOOK,
        inbound_fields(Body="otra cosa"),
        secure=True,
        HTTP_X_TWILIO_SIGNATURE=signed.headers["X-Twilio-Signature"],
    )
    assert not KIND.verify(changed, CREDENTIALS)


def test_it_refuses_a_post_signed_for_another_url() -> None:
    request = signed_post(inbound_fields(), secure=False)
    request.META["wsgi.url_scheme"] = "https"  # a proxy that ended TLS and was not trusted
    request.META["SERVER_PORT"] = "8443"
    assert not KIND.verify(request, CREDENTIALS)


def test_it_refuses_a_post_signed_with_an_empty_token_even_if_ours_is_empty() -> None:
    request = signed_post(inbound_fields(), token="")
    assert not KIND.verify(request, {**CREDENTIALS, "auth_token": ""})


def test_it_refuses_an_unsigned_post() -> None:
    assert not KIND.verify(RequestFactory().post(HOOK, inbound_fields()), CREDENTIALS)


def test_it_reads_an_incoming_sms() -> None:
    (received,) = KIND.parse(signed_post(inbound_fields())).messages
    assert received == InboundMessage(
        provider_id="SM1f0e8ae6ade43cb3c0ce4525424e404f",
        address=PERSON,
        text="Hola, necesito información",
    )


def test_it_reads_a_location_when_the_provider_sends_one() -> None:
    fields = inbound_fields(Body="", Latitude="18.4861", Longitude="-69.9312")
    (received,) = KIND.parse(signed_post(fields)).messages
    assert received.location == Location(latitude=18.4861, longitude=-69.9312)


@pytest.mark.parametrize(
    ("status", "expected"),
    [("sent", "sent"), ("delivered", "delivered"), ("failed", "failed")],
)
def test_it_reads_a_status_callback(status, expected) -> None:
    (update,) = KIND.parse(signed_post(status_fields(status))).statuses
    assert update == StatusUpdate(provider_id="SM2d3f0e8ae6ade43cb3c0ce4525424e40", status=expected)


def test_it_reads_undelivered_as_failed_with_the_error_code() -> None:
    fields = status_fields("undelivered", ErrorCode="30003")
    assert KIND.parse(signed_post(fields)).statuses == (
        StatusUpdate(
            provider_id="SM2d3f0e8ae6ade43cb3c0ce4525424e40", status="failed", error="30003"
        ),
    )


def test_it_reads_nothing_from_a_step_on_the_way() -> None:
    assert KIND.parse(signed_post(status_fields("queued"))) == Received()


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"From": PERSON, "Body": "no sid"},
        {"MessageSid": "SM1", "From": PERSON},
        inbound_fields(From=""),
        inbound_fields(Latitude="north", Longitude="west"),
    ],
)
def test_it_refuses_a_post_that_is_not_twilios(fields) -> None:
    with pytest.raises(BadPayloadError):
        KIND.parse(RequestFactory().post(HOOK, fields))


def test_it_acknowledges_with_empty_twiml() -> None:
    response = KIND.acknowledge(signed_post(inbound_fields()))
    assert response["Content-Type"] == "text/xml"
    assert response.content.decode() == EMPTY_TWIML


def send(provider, text: str):
    return KIND.send(
        api_base=provider.url,
        credentials=CREDENTIALS,
        to=PERSON,
        message=OutboundMessage(text=text),
        reference="ref-1",
    )


def test_it_posts_to_from_and_body_with_basic_auth(provider) -> None:
    result = send(provider, "Hola")

    (request,) = provider.requests
    assert (request.method, request.path) == ("POST", SEND_PATH)
    credentials = base64.b64encode(f"{ACCOUNT}:auth-token-for-tests".encode()).decode()
    assert request.headers["authorization"] == f"Basic {credentials}"
    assert request.form == {"To": PERSON, "From": "+15005550006", "Body": "Hola"}
    assert result.provider_id.startswith("SM")


def twilio_error(status: int, code: int, message: str) -> Response:
    more_info = f"https://www.twilio.com/docs/errors/{code}"
    return Response(
        status=status,
        json={"code": code, "message": message, "more_info": more_info, "status": status},
    )


@pytest.mark.parametrize(
    ("response", "retryable"),
    [
        (twilio_error(429, 20429, "Too Many Requests"), True),
        (twilio_error(503, 20503, "Service unavailable"), True),
        (twilio_error(401, 20003, "Authenticate"), False),
        (twilio_error(400, 21610, "Attempt to send to unsubscribed recipient"), False),
    ],
)
def test_it_tells_throttling_from_a_final_refusal(provider, response, retryable) -> None:
    provider.respond(SEND_PATH, response)
    with pytest.raises(SendError) as refused:
        send(provider, "Hola")
    assert refused.value.retryable is retryable


def test_it_masks_the_number_twilio_quotes_in_an_error(provider) -> None:
    message = f"The 'To' number {PERSON} is not a valid phone number."
    provider.respond(SEND_PATH, twilio_error(400, 21211, message))
    with pytest.raises(SendError) as refused:
        send(provider, "Hola")
    assert (
        refused.value.detail
        == "HTTP 400 21211 The 'To' number [number] is not a valid phone number."
    )


def test_it_writes_choices_as_a_numbered_list() -> None:
    buttons = (Button(id="es", title="Español"), Button(id="ht", title="Kreyòl"))
    (part,) = KIND.prepare(OutboundMessage(text="¿Idioma?", buttons=buttons))
    assert part == OutboundMessage(text="¿Idioma?\n\n1. Español\n2. Kreyòl")


def test_it_makes_typography_and_accents_gsm_friendly() -> None:
    text = (
        "“Cómo” está… ¡Ça va — très bien! \u2018Mwen\u2019 pa konprann. "
        "Niño, über, già, però, señal, fenêtre, así."
    )
    (part,) = KIND.prepare(OutboundMessage(text=text))
    assert part.text == (
        "\"Como\" esta... ¡Ça va - très bien! 'Mwen' pa konprann. "
        "Niño, über, già, però, señal, fenetre, asi."
    )


def test_it_cuts_a_long_reply_at_spaces_into_parts_of_three_segments() -> None:
    link = (
        "https://infohub.example/ht/atik/viza-travay-pou-moun-ki-soti-ayiti-nan-repiblik-dominiken"
    )
    text = " ".join(["Enfòmasyon sou viza travay ak dokiman yo mande."] * 30 + [link])
    parts = KIND.prepare(OutboundMessage(text=text))

    assert len(parts) > 1
    assert all(gsm7_segments(part.text) <= 3 and len(part.text) <= KIND.max_text for part in parts)
    assert link in [word for part in parts for word in part.text.split()]


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.characters(codec="utf-8"), max_size=1500).filter(
        lambda value: all(len(word) <= 100 for word in gsm7(value).split())
    )
)
def test_it_keeps_every_part_within_three_segments_and_every_word(text: str) -> None:
    parts = KIND.prepare(OutboundMessage(text=text))
    assert all(gsm7_segments(part.text) <= 3 and len(part.text) <= KIND.max_text for part in parts)
    assert " ".join(part.text for part in parts).split() == gsm7(text).split()
