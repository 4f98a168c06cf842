"""The providers' webhook (verify, store, acknowledge), and the page a chat's summary link opens."""

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from infohub.messaging.channels.base import BadPayloadError
from infohub.messaging.channels.registry import kind_named
from infohub.messaging.models import Channel, ChannelKindName
from infohub.messaging.services import credentials_of, receive_store
from infohub.messaging.summary import finder_answers
from infohub.pathways.finder import FinderState
from infohub.pathways.selectors import question_list

# The events of RapidPro's external channel's status callbacks, beside "receive".
STATUS_EVENTS = ("sent", "delivered", "failed")


def _channel(channel_id: uuid.UUID, event: str) -> Channel | None:
    channel = Channel.objects.filter(public_id=channel_id, is_enabled=True).first()
    if channel is None or (event != "receive" and channel.kind != ChannelKindName.EXTERNAL):
        return None
    return channel if event == "receive" or event in STATUS_EVENTS else None


@csrf_exempt  # providers cannot send a CSRF token; each request is verified by its kind
@require_http_methods(["GET", "POST"])
def receive(request: HttpRequest, channel_id: uuid.UUID, event: str = "receive") -> HttpResponse:
    """Verify a provider's request, store what it brings and acknowledge it."""
    channel = _channel(channel_id, event)
    if channel is None:
        return HttpResponse(status=404)
    kind = kind_named(channel.kind)
    credentials = credentials_of(channel)
    if request.method == "GET":
        return kind.handshake(request, credentials)
    if not kind.verify(request, credentials):
        return HttpResponse(status=403)
    try:
        received = kind.parse(request)
    except BadPayloadError:
        return HttpResponse(status=400)
    receive_store(channel=channel, received=received)
    return kind.acknowledge(request)


@never_cache
@require_http_methods(["GET", "HEAD"])
def finder_summary(request: HttpRequest, token: str) -> HttpResponse:
    """One button that posts the chat's finder answers to the printable summary."""
    found = finder_answers(token)
    if found is None:
        return render(request, "messaging/summary_gone.html", status=404)
    questions = {q.key: q for q in question_list()}
    answers = {k: v for k, v in found["answers"].items() if k in questions}
    skipped = [k for k in found["skipped"] if k in questions]
    state = FinderState(found["country"], None, answers, skipped)
    response = render(request, "messaging/summary.html", {"hidden": state.hidden_fields(questions)})
    # The page carries the answers: no search engine, no referrer.
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
