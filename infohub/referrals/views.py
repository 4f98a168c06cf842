"""Staff pages of referrals: the lists, sending one, reading and moving one, overrides.

Every lookup goes through ``access.py`` (404 out of scope) and every write through the
services. Lists never show a personal value; a provider sees the person only on the
referral's own page, through ``sharing.shared_values``, and that read is audited.
"""

import uuid
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from django_stubs_ext import StrOrPromise

from infohub.accounts.access import signed_in_user
from infohub.accounts.models import User
from infohub.counselling.access import access_person, dpo_organisations, person_for_dpo
from infohub.counselling.models import DocumentKind, Person, Relation
from infohub.referrals.access import access_referral
from infohub.referrals.errors import ReferralError
from infohub.referrals.forms import (
    OverrideForm,
    ReferralForm,
    StatusFilterForm,
    TransitionForm,
)
from infohub.referrals.models import Referral, ReferralStatus, SharedField
from infohub.referrals.selectors import (
    INBOX,
    category_name,
    person_consultations,
    person_referral_permissions,
    place_labels,
    referable_places_for,
    referral_boxes,
    referral_list_for_box,
    referral_providers,
)
from infohub.referrals.services import (
    provider_of,
    referral_consent,
    referral_create_with_consent,
    referral_override_grant,
    referral_transition,
)
from infohub.referrals.sharing import shared_values, sharing_closed_because
from infohub.referrals.workflow import HUB, NEEDS_REASON, PROVIDER, side_allowed

PAGE_SIZE = 25

# What the button of each step says.
ACTION_LABELS: dict[str, StrOrPromise] = {
    ReferralStatus.ACCEPTED: gettext_lazy("Accept"),
    ReferralStatus.DECLINED: gettext_lazy("Decline"),
    ReferralStatus.IN_PROGRESS: gettext_lazy("Start work"),
    ReferralStatus.COMPLETED: gettext_lazy("Complete"),
    ReferralStatus.CLOSED: gettext_lazy("Close"),
    ReferralStatus.WITHDRAWN: gettext_lazy("Withdraw"),
}


def _detail_url(referral: Referral) -> str:
    return reverse("referrals:detail", kwargs={"referral_id": referral.public_id})


@login_required
@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    """Referrals the user's hubs sent, or their organisation's inbox, by status, paginated."""
    user = signed_in_user(request)
    boxes = referral_boxes(user=user)
    if not boxes:
        raise Http404
    requested = request.GET.get("box", "")
    box = requested if requested in boxes else boxes[0]
    filters = StatusFilterForm(request.GET)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    rows = referral_list_for_box(user=user, box=box, status=status)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    labels = place_labels([r.service_at_location for r in page], lang=translation.get_language())
    context = {
        "box": box,
        "boxes": boxes,
        "filters": filters,
        "page": page,
        "rows": [
            (r, labels.get(r.service_at_location_id) if r.service_at_location_id else None)
            for r in page
        ],
        "inbox": box == INBOX,
    }
    return render(request, "referrals/list.html", context)


def _refer(*, user: User, person: Person, form: ReferralForm) -> Referral | None:
    """Send the referral, recording the consent the form confirms when none is on file."""
    place = form.cleaned_data["place"]
    try:
        provider = provider_of(place)
        if referral_consent(person, provider) is None and not form.cleaned_data["consents"]:
            form.add_error(
                "consents",
                _(
                    "The person has not consented to a referral to this provider. Read them "
                    "the privacy notice and tick the box once they agree."
                ),
            )
            return None
        return referral_create_with_consent(
            user=user,
            person=person,
            service_at_location=place,
            consultation=form.cleaned_data["consultation"],
            notice_language=form.cleaned_data["notice_language"],
        )
    except ReferralError as error:
        form.add_error(None, str(error))
        return None


@login_required
@require_http_methods(["GET", "POST"])
def referral_new(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """Refer a person of the user's hub to a service at a place, with their consent."""
    user = signed_in_user(request)
    person = access_person(user=user, public_id=person_id)
    lang = translation.get_language()
    # A screening's required action asks for a category (``?category=child-protection``).
    category = request.GET.get("category", "").strip()[:64]
    places = referable_places_for(hub=person.hub, category=category)
    listed = list(places)
    permissions = person_referral_permissions(person=person)
    on_file = permissions.consented | permissions.overridden
    providers = {p.service.organization.provider_link.organisation_id for p in listed}
    form = ReferralForm(
        request.POST or None,
        places=places,
        labels=place_labels(listed, lang=lang),
        consultations=person_consultations(user=user, person=person),
        consented_providers=permissions.consented,
        overridden_providers=permissions.overridden,
        consent_always_needed=bool(providers) and not (providers & on_file),
        language=lang,
    )
    if request.method == "POST" and form.is_valid():
        referral = _refer(user=user, person=person, form=form)
        if referral is not None:
            return redirect(_detail_url(referral))
    context = {
        "person": person,
        "form": form,
        "category": category_name(category=category, lang=lang) if category else "",
        "has_places": bool(listed),
        "show_consent": bool(providers - on_file),
    }
    return render(request, "referrals/new.html", context)


def _shared_rows(shared: dict[str, Any]) -> dict[str, Any]:
    """The shared values with their labels, for the page; lists for documents and household."""
    plain = [
        (SharedField(field).label, value)
        for field, value in shared.items()
        if field not in (SharedField.DOCUMENTS, SharedField.HOUSEHOLD)
    ]
    documents = [
        {**d, "kind": DocumentKind(d["kind"]).label if d["kind"] in DocumentKind.values else ""}
        for d in shared.get(SharedField.DOCUMENTS, [])
    ]
    household = [
        {**m, "relation": Relation(m["relation"]).label if m["relation"] in Relation.values else ""}
        for m in shared.get(SharedField.HOUSEHOLD, [])
    ]
    return {
        "plain": plain,
        "documents": documents,
        "household": household,
        "shares_documents": SharedField.DOCUMENTS in shared,
        "shares_household": SharedField.HOUSEHOLD in shared,
        "any": bool(shared),
    }


def _actions(referral: Referral, side: str, failed: dict[str, str]) -> list[dict[str, Any]]:
    """The steps the user's side may take now, each with its reason field."""
    return [
        {
            "to": target,
            "label": ACTION_LABELS.get(target, label),
            "needs_reason": target in NEEDS_REASON,
            "is_outcome": target == ReferralStatus.COMPLETED,
            "reason": failed.get("reason", "") if failed.get("to") == target else "",
        }
        for target, label in ReferralStatus.choices
        if side_allowed(referral.status, target) == side
    ]


@login_required
@require_http_methods(["GET", "POST"])
def referral_detail(request: HttpRequest, referral_id: uuid.UUID) -> HttpResponse:
    """One referral: the hub sees the case code, the provider what its agreement shares."""
    user = signed_in_user(request)
    referral, side = access_referral(user=user, public_id=referral_id)
    error = ""
    failed: dict[str, str] = {}
    if request.method == "POST":
        form = TransitionForm(request.POST)
        if form.is_valid():
            try:
                referral_transition(
                    user=user,
                    referral=referral,
                    to=form.cleaned_data["to"],
                    reason=form.cleaned_data["reason"],
                )
            except ReferralError as refused:
                error = str(refused)
            else:
                return redirect(_detail_url(referral))
        else:
            error = _("Choose a step and keep the reason under 2000 characters.")
        failed = {"to": request.POST.get("to", ""), "reason": request.POST.get("reason", "")}
    place = referral.service_at_location
    label = place_labels([place], lang=translation.get_language()).get(place.id) if place else None
    context = {
        "referral": referral,
        "side": side,
        "is_hub": side == HUB,
        "is_provider": side == PROVIDER,
        "label": label,
        "events": referral.events.all(),
        "shared": _shared_rows(shared_values(referral)) if side == PROVIDER else None,
        "sharing_closed": sharing_closed_because(referral),
        "actions": _actions(referral, side, failed),
        "error": error,
    }
    return render(request, "referrals/detail.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def override_new(request: HttpRequest) -> HttpResponse:
    """A data protection officer allows one referral without the person's consent."""
    user = signed_in_user(request)
    if not dpo_organisations(user).exists():
        raise Http404
    form = OverrideForm(request.POST or None, providers=referral_providers())
    if request.method == "POST" and form.is_valid():
        person = person_for_dpo(user=user, case_code=form.cleaned_data["case_code"])
        if person is None:
            form.add_error(
                "case_code",
                _("No person has this case code in the hubs you are data protection officer for."),
            )
        else:
            try:
                referral_override_grant(
                    user=user,
                    person=person,
                    provider=form.cleaned_data["provider"],
                    reason=form.cleaned_data["reason"],
                )
            except ReferralError as refused:
                form.add_error(None, str(refused))
            else:
                return redirect(reverse("referrals:override-new") + "?granted=1")
    context = {"form": form, "granted": request.GET.get("granted") == "1"}
    return render(request, "referrals/override.html", context)
