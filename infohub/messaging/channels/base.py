"""The interface every channel kind implements, and the plain values it reads and sends.

A kind turns a provider's webhook into ``InboundMessage`` and ``StatusUpdate`` values and
sends one ``OutboundMessage`` to one address. It knows nothing of conversations or the
database: the credentials and the API root are handed to it, the caller stores what it
returns. Addresses (phone numbers, chat ids) and texts are personal: a kind never logs them
and never puts them in an exception's message.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar, Literal, Protocol

from django.http import HttpRequest, HttpResponse

Credentials = Mapping[str, str]
DeliveryStatus = Literal["sent", "delivered", "read", "failed"]


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class InboundMessage:
    """One message a person sent, as the provider delivered it."""

    provider_id: str  # the provider's id of the message: a retry carries the same one
    address: str  # who sent it: a phone number in E.164 form or a chat id
    text: str = ""  # what they typed, or the title of the button they chose
    choice: str = ""  # the id of the chosen button, list row or inline-keyboard button
    location: Location | None = None
    sent_at: dt.datetime | None = None
    # The language the person's app reports (Telegram's ``language_code``), if any.
    reported_language: str = ""


@dataclass(frozen=True)
class StatusUpdate:
    """What the provider says became of a message we sent."""

    provider_id: str
    status: DeliveryStatus
    error: str = ""  # the provider's error code and title; never message text


@dataclass(frozen=True)
class Received:
    messages: tuple[InboundMessage, ...] = ()
    statuses: tuple[StatusUpdate, ...] = ()


@dataclass(frozen=True)
class Button:
    id: str  # comes back as ``InboundMessage.choice``; at most 64 characters
    title: str  # at most 20 characters (WhatsApp's limit for reply buttons)


@dataclass(frozen=True)
class Template:
    """A provider-approved template: the only thing WhatsApp sends outside the 24-hour window."""

    name: str
    language: str  # the template's language code as approved, e.g. "es", "en_US"
    parameters: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutboundMessage:
    text: str
    buttons: tuple[Button, ...] = field(default=())
    template: Template | None = None


@dataclass(frozen=True)
class SendResult:
    provider_id: str  # the provider's id of the sent message, for status updates


class SendError(Exception):
    """A send the provider refused or that could not reach it.

    ``detail`` is the provider's error code and title (or the HTTP status), never the text
    or the address. ``retryable`` is false when trying again cannot help (a bad address, a
    rejected template, wrong credentials); ``retry_after`` is the provider's own hint.
    """

    def __init__(self, detail: str, *, retryable: bool, retry_after: float | None = None):
        super().__init__(detail)
        self.detail = detail
        self.retryable = retryable
        self.retry_after = retry_after


class BadPayloadError(Exception):
    """A webhook body that is not the provider's format (answered 400, nothing stored)."""


class ChannelKind(Protocol):
    """One provider's contract. Implementations are stateless; register one instance."""

    kind: ClassVar[str]  # "whatsapp", "telegram", "sms", "external"
    # The keys of the credentials object ``channel_create`` reads, all required.
    credential_keys: ClassVar[tuple[str, ...]]
    # Whether replies can carry buttons; without, choices are written as a numbered list.
    has_buttons: ClassVar[bool]
    # The longest text one outbound message may carry (SMS: the whole text is cut into
    # segments by the provider; we keep a reply within a few of them).
    max_text: ClassVar[int]
    # WhatsApp's customer-service window: outside it only a template may be sent.
    service_window: ClassVar[dt.timedelta | None]

    def verify(self, request: HttpRequest, credentials: Credentials) -> bool:
        """Whether the request is genuinely from the provider (signature or secret)."""
        ...

    def handshake(self, request: HttpRequest, credentials: Credentials) -> HttpResponse:
        """The answer to a GET on the webhook (WhatsApp's verification); others 405."""
        ...

    def parse(self, request: HttpRequest) -> Received:
        """The messages and status updates of a verified request; ``BadPayloadError`` if none."""
        ...

    def acknowledge(self, request: HttpRequest) -> HttpResponse:
        """What the provider expects back once the request is stored."""
        ...

    def prepare(self, message: OutboundMessage) -> tuple[OutboundMessage, ...]:
        """The message as this channel can carry it, in the order to send the parts.

        Buttons become a numbered list ("1. Title") where the channel has none; the
        conversation remembers the choices it offered and reads a typed number as the
        choice. SMS text becomes GSM-7 friendly and is cut into parts of at most
        ``max_text`` characters.
        """
        ...

    def send(
        self,
        *,
        api_base: str,
        credentials: Credentials,
        to: str,
        message: OutboundMessage,
        reference: str,
    ) -> SendResult:
        """Send one message through the provider's API; ``SendError`` when it is refused.

        ``reference`` is our id of the outbound message (the external channel sends it as
        ``id`` and its status callbacks name it); other kinds may ignore it.
        """
        ...
