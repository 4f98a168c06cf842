"""Any aggregator through RapidPro's "External API" channel contract, infohub on RapidPro's side."""

import datetime as dt
import uuid
from typing import ClassVar

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, QueryDict
from django.utils.crypto import salted_hmac

from infohub.messaging.channels import payload
from infohub.messaging.channels.base import (
    BadPayloadError,
    Credentials,
    DeliveryStatus,
    InboundMessage,
    OutboundMessage,
    Received,
    SendResult,
    StatusUpdate,
)
from infohub.messaging.channels.http import post, refusal, same_secret
from infohub.messaging.channels.text import fits_length, numbered, split_text

# The events the view names in ``request.resolver_match.kwargs["event"]``.
RECEIVE = "receive"
STATUS_EVENTS: dict[str, DeliveryStatus] = {
    "sent": "sent",
    "delivered": "delivered",
    "failed": "failed",
}


class ExternalKind:
    """Form posts with ``Authorization: Token <secret>`` in; a form post to ``api_base`` out."""

    kind: ClassVar[str] = "external"
    credential_keys: ClassVar[tuple[str, ...]] = ("secret",)
    has_buttons: ClassVar[bool] = False
    max_text: ClassVar[int] = 640
    service_window: ClassVar[dt.timedelta | None] = None

    def verify(self, request: HttpRequest, credentials: Credentials) -> bool:
        """Whether the request carries ``Authorization: Token <secret>``."""
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        return scheme == "Token" and same_secret(token.strip(), credentials["secret"])

    def handshake(self, request: HttpRequest, credentials: Credentials) -> HttpResponse:
        return HttpResponseNotAllowed(["POST"])

    def parse(self, request: HttpRequest) -> Received:
        """A message (``from``, ``text``, ``date``) or a status callback naming our ``id``."""
        fields = request.POST if request.method == "POST" else request.GET
        match = request.resolver_match
        event = str(match.kwargs.get("event", RECEIVE)) if match else RECEIVE
        if event == RECEIVE:
            return Received(messages=(_inbound(fields),))
        if event not in STATUS_EVENTS:
            raise BadPayloadError("Not an event of the External API channel.")
        update = StatusUpdate(
            provider_id=payload.identifier(fields.get("id")), status=STATUS_EVENTS[event]
        )
        return Received(statuses=(update,))

    def acknowledge(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse()

    def prepare(self, message: OutboundMessage) -> tuple[OutboundMessage, ...]:
        """Choices numbered, the text cut into parts of at most ``max_text`` characters."""
        parts = split_text(numbered(message).text, fits=fits_length(self.max_text))
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
        """POST ``id``, ``to`` and ``text`` to ``api_base``; our reference is the message's id.

        The shared secret goes along as ``Authorization: Token <secret>`` so the aggregator
        can tell the post is ours, as we tell its posts are its own.
        """
        form = {"id": reference, "to": to, "text": message.text}
        if credentials.get("from"):
            form["from"] = credentials["from"]
        headers = {"Authorization": f"Token {credentials['secret']}"}
        response = post(api_base, data=form, headers=headers)
        if not response.ok:
            raise refusal(response.status_code)
        return SendResult(provider_id=reference)


def _inbound(fields: QueryDict) -> InboundMessage:
    sender = payload.identifier(fields.get("from"))
    if "text" not in fields:
        raise BadPayloadError("A message without a text field.")
    text, date = fields.get("text", ""), fields.get("date", "")
    return InboundMessage(
        provider_id=fields.get("id") or _derived_id(sender, date, text),
        address=sender,
        text=text,
        sent_at=payload.iso_time(date),
    )


def _derived_id(sender: str, date: str, text: str) -> str:
    """An id for a message the contract gives none to.

    With a date, the same post retried yields the same id, so the retry stores nothing
    new; the hash is keyed, as the id is kept in the clear and these are personal. Without
    one a retry cannot be told from the person sending the same words again ("1", "yes"),
    so each post counts as a new message.
    """
    if not date:
        return f"ext-{uuid.uuid4().hex}"
    value = f"{sender}\n{date}\n{text}"
    digest = salted_hmac("infohub.messaging.external", value, algorithm="sha256")
    return f"ext-{digest.hexdigest()[:40]}"
