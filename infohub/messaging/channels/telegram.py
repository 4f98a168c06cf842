"""Telegram through the Bot API."""

import datetime as dt
import json
from typing import Any, ClassVar

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse

from infohub.messaging.channels import payload
from infohub.messaging.channels.base import (
    Credentials,
    InboundMessage,
    OutboundMessage,
    Received,
    SendError,
    SendResult,
)
from infohub.messaging.channels.http import json_object, post, refusal, retry_after, same_secret
from infohub.messaging.channels.text import fits_length, split_text


class TelegramKind:
    """An ``Update`` (with our secret token in a header) in; ``sendMessage`` out."""

    kind: ClassVar[str] = "telegram"
    credential_keys: ClassVar[tuple[str, ...]] = ("token", "secret")
    has_buttons: ClassVar[bool] = True
    max_text: ClassVar[int] = 4096
    service_window: ClassVar[dt.timedelta | None] = None

    def verify(self, request: HttpRequest, credentials: Credentials) -> bool:
        """Whether ``X-Telegram-Bot-Api-Secret-Token`` is the secret set with ``setWebhook``."""
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        return same_secret(given, credentials["secret"])

    def handshake(self, request: HttpRequest, credentials: Credentials) -> HttpResponse:
        return HttpResponseNotAllowed(["POST"])

    def parse(self, request: HttpRequest) -> Received:
        """A message or a pressed inline button; other updates carry nothing for us."""
        update = payload.request_json(request)
        # Telegram sends an update again until it is acknowledged: the same update_id.
        update_id = payload.identifier(update.get("update_id"))
        if "message" in update:
            return Received(messages=(_message(update_id, update["message"]),))
        if "callback_query" in update:
            return Received(messages=(_callback(update_id, update["callback_query"]),))
        # Edited messages, the bot being blocked...: acknowledged, so not sent again.
        return Received()

    def acknowledge(self, request: HttpRequest) -> HttpResponse:
        """An empty answer, or one that stops the spinner on a pressed inline button."""
        try:
            query = json.loads(request.body).get("callback_query")
        except (ValueError, AttributeError):
            query = None
        if isinstance(query, dict) and "id" in query:
            # The Bot API runs a method given as the webhook's answer, saving a call.
            return JsonResponse({"method": "answerCallbackQuery", "callback_query_id": query["id"]})
        return HttpResponse()

    def prepare(self, message: OutboundMessage) -> tuple[OutboundMessage, ...]:
        """Long text in parts, the inline keyboard on the last."""
        parts = split_text(message.text, fits=fits_length(self.max_text)) or ("",)
        last = OutboundMessage(text=parts[-1], buttons=message.buttons)
        return (*(OutboundMessage(text=part) for part in parts[:-1]), last)

    def send(
        self,
        *,
        api_base: str,
        credentials: Credentials,
        to: str,
        message: OutboundMessage,
        reference: str,
    ) -> SendResult:
        """POST the message to ``{api_base}/bot{token}/sendMessage``."""
        url = f"{api_base.rstrip('/')}/bot{credentials['token']}/sendMessage"
        response = post(url, json=message_body(to=to, message=message))
        body = json_object(response)
        if response.ok and body.get("ok") is True:
            return SendResult(provider_id=_message_id(body))
        parameters = body.get("parameters")
        hint = parameters.get("retry_after") if isinstance(parameters, dict) else None
        raise refusal(
            response.status_code,
            title=body.get("description"),
            retry_after=retry_after(hint) if hint is not None else None,
        )


def message_body(*, to: str, message: OutboundMessage) -> dict[str, Any]:
    """The Bot API's ``sendMessage`` JSON: one inline-keyboard row per choice."""
    # Private chats have integer ids; a channel may be named "@name".
    chat_id: int | str = int(to) if to.lstrip("-").isdigit() else to
    body: dict[str, Any] = {"chat_id": chat_id, "text": message.text}
    if message.buttons:
        rows = [[{"text": b.title, "callback_data": b.id}] for b in message.buttons]
        body["reply_markup"] = {"inline_keyboard": rows}
    return body


def _message_id(body: dict[str, Any]) -> str:
    result = body.get("result")
    if isinstance(result, dict) and "message_id" in result:
        return str(result["message_id"])
    # Telegram took the message: sending it again would send it twice.
    raise SendError("HTTP 200 without a message id", retryable=False)


def _message(update_id: str, raw: object) -> InboundMessage:
    message = payload.as_object(raw)
    chat = payload.as_object(message.get("chat"))
    sender = message.get("from")
    point = message.get("location")
    location = None
    if point is not None:
        shape = payload.as_object(point)
        location = payload.location(shape.get("latitude"), shape.get("longitude"))
    return InboundMessage(
        provider_id=update_id,
        address=payload.identifier(chat.get("id")),
        # Photos, stickers, voice notes come through without text: the bot reads text.
        text=payload.text(message.get("text")),
        location=location,
        sent_at=payload.unix_time(message.get("date")),
        reported_language=_language(sender),
    )


def _callback(update_id: str, raw: object) -> InboundMessage:
    query = payload.as_object(raw)
    sender = payload.as_object(query.get("from"))
    message = query.get("message")
    # The button's own message names the chat; without it (an inline message) the person.
    chat = payload.as_object(message).get("chat") if message is not None else sender
    return InboundMessage(
        provider_id=update_id,
        address=payload.identifier(payload.as_object(chat).get("id")),
        choice=payload.text(query.get("data")),
        reported_language=_language(sender),
    )


def _language(sender: object) -> str:
    if not isinstance(sender, dict):
        return ""
    return payload.text(sender.get("language_code"))
