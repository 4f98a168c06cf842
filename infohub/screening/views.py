"""Staff pages of screening: record a screening, read it, mark actions done, the dashboard.

Pages show case codes and consultation dates, never names. Everyone who is not a case
worker of the hub (or, for the dashboard, its manager) gets 404.
"""

import contextlib
import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods, require_POST

from infohub.accounts.access import signed_in_user
from infohub.counselling.models import Consultation, Person
from infohub.screening.access import (
    access_case_worker,
    access_dashboard,
    access_required_action,
    access_screening,
    access_screening_consultation,
    access_screening_person,
)
from infohub.screening.errors import ScreeningError
from infohub.screening.forms import ScreeningForm
from infohub.screening.models import RequiredAction, Screening
from infohub.screening.selectors import (
    criterion_action,
    criterion_name,
    due_soon,
    open_actions,
    overdue_actions,
    screening_actions,
)
from infohub.screening.services import action_done, screening_record

# Lists stop here; the counts above them are always complete.
LIST_LIMIT = 200


def _subject(screening: Screening) -> dict[str, Any]:
    """How a page names what was screened: a case code, or a consultation's date."""
    return {
        "case_code": screening.person.case_code if screening.person else "",
        "consultation_date": screening.consultation.date if screening.consultation else None,
        "hub": screening.hub.name,
    }


def _screened_person(screening: Screening) -> Person | None:
    """The person screened, directly or through their consultation; None if anonymous."""
    if screening.person is not None:
        return screening.person
    return screening.consultation.person if screening.consultation else None


def _action_row(action: RequiredAction, lang: str, now: dt.datetime) -> dict[str, Any]:
    return {
        "action": action,
        "text": criterion_action(action.criterion, lang) or criterion_name(action.criterion, lang),
        "flag": criterion_name(action.criterion, lang),
        "overdue": action.done_at is None and action.due_at < now,
        "refer_to": action.criterion.refer_to,
        "subject": _subject(action.screening),
    }


@login_required
@require_http_methods(["GET", "POST"])
def screening_new(request: HttpRequest) -> HttpResponse:
    """Screen a consultation (``?consultation=<uuid>``) or a person (``?person=<uuid>``)."""
    user = signed_in_user(request)
    consultation: Consultation | None = None
    person: Person | None = None
    if request.GET.get("consultation"):
        consultation = access_screening_consultation(
            user=user, public_id=request.GET["consultation"]
        )
    if request.GET.get("person"):
        person = access_screening_person(user=user, public_id=request.GET["person"])
    if consultation is None and person is None:
        raise Http404
    lang = translation.get_language()
    form = ScreeningForm(request.POST or None, lang=lang)
    if request.method == "POST" and form.is_valid():
        try:
            screening = screening_record(
                user=user, criteria=form.flagged(), consultation=consultation, person=person
            )
        except ScreeningError as error:
            form.add_error(None, str(error))
        else:
            return redirect("screening:detail", public_id=screening.public_id)
    subject_person = person or (consultation.person if consultation else None)
    context = {
        "form": form,
        "case_code": subject_person.case_code if subject_person else "",
        "consultation": consultation,
    }
    return render(request, "screening/new.html", context)


@login_required
def screening_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = signed_in_user(request)
    screening = access_screening(user=user, public_id=public_id)
    lang = translation.get_language()
    now = timezone.now()
    flags = [
        {"name": criterion_name(c, lang), "priority": c.get_priority_display()}
        for c in screening.criteria.order_by("position", "code")
    ]
    context = {
        "screening": screening,
        "person": _screened_person(screening),
        "subject": _subject(screening),
        "flags": flags,
        "actions": [_action_row(a, lang, now) for a in screening_actions(screening=screening)],
        "now": now,
    }
    return render(request, "screening/detail.html", context)


@login_required
@require_POST
def required_action_done(request: HttpRequest, public_id: str) -> HttpResponse:
    user = signed_in_user(request)
    action = access_required_action(user=user, public_id=public_id)
    # Done twice (two people, one click each) is still done: the page shows who did it.
    with contextlib.suppress(ScreeningError):
        action_done(user=user, action=action)
    return redirect("screening:detail", public_id=action.screening.public_id)


@login_required
def open_action_list(request: HttpRequest) -> HttpResponse:
    """A case worker's list: their hubs' open actions, the soonest due first."""
    user = signed_in_user(request)
    hubs = access_case_worker(user=user)
    lang = translation.get_language()
    now = timezone.now()
    actions = open_actions(user=user)
    context = {
        "rows": [_action_row(a, lang, now) for a in actions[:LIST_LIMIT]],
        "count": actions.count(),
        "several_hubs": hubs.count() > 1,
        "now": now,
    }
    return render(request, "screening/open_actions.html", context)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The hub manager's dashboard: overdue actions first, then those due within 24 hours."""
    user = signed_in_user(request)
    hubs = access_dashboard(user=user)
    lang = translation.get_language()
    now = timezone.now()
    overdue = overdue_actions(user=user, now=now)
    soon = due_soon(user=user, now=now)
    context = {
        "overdue": [_action_row(a, lang, now) for a in overdue[:LIST_LIMIT]],
        "overdue_count": overdue.count(),
        "soon": [_action_row(a, lang, now) for a in soon[:LIST_LIMIT]],
        "soon_count": soon.count(),
        "several_hubs": hubs.count() > 1,
        "now": now,
    }
    return render(request, "screening/dashboard.html", context)
