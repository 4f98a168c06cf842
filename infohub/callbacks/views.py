"""Callback pages: the portal's request form, and the staff's referral form, queue and detail.

Views parse the request, look up through ``access``, call a service and render. No
personal value appears in a URL: requests are addressed by their public id, and forms
post their values.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from infohub.accounts.access import signed_in_user
from infohub.accounts.models import Hub
from infohub.callbacks.access import (
    access_callback,
    access_callback_pages,
    access_callback_referral,
    access_callback_workable,
    callback_list_workable,
)
from infohub.callbacks.errors import CallbackError, CallbackLimitError
from infohub.callbacks.forms import CallbackForm, PortalCallbackForm, ReferralForm
from infohub.callbacks.models import CallbackStatus
from infohub.callbacks.selectors import (
    callback_list_submitted,
    callback_queue,
    language_name,
    tel_number,
    topic_label,
)
from infohub.callbacks.services import (
    call_within_working_days,
    callback_refer,
    callback_request,
    callback_update,
)
from infohub.core.client_ip import client_ip


def _attach(form: CallbackForm, error: CallbackError) -> None:
    form.add_error(error.field if error.field in form.fields else None, str(error))


# Public page.


@never_cache  # the form carries a CSRF token bound to this visitor's cookie
@require_http_methods(["GET", "HEAD", "POST"])
def request_page(request: HttpRequest) -> HttpResponse:
    """Ask a hub to call back: a plain form that needs no JavaScript."""
    lang = translation.get_language()
    form = PortalCallbackForm(
        request.POST or None,
        hubs=Hub.objects.all(),
        lang=lang,
        chosen_hub=request.GET.get("hub", ""),  # picked on the hub directory page
    )
    if request.method == "POST":
        if form.is_robot:
            # Robots are thanked like people, so they do not learn to skip the field.
            return _thanks(request, hub=None)
        if form.is_valid():
            data = form.cleaned_data
            try:
                callback = callback_request(
                    hub=data["hub"],
                    name_or_alias=data["name_or_alias"],
                    phone=data["phone"],
                    language=data["language"],
                    topic=data["topic"],
                    client_ip=client_ip(request),
                )
            except CallbackLimitError as error:
                return render(
                    request, "callbacks/request_limit.html", {"message": str(error)}, status=429
                )
            except CallbackError as error:
                _attach(form, error)
            else:
                return _thanks(request, hub=callback.hub)
    return render(request, "callbacks/request_form.html", {"form": form})


def _thanks(request: HttpRequest, *, hub: Hub | None) -> HttpResponse:
    context = {"hub": hub, "days": call_within_working_days()}
    return render(request, "callbacks/request_done.html", context)


# Staff pages.


@login_required
@require_http_methods(["GET", "POST"])
def staff_refer(request: HttpRequest) -> HttpResponse:
    """A community advisor refers a person to a hub: a few fields, phone-sized."""
    user = signed_in_user(request)
    hubs = access_callback_referral(user=user)
    lang = translation.get_language()
    form = ReferralForm(request.POST or None, hubs=hubs, lang=lang)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            callback_refer(
                advisor=user,
                hub=data["hub"],
                name_or_alias=data["name_or_alias"],
                phone=data["phone"],
                language=data["language"],
                topic=data["topic"],
                person_agreed=data["person_agreed"],
            )
        except CallbackError as error:
            _attach(form, error)
        else:
            return redirect(reverse("callbacks:list") + "?sent=1")
    only_hub = hubs.first() if form.initial.get("hub") else None
    return render(request, "callbacks/staff_refer.html", {"form": form, "only_hub": only_hub})


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    """The hub queue for its case workers; an advisor's own referrals for them."""
    user = signed_in_user(request)
    scope = access_callback_pages(user=user)
    lang = translation.get_language()
    queue = callback_queue(user=user) if scope.works_queue else []
    context: dict[str, Any] = {
        "scope": scope,
        "queue": [
            {
                "callback": c,
                "language": language_name(c.language),
                "topic": topic_label(c.topic, lang=lang),
            }
            for c in queue
        ],
        "submitted": list(callback_list_submitted(user=user)[:50]) if scope.refers else [],
        "sent": request.GET.get("sent") == "1",
    }
    return render(request, "callbacks/staff_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def staff_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    """One request, with its name and phone; case workers change its status here."""
    user = signed_in_user(request)
    error = ""
    if request.method == "POST":
        callback = access_callback_workable(user=user, public_id=public_id)
        try:
            callback_update(user=user, request=callback, status=request.POST.get("status", ""))
        except CallbackError as refused:
            error = str(refused)
        else:
            return redirect("callbacks:detail", public_id=callback.public_id)
    callback = access_callback(user=user, public_id=public_id)
    workable = callback_list_workable(user=user).filter(pk=callback.pk).exists()
    context = {
        "callback": callback,
        "language": language_name(callback.language),
        "tel": tel_number(callback.phone),
        "topic": topic_label(callback.topic, lang=translation.get_language()),
        "statuses": [
            {"value": value, "label": label}
            for value, label in CallbackStatus.choices
            if value != callback.status
        ]
        if workable
        else [],
        "error": error,
    }
    return render(request, "callbacks/staff_detail.html", context, status=409 if error else 200)
