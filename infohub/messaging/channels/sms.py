"""SMS through Twilio's contract (Twilio itself, or any provider that speaks it)."""

import datetime as dt
from typing import ClassVar

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, QueryDict
from twilio.request_validator import RequestValidator  # type: ignore[import-untyped]

from infohub.messaging.channels import payload
from infohub.messaging.channels.base import (
    BadPayloadError,
    Credentials,
    DeliveryStatus,
    InboundMessage,
    OutboundMessage,
    Received,
    SendError,
    SendResult,
    StatusUpdate,
)
from infohub.messaging.channels.http import json_object, post, refusal, retry_after
from infohub.messaging.channels.text import gsm7, gsm7_segments, numbered, split_text

# A reply part is kept within three concatenated GSM-7 segments (3 x 153 septets): long
# enough for an answer and its link, cheap enough to send, and phones join them reliably.
MAX_SEGMENTS = 3
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
# Twilio's "too many requests" and "queue full" codes.
RETRYABLE_CODES = frozenset({"20429", "14107", "30001"})
STATUSES: dict[str, DeliveryStatus] = {
    "sent": "sent",
    "delivered": "delivered",
    "read": "read",
    "failed": "failed",
    "undelivered": "failed",  # the carrier gave up: for us the same as failed
}


class SmsKind:
    """Twilio's signed form posts in; its Messages resource out."""

    kind: ClassVar[str] = "sms"
    credential_keys: ClassVar[tuple[str, ...]] = ("account_sid", "auth_token", "from")
    has_buttons: ClassVar[bool] = False
    max_text: ClassVar[int] = MAX_SEGMENTS * 153
    service_window: ClassVar[dt.timedelta | None] = None

    def verify(self, request: HttpRequest, credentials: Credentials) -> bool:
        """Whether ``X-Twilio-Signature`` signs the URL Twilio called and the form fields.

        The URL is rebuilt with ``request.build_absolute_uri()``: behind a proxy that ends
        TLS, ``SECURE_PROXY_SSL_HEADER`` and ``USE_X_FORWARDED_HOST`` must be set so it is
        the public URL Twilio signed, or every request is refused.
        """
        signature = request.headers.get("X-Twilio-Signature")
        if not signature or not credentials["auth_token"]:  # anyone can sign with an empty key
            return False
        validator = RequestValidator(credentials["auth_token"])
        return bool(validator.validate(request.build_absolute_uri(), request.POST, signature))

    def handshake(self, request: HttpRequest, credentials: Credentials) -> HttpResponse:
        return HttpResponseNotAllowed(["POST"])

    def parse(self, request: HttpRequest) -> Received:
        """An incoming SMS, or a status callback for one we sent."""
        form = request.POST
        sid = form.get("MessageSid") or form.get("SmsSid")
        if not sid:
            raise BadPayloadError("Not a Twilio message webhook.")
        status = form.get("MessageStatus") or form.get("SmsStatus") or ""
        if "Body" in form and status in {"", "received"}:
            return Received(messages=(_inbound(sid, form),))
        if not status:
            raise BadPayloadError("Neither a message nor a status.")
        if status not in STATUSES:  # queued, sending, accepted: steps on the way
            return Received()
        update = StatusUpdate(
            provider_id=sid, status=STATUSES[status], error=form.get("ErrorCode", "")
        )
        return Received(statuses=(update,))

    def acknowledge(self, request: HttpRequest) -> HttpResponse:
        """Empty TwiML: Twilio sends nothing back itself, our replies go through the outbox."""
        return HttpResponse(EMPTY_TWIML, content_type="text/xml")

    def prepare(self, message: OutboundMessage) -> tuple[OutboundMessage, ...]:
        """Choices numbered, the text in GSM-7, cut into parts of at most three segments."""
        text = gsm7(numbered(message).text)
        parts = split_text(text, fits=lambda part: gsm7_segments(part) <= MAX_SEGMENTS)
        return tuple(OutboundMessage(text=part) for part in parts)

    def send(
        self,
        *,
        api_base: str,
        credentials: Credentials,
        to: str,
        message: OutboundMessage,
        reference: str,
    ) -> SendResult:
        """POST ``To``, ``From`` and ``Body`` to the account's ``Messages.json``."""
        sid = credentials["account_sid"]
        url = f"{api_base.rstrip('/')}/2010-04-01/Accounts/{sid}/Messages.json"
        form = {"To": to, "From": credentials["from"], "Body": message.text}
        response = post(url, data=form, auth=(sid, credentials["auth_token"]))
        body = json_object(response)
        if response.ok:
            if not body.get("sid"):
                # Twilio took the message: sending it again would send it twice.
                raise SendError(f"HTTP {response.status_code} without a sid", retryable=False)
            return SendResult(provider_id=str(body["sid"]))
        raise refusal(
            response.status_code,
            code=body.get("code"),
            title=body.get("message"),
            retryable_codes=RETRYABLE_CODES,
            retry_after=retry_after(response.headers.get("Retry-After")),
        )


def _inbound(sid: str, form: QueryDict) -> InboundMessage:
    latitude, longitude = form.get("Latitude"), form.get("Longitude")
    point = payload.location(latitude, longitude) if latitude and longitude else None
    return InboundMessage(
        provider_id=sid,
        address=payload.identifier(form.get("From")),
        text=form.get("Body", ""),
        location=point,
    )
