"""Staff pages for data-subject requests: find a person, export, rectify, erase.

Every action is a POST whose form carries a fresh code from the user's authenticator,
checked after the rest of the form is valid and before anything is read or written.
"""

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from infohub.accounts.access import signed_in_user
from infohub.accounts.models import User
from infohub.counselling.models import Person
from infohub.privacy.access import (
    access_subject,
    access_subject_by_case_code,
    access_subject_for_erasure,
    handles_subjects,
    may_erase,
)
from infohub.privacy.errors import PrivacyError
from infohub.privacy.forms import EraseForm, FindForm, FreshCodeForm, PrintForm, RectifyForm
from infohub.privacy.presenting import flatten, printable_parts
from infohub.privacy.registry import sections
from infohub.privacy.second_factor import fresh_code_valid
from infohub.privacy.selectors import person_language, person_time_zone
from infohub.privacy.subject_data import (
    person_erase,
    person_erase_warnings,
    person_export,
    person_rectify,
)

CODE_REFUSED = gettext_lazy("That code is not valid or was already used. Wait for a new one.")
NOT_FOUND = gettext_lazy("No person record with this case code that you may handle.")


def _user(request: HttpRequest) -> User:
    user = signed_in_user(request)
    if not handles_subjects(user):
        raise Http404
    return user


@login_required
@require_http_methods(["GET", "POST"])
def privacy_home(request: HttpRequest) -> HttpResponse:
    """Find a person by case code; the code is posted, so it stays out of URLs and logs."""
    user = _user(request)
    form = FindForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            person = access_subject_by_case_code(
                user=user, case_code=form.cleaned_data["case_code"]
            )
        except Http404:
            form.add_error("case_code", NOT_FOUND)
            status = 404  # unknown and out of scope look the same
        else:
            return redirect("privacy:person", public_id=person.public_id)
    context = {"form": form, "erased": request.GET.get("erased") == "1"}
    return render(request, "privacy/home.html", context, status=status)


def _holdings(person: Person) -> list[str]:
    """What each registered section says it holds about the person, in count lines."""
    return [line for s in sections() if s.summary is not None for line in s.summary(person)]


def _person_page(
    request: HttpRequest, user: User, person: Person, *, status: int = 200, **forms: Any
) -> HttpResponse:
    erasable = may_erase(user, person)
    warnings = person_erase_warnings(person) if erasable else []
    language = person_language(person) or get_language()
    context = {
        "person": person,
        "holdings": _holdings(person),
        "may_erase": erasable,
        "erase_warnings": warnings,
        "export_form": forms.get("export_form") or FreshCodeForm(prefix="export"),
        "print_form": forms.get("print_form")
        or PrintForm(prefix="print", initial={"language": language}),
        "rectify_form": forms.get("rectify_form") or RectifyForm(prefix="rectify"),
        "erase_form": forms.get("erase_form")
        or EraseForm(prefix="erase", case_code=person.case_code, needs_reason=bool(warnings)),
        "rectified": request.GET.get("rectified"),
    }
    return render(request, "privacy/person.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def person_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _user(request)
    person = access_subject(user=user, public_id=public_id)
    return _person_page(request, user, person)


def _fresh(form: FreshCodeForm | PrintForm | RectifyForm | EraseForm, user: User) -> bool:
    """The form is valid and its code is new and right; a refused code is said on the form."""
    if not form.is_valid():
        return False
    if not fresh_code_valid(user=user, code=form.cleaned_data["code"]):
        form.add_error("code", CODE_REFUSED)
        return False
    return True


@login_required
@require_POST
def person_export_download(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _user(request)
    person = access_subject(user=user, public_id=public_id)
    form = FreshCodeForm(request.POST, prefix="export")
    if not _fresh(form, user):
        return _person_page(request, user, person, status=400, export_form=form)
    export = person_export(user=user, person=person)
    body = json.dumps(export, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"person-{person.case_code}-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def person_export_print(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _user(request)
    person = access_subject(user=user, public_id=public_id)
    form = PrintForm(request.POST, prefix="print")
    if not _fresh(form, user):
        return _person_page(request, user, person, status=400, print_form=form)
    export = person_export(user=user, person=person)
    staff_language = get_language()
    copy_language = form.cleaned_data["language"] or person_language(person) or staff_language
    # The copy is the person's: their language, their hub's clock, its formats.
    with (
        translation.override(copy_language),
        timezone.override(person_time_zone(person)),
    ):
        context = {
            "person": person,
            "parts": flatten(printable_parts(person, sections(), export)),
            "exported_at": timezone.now(),
            "controller": person.hub.organisation.name,
            "hub": person.hub.name,
            "staff_language": staff_language,
        }
        response = render(request, "privacy/printable.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def person_rectify_submit(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _user(request)
    person = access_subject(user=user, public_id=public_id)
    form = RectifyForm(request.POST, prefix="rectify")
    if not _fresh(form, user):
        return _person_page(request, user, person, status=400, rectify_form=form)
    try:
        changed = person_rectify(user=user, person=person, changes=form.changes)
    except PrivacyError as error:
        form.add_error(None, str(error))
        return _person_page(request, user, person, status=400, rectify_form=form)
    url = reverse("privacy:person", kwargs={"public_id": person.public_id})
    return redirect(f"{url}?rectified={len(changed)}")


# The reason is the officer's free text: kept in the audit row, never in error reports.
@sensitive_post_parameters("erase-reason")
@login_required
@require_POST
def person_erase_submit(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _user(request)
    person = access_subject_for_erasure(user=user, public_id=public_id)
    warned = bool(person_erase_warnings(person))
    form = EraseForm(request.POST, prefix="erase", case_code=person.case_code, needs_reason=warned)
    if not _fresh(form, user):
        return _person_page(request, user, person, status=400, erase_form=form)
    try:
        person_erase(user=user, person=person, reason=form.cleaned_data.get("reason", ""))
    except PrivacyError as error:
        form.add_error(None, str(error))
        return _person_page(request, user, person, status=400, erase_form=form)
    return redirect(reverse("privacy:home") + "?erased=1")
