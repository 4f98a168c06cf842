"""WhatsApp through Meta's Cloud API."""

import datetime as dt
import hashlib
import hmac
from typing import Any, ClassVar

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden

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
    Template,
)
from infohub.messaging.channels.http import (
    json_object,
    post,
    refusal,
    retry_after,
    safe_title,
    same_secret,
)
from infohub.messaging.channels.text import fits_length, numbered, split_text

GRAPH_VERSION = "v21.0"  # the Graph API version used unless the credentials name one
MAX_BUTTONS = 3  # reply buttons in one interactive message
MAX_ROWS = 10  # rows in one interactive list
BUTTON_TITLE = 20
ROW_TITLE = 24
INTERACTIVE_BODY = 1024  # the body of an interactive message is shorter than a text's
# The list's opening button must be labelled, but a kind does not know the reply's
# language: a sign and the choices' range read the same in es, en, fr and ht.
LIST_LABEL = "☰ 1-{count}"
# Meta's codes for throttling and passing trouble on its side: worth trying again later.
RETRYABLE_CODES = frozenset({"1", "2", "4", "80007", "130429", "131000", "131016", "131056"})
STATUSES: dict[str, DeliveryStatus] = {
    "sent": "sent",
    "delivered": "delivered",
    "read": "read",
    "failed": "failed",
}


class WhatsAppKind:
    """Meta's webhook (signed with the app secret) in; the Graph API's ``/messages`` out."""

    kind: ClassVar[str] = "whatsapp"
    credential_keys: ClassVar[tuple[str, ...]] = (
        "token",
        "app_secret",
        "verify_token",
        "phone_number_id",
    )
    has_buttons: ClassVar[bool] = True
    max_text: ClassVar[int] = 4096
    service_window: ClassVar[dt.timedelta | None] = dt.timedelta(hours=24)

    def verify(self, request: HttpRequest, credentials: Credentials) -> bool:
        """Whether ``X-Hub-Signature-256`` is the HMAC-SHA256 of the raw body."""
        secret = credentials["app_secret"]
        if not secret:  # anyone can sign with an empty key
            return False
        given = request.headers.get("X-Hub-Signature-256", "")
        digest = hmac.new(secret.encode(), request.body, hashlib.sha256)
        return same_secret(given, "sha256=" + digest.hexdigest())

    def handshake(self, request: HttpRequest, credentials: Credentials) -> HttpResponse:
        """Echo ``hub.challenge`` when Meta subscribes with our verify token."""
        query = request.GET
        subscribing = query.get("hub.mode") == "subscribe"
        if subscribing and same_secret(query.get("hub.verify_token"), credentials["verify_token"]):
            return HttpResponse(query.get("hub.challenge", ""), content_type="text/plain")
        return HttpResponseForbidden()

    def parse(self, request: HttpRequest) -> Received:
        """The messages and statuses of every change in the notification."""
        body = payload.request_json(request)
        if body.get("object") != "whatsapp_business_account":
            raise BadPayloadError("Not a WhatsApp Business Account notification.")
        messages: list[InboundMessage] = []
        statuses: list[StatusUpdate] = []
        for entry in payload.as_list(body.get("entry")):
            for change in payload.as_list(payload.as_object(entry).get("changes")):
                value = payload.as_object(payload.as_object(change).get("value"))
                messages += map(_inbound, payload.as_list(value.get("messages", [])))
                statuses += filter(None, map(_status, payload.as_list(value.get("statuses", []))))
        return Received(messages=tuple(messages), statuses=tuple(statuses))

    def acknowledge(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse()

    def prepare(self, message: OutboundMessage) -> tuple[OutboundMessage, ...]:
        """Long text in parts, the buttons on the last; past ten choices a numbered list."""
        if message.template is not None:
            return (message,)
        if len(message.buttons) > MAX_ROWS or (message.buttons and not message.text.strip()):
            message = numbered(message)
        parts = split_text(message.text, fits=fits_length(self.max_text))
        if not message.buttons:
            return tuple(OutboundMessage(text=part) for part in parts)
        tail = split_text(parts[-1], fits=fits_length(INTERACTIVE_BODY))
        leading = (*parts[:-1], *tail[:-1])
        last = OutboundMessage(text=tail[-1], buttons=message.buttons)
        return (*(OutboundMessage(text=part) for part in leading), last)

    def send(
        self,
        *,
        api_base: str,
        credentials: Credentials,
        to: str,
        message: OutboundMessage,
        reference: str,
    ) -> SendResult:
        """POST the message to ``{api_base}/{version}/{phone_number_id}/messages``."""
        version = credentials.get("version") or GRAPH_VERSION
        url = f"{api_base.rstrip('/')}/{version}/{credentials['phone_number_id']}/messages"
        headers = {"Authorization": f"Bearer {credentials['token']}"}
        response = post(url, json=message_body(to=to, message=message), headers=headers)
        body = json_object(response)
        if response.ok:
            return SendResult(provider_id=_message_id(body))
        error = body.get("error")
        if not isinstance(error, dict):
            error = {}
        raise refusal(
            response.status_code,
            code=error.get("code"),
            title=error.get("message"),
            retryable_codes=RETRYABLE_CODES,
            retry_after=retry_after(response.headers.get("Retry-After")),
        )


def message_body(*, to: str, message: OutboundMessage) -> dict[str, Any]:
    """The Cloud API's JSON for one message: a template, interactive buttons or list, or text."""
    body: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to.removeprefix("+"),  # Meta names people by their number without the plus
    }
    if message.template is not None:
        return {**body, "type": "template", "template": _template(message.template)}
    if len(message.buttons) > MAX_ROWS:
        message = numbered(message)
    if not message.buttons:
        return {**body, "type": "text", "text": {"body": message.text, "preview_url": False}}
    return {**body, "type": "interactive", "interactive": _interactive(message)}


def _template(template: Template) -> dict[str, Any]:
    shape: dict[str, Any] = {"name": template.name, "language": {"code": template.language}}
    if template.parameters:
        parameters = [{"type": "text", "text": value} for value in template.parameters]
        shape["components"] = [{"type": "body", "parameters": parameters}]
    return shape


def _interactive(message: OutboundMessage) -> dict[str, Any]:
    body = {"text": message.text}
    if len(message.buttons) <= MAX_BUTTONS:
        buttons = [
            {"type": "reply", "reply": {"id": b.id, "title": b.title[:BUTTON_TITLE]}}
            for b in message.buttons
        ]
        return {"type": "button", "body": body, "action": {"buttons": buttons}}
    rows = [{"id": b.id, "title": b.title[:ROW_TITLE]} for b in message.buttons]
    label = LIST_LABEL.format(count=len(rows))
    return {"type": "list", "body": body, "action": {"button": label, "sections": [{"rows": rows}]}}


def _message_id(body: dict[str, Any]) -> str:
    try:
        return payload.identifier(payload.as_object(payload.as_list(body["messages"])[0])["id"])
    except (KeyError, IndexError, BadPayloadError):
        # Meta took the message: sending it again would send it twice.
        raise SendError("HTTP 200 without a message id", retryable=False) from None


def _inbound(raw: object) -> InboundMessage:
    message = payload.as_object(raw)
    kind = message.get("type")
    content = payload.as_object(message.get(kind, {})) if isinstance(kind, str) else {}
    text, choice, point = "", "", None
    if kind == "text":
        text = payload.text(content.get("body"))
    elif kind == "interactive":
        reply = payload.as_object(content.get(payload.text(content.get("type")), {}))
        text, choice = payload.text(reply.get("title")), payload.text(reply.get("id"))
    elif kind == "button":  # a template's quick-reply button
        text, choice = payload.text(content.get("text")), payload.text(content.get("payload"))
    elif kind == "location":
        point = payload.location(content.get("latitude"), content.get("longitude"))
    # Images, audio, stickers and the rest come through without text: the bot reads text.
    return InboundMessage(
        provider_id=payload.identifier(message.get("id")),
        address="+" + payload.identifier(message.get("from")),
        text=text,
        choice=choice,
        location=point,
        sent_at=payload.unix_time(message.get("timestamp")),
    )


def _status(raw: object) -> StatusUpdate | None:
    shape = payload.as_object(raw)
    status = STATUSES.get(payload.text(shape.get("status")))
    if status is None:  # e.g. "deleted": nothing the outbox tracks
        return None
    errors = shape.get("errors") or [{}]
    first = payload.as_object(payload.as_list(errors)[0])
    error = " ".join(str(p) for p in (first.get("code"), safe_title(first.get("title"))) if p)
    return StatusUpdate(provider_id=payload.identifier(shape.get("id")), status=status, error=error)
