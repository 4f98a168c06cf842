"""The counsellors' inbox: the hub's handed-over conversations, one conversation, its actions.

Views look up through ``access`` (404 out of scope), call a service and render or
redirect. Conversations are addressed by their public id; no number, chat id or text
appears in a URL.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from infohub.accounts.access import signed_in_user
from infohub.accounts.models import User
from infohub.core.errors import DomainError
from infohub.messaging.inbox.access import (
    access_conversation,
    access_conversation_read,
    access_inbox,
)
from infohub.messaging.inbox.forms import PersonForm, PreferenceForm, ReplyForm
from infohub.messaging.inbox.selectors import (
    FILTERS,
    conversation_history,
    filter_names,
    inbox_list,
    language_name,
    notifies_by_mail,
    reference,
    waited,
)
from infohub.messaging.inbox.services import (
    conversation_close,
    conversation_person_create,
    conversation_reply,
    conversation_take,
    inbox_preference_set,
)
from infohub.messaging.models import Conversation, ConversationStatus


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """The hub's conversations handed over by the assistant, longest-waiting first."""
    user = signed_in_user(request)
    access_inbox(user=user)
    which = request.GET.get("show", "waiting")
    which = which if which in FILTERS else "waiting"
    now = timezone.now()
    rows = [
        {
            "conversation": c,
            "reference": reference(c),
            "language": language_name(c.language),
            "waited": waited(c, now=now),
        }
        for c in inbox_list(user=user, which=which)
    ]
    context = {
        "rows": rows,
        "which": which,
        "filters": filter_names(),
        "preference": PreferenceForm(initial={"notify_by_mail": notifies_by_mail(user=user)}),
    }
    return render(request, "messaging/inbox_list.html", context)


@login_required
@require_POST
def preference(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    access_inbox(user=user)
    form = PreferenceForm(request.POST)
    form.is_valid()  # a boolean: an unchecked or missing box is simply "no"
    inbox_preference_set(user=user, notify_by_mail=bool(form.cleaned_data.get("notify_by_mail")))
    return redirect("inbox:list")


def _detail(
    request: HttpRequest,
    user: User,
    public_id: str,
    *,
    error: str = "",
    reply_form: ReplyForm | None = None,
    person_form: PersonForm | None = None,
    status: int = 200,
) -> HttpResponse:
    conversation = access_conversation_read(user=user, public_id=public_id)
    context: dict[str, Any] = {
        "conversation": conversation,
        "reference": reference(conversation),
        "language": language_name(conversation.language),
        "waited": waited(conversation, now=timezone.now()),
        "history": conversation_history(conversation=conversation),
        "mine": conversation.assigned_to_id == user.pk,
        "is_open": conversation.status != ConversationStatus.CLOSED,
        "reply_form": reply_form or ReplyForm(),
        "person_form": person_form or PersonForm(),
        "error": error,
    }
    return render(request, "messaging/conversation_detail.html", context, status=status)


@login_required
@require_GET
def detail(request: HttpRequest, public_id: str) -> HttpResponse:
    """The history, read on the record, and what the counsellor may do next."""
    return _detail(request, signed_in_user(request), public_id)


def _back(conversation: Conversation) -> HttpResponse:
    return redirect("inbox:detail", public_id=conversation.public_id)


def _step(request: HttpRequest, public_id: str, step: Callable[..., Conversation]) -> HttpResponse:
    """Take or close: the step on a conversation in scope, or the page with its refusal."""
    user = signed_in_user(request)
    conversation = access_conversation(user=user, public_id=public_id)
    try:
        step(user=user, conversation=conversation)
    except DomainError as refused:
        return _detail(request, user, public_id, error=str(refused), status=409)
    return _back(conversation)


@login_required
@require_POST
def take(request: HttpRequest, public_id: str) -> HttpResponse:
    return _step(request, public_id, conversation_take)


@login_required
@require_POST
def reply(request: HttpRequest, public_id: str) -> HttpResponse:
    user = signed_in_user(request)
    conversation = access_conversation(user=user, public_id=public_id)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _detail(request, user, public_id, reply_form=form, status=400)
    try:
        conversation_reply(user=user, conversation=conversation, text=form.cleaned_data["text"])
    except DomainError as refused:
        return _detail(request, user, public_id, error=str(refused), reply_form=form, status=409)
    return _back(conversation)


@login_required
@require_POST
def close(request: HttpRequest, public_id: str) -> HttpResponse:
    return _step(request, public_id, conversation_close)


@login_required
@require_POST
def person(request: HttpRequest, public_id: str) -> HttpResponse:
    """A person record from the conversation, with the consent given in the chat."""
    user = signed_in_user(request)
    conversation = access_conversation(user=user, public_id=public_id)
    form = PersonForm(request.POST)
    if not form.is_valid():
        return _detail(request, user, public_id, person_form=form, status=400)
    try:
        created = conversation_person_create(
            user=user, conversation=conversation, data=form.person_data()
        )
    except DomainError as refused:
        return _detail(request, user, public_id, error=str(refused), person_form=form, status=409)
    return redirect(reverse("counselling:person-detail", kwargs={"public_id": created.public_id}))
