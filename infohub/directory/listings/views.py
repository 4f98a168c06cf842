"""Pages that keep listings fresh.

Public, under a language prefix: the verification page a listing's contact reaches from
the signed link in their mail (no account), and the anonymous feedback form of a
service. Staff, under /staff/: provider staff's list of their organisation's listings
and the form that proposes changes to one. Nothing here edits a listing directly:
changes wait for an editor in the admin.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from infohub.accounts.access import signed_in_user
from infohub.core.client_ip import client_ip
from infohub.directory.access import (
    access_provider_listing,
    access_provider_staff,
    access_published_service,
)
from infohub.directory.errors import FeedbackLimitError, ProposalError, VerificationLinkError
from infohub.directory.listings.forms import FeedbackForm, ListingChangeForm
from infohub.directory.listings.selectors import (
    listing_current_values,
    proposal_list_for_service,
    provider_listing_list,
    provider_listing_names,
    service_feedback_summary,
)
from infohub.directory.listings.services import (
    listing_change_propose,
    listing_verify,
    service_feedback_submit,
)
from infohub.directory.listings.verification import verification_request_from_token
from infohub.directory.models import Service
from infohub.directory.selectors import text_for


def _name(service: Service, lang: str) -> str:
    return text_for(record=service, field="name", lang=lang).text


def _link_error(request: HttpRequest, error: VerificationLinkError) -> HttpResponse:
    return render(
        request,
        "directory/listings/link_error.html",
        {"message": str(error)},
        status=error.status,
    )


# Public pages.


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """Confirm a listing, or propose changes to it, from a verification link."""
    try:
        link = verification_request_from_token(token)
    except VerificationLinkError as error:
        return _link_error(request, error)
    service = link.service
    lang = translation.get_language()
    initial = ListingChangeForm.initial_from(listing_current_values(service=service, lang=lang))
    form = ListingChangeForm(initial=initial)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "confirm":
                listing_verify(request=link)
                return render(request, "directory/listings/verify_done.html", {"confirmed": True})
            form = ListingChangeForm(request.POST, initial=initial)
            if form.is_valid():
                try:
                    listing_change_propose(
                        service=service, changes=form.changes, lang=lang, request=link
                    )
                except ProposalError as error:
                    form.add_error(None, str(error))
                else:
                    return render(
                        request, "directory/listings/verify_done.html", {"confirmed": False}
                    )
        except VerificationLinkError as error:
            return _link_error(request, error)
    context = {
        "name": _name(service, lang),
        "organization": text_for(record=service.organization, field="name", lang=lang).text,
        "current": initial,
        "form": form,
    }
    return render(request, "directory/listings/verify.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request: HttpRequest, service_id: str) -> HttpResponse:
    """Rate a published service and leave an optional comment, anonymously."""
    service = access_published_service(service_id=service_id)
    lang = translation.get_language()
    context: dict[str, Any] = {
        "service": service,
        "name": _name(service, lang),
        "service_url": reverse("directory:service-detail", kwargs={"service_id": service.id}),
    }
    form = FeedbackForm(request.POST or None)
    if request.method == "POST":
        if form.is_robot:
            # Robots are thanked like people, so they do not learn to skip the field.
            return render(request, "directory/listings/feedback_done.html", context)
        if form.is_valid():
            try:
                service_feedback_submit(
                    service=service,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                    lang=lang,
                    client_ip=client_ip(request),
                )
            except FeedbackLimitError as error:
                return render(
                    request,
                    "directory/listings/feedback_limit.html",
                    {**context, "message": str(error)},
                    status=429,
                )
            return render(request, "directory/listings/feedback_done.html", context)
    context.update(form=form, feedback=service_feedback_summary(service))
    return render(request, "directory/listings/feedback_form.html", context)


# Staff pages.


@login_required
def staff_listings(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    access_provider_staff(user=user)
    listings = list(provider_listing_list(user=user))
    names = provider_listing_names(services=listings, lang=translation.get_language())
    services = [
        {"service": s, "name": names[s.id], "pending": s.pending}  # type: ignore[attr-defined]
        for s in listings
    ]
    context = {"services": services, "sent": request.GET.get("sent") == "1"}
    return render(request, "directory/listings/staff_list.html", context)


def _content_language(requested: str | None) -> str:
    codes = settings.INFOHUB_CONTENT_LANGUAGES
    return requested if requested in codes else translation.get_language()


@login_required
@require_http_methods(["GET", "POST"])
def staff_listing_edit(request: HttpRequest, service_id: str) -> HttpResponse:
    """Propose changes to one of the organisation's listings, in one content language."""
    user = signed_in_user(request)
    service = access_provider_listing(user=user, service_id=service_id)
    lang = _content_language(request.POST.get("lang") or request.GET.get("lang"))
    initial = ListingChangeForm.initial_from(listing_current_values(service=service, lang=lang))
    form = ListingChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            listing_change_propose(service=service, changes=form.changes, lang=lang, actor=user)
        except ProposalError as error:
            form.add_error(None, str(error))
        else:
            return redirect(reverse("listing_staff:list") + "?sent=1")
    context = {
        "service": service,
        "name": _name(service, lang),
        "lang": lang,
        "languages": [
            {"code": code, "name": name, "current": code == lang}
            for code, name in settings.LANGUAGES
            if code in settings.INFOHUB_CONTENT_LANGUAGES
        ],
        "form": form,
        "proposals": proposal_list_for_service(service=service)[:10],
    }
    return render(request, "directory/listings/staff_edit.html", context)
