"""Staff pages for consultations and person records, under /staff/.

The second-factor middleware guards every page here by its prefix. Each page answers
404 to a user who has no part in the work it serves (editors, analysts, provider staff,
the data protection officer, administrators without a hub role), the same answer as an
out-of-scope id, so the pages reveal nothing to them. Lookups go through ``access``,
writes through the services. Lists show case codes, never names; document numbers and
phones are only ever posted, never put in a URL.
"""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from infohub.accounts.access import signed_in_user
from infohub.accounts.models import Hub, User
from infohub.counselling.access import access_person, recordable_hubs
from infohub.counselling.errors import CounsellingError
from infohub.counselling.forms import (
    CaseCodeSearchForm,
    ConsentForm,
    ConsultationForm,
    DocumentForm,
    IdentifierSearchForm,
    PersonForm,
)
from infohub.counselling.models import Person
from infohub.counselling.notice import CURRENT_NOTICE_VERSION
from infohub.counselling.person_page import person_sections
from infohub.counselling.prefill import consultation_prefill
from infohub.counselling.selectors import (
    case_hubs,
    consultation_rows,
    person_consultations,
    person_rows,
    provider_organisation_list,
)
from infohub.counselling.services import (
    DocumentInput,
    consent_give,
    consent_withdraw,
    consultation_record,
    duplicate_case_codes,
    person_create,
)
from infohub.countries import country_name

PAGE_SIZE = 50


def _in_scope(hubs: QuerySet[Hub]) -> QuerySet[Hub]:
    """The hubs, or 404 when there are none: the page is not part of the user's work."""
    if not hubs.exists():
        raise Http404
    return hubs


def _posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def _page(request: HttpRequest, rows: QuerySet[Any]) -> Any:
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


# Consultations.


@login_required
@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    _in_scope(recordable_hubs(user=user))
    page = _page(request, consultation_rows(user=user))
    return render(request, "counselling/consultation_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def consultation_new(request: HttpRequest) -> HttpResponse:
    """Record a consultation: anonymous, or for ``?person=<public id>``.

    Another app may start it from what it holds (``?callback=<public id>``, see
    ``prefill``): the form opens with its hub, channel, language and topic.
    """
    user = signed_in_user(request)
    hubs = _in_scope(recordable_hubs(user=user))
    person = None
    if "person" in request.GET:
        person = access_person(user=user, public_id=request.GET["person"])
        hubs = Hub.objects.filter(pk=person.hub_id)
    prefill = consultation_prefill(user=user, query=request.GET)
    if prefill is not None:
        hubs = _in_scope(hubs.filter(pk=prefill.hub.pk))
    initial = prefill.initial() if prefill is not None else None
    form = ConsultationForm(_posted(request), hubs=hubs, lang=get_language(), initial=initial)
    if form.is_valid():
        try:
            data = form.consultation_input()
            consultation_record(user=user, hub=form.chosen_hub(), data=data, person=person)
        except CounsellingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Consultation recorded."))
            return redirect("counselling:consultation-list")
    context = {"form": form, "person": person, "prefill": prefill}
    return render(request, "counselling/consultation_new.html", context)


# People.


@login_required
@require_http_methods(["GET", "POST"])
def person_list(request: HttpRequest) -> HttpResponse:
    """People by case code; GET finds a case code, POST a document or phone (keyed hash)."""
    user = signed_in_user(request)
    _in_scope(case_hubs(user=user))
    lang = get_language()
    rows, searched = person_rows(user=user), False
    by_code = CaseCodeSearchForm(request.GET)
    if request.GET.get("code"):
        searched = True
        rows = (
            rows.filter(case_code=by_code.cleaned_data["code"])
            if by_code.is_valid()
            else rows.none()
        )
    by_identifier = IdentifierSearchForm(_posted(request), lang=lang)
    if by_identifier.is_valid():
        searched = True
        data = by_identifier.cleaned_data
        codes = duplicate_case_codes(
            user=user, phone=data["phone"], documents=by_identifier.documents()
        )
        rows = rows.filter(case_code__in=codes)
        by_identifier = IdentifierSearchForm(lang=lang)  # the number is not shown back
    context = {
        "page": _page(request, rows),
        "searched": searched,
        "by_code": by_code,
        "by_identifier": by_identifier,
    }
    return render(request, "counselling/person_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_new(request: HttpRequest) -> HttpResponse:
    """Create a person record; possible duplicates must be checked before it is created."""
    user = signed_in_user(request)
    hubs = _in_scope(case_hubs(user=user))
    lang = get_language()
    form = PersonForm(_posted(request), hubs=hubs, lang=lang)
    documents = [DocumentForm(_posted(request), prefix=p, lang=lang) for p in ("doc1", "doc2")]
    duplicates: list[str] = []
    if all([form.is_valid(), *[d.is_valid() for d in documents]]):
        entered = [d for d in (f.document() for f in documents) if d is not None]
        phone = form.cleaned_data["phone"]
        duplicates = duplicate_case_codes(user=user, phone=phone, documents=entered)
        if not duplicates or form.confirms_different(duplicates):
            person = _person_create(user, form, entered)
            if person is not None:
                message = _("Person record %(code)s created.") % {"code": person.case_code}
                messages.success(request, message)
                return redirect("counselling:person-detail", public_id=person.public_id)
    context = {
        "form": form,
        "documents": documents,
        "duplicates": duplicates,
        "notice_version": CURRENT_NOTICE_VERSION,
    }
    return render(request, "counselling/person_new.html", context)


def _person_create(user: User, form: PersonForm, documents: list[DocumentInput]) -> Person | None:
    """The new person, or None with the service's refusal added to the form."""
    try:
        return person_create(
            user=user,
            hub=form.chosen_hub(),
            data=form.person_input(documents),
            consents=form.consent_inputs(),
        )
    except CounsellingError as error:
        form.add_error(None, str(error))
        return None


def _consent_form(data: QueryDict | None = None) -> ConsentForm:
    return ConsentForm(data, providers=provider_organisation_list(), lang=get_language())


def _person_page(
    request: HttpRequest, user: User, person: Person, consent_form: ConsentForm
) -> HttpResponse:
    """The whole record: call only with a person returned by ``access_person`` (audited)."""
    lang = get_language()
    context = {
        "person": person,
        "nationality": country_name(person.nationality, lang) if person.nationality else "",
        "documents": [
            (d, country_name(d.issuing_country, lang) if d.issuing_country else "")
            for d in person.documents.order_by("pk")
        ],
        "household": person.household.order_by("pk"),
        "consents": person.consents.select_related("provider").order_by("-given_at", "-pk"),
        "consultations": person_consultations(user=user, person=person),
        # What other apps hold about the person: screenings, referrals.
        "sections": person_sections(request=request, user=user, person=person),
        "consent_form": consent_form,
        "notice_version": CURRENT_NOTICE_VERSION,
    }
    return render(request, "counselling/person_detail.html", context)


@login_required
@require_GET
def person_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = signed_in_user(request)
    person = access_person(user=user, public_id=public_id)
    return _person_page(request, user, person, _consent_form())


@login_required
@require_POST
def consent_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = signed_in_user(request)
    person = access_person(user=user, public_id=public_id)
    form = _consent_form(request.POST)
    if form.is_valid():
        try:
            consent_give(user=user, person=person, data=form.consent_input())
        except CounsellingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Consent recorded."))
            return redirect("counselling:person-detail", public_id=person.public_id)
    return _person_page(request, user, person, form)


@login_required
@require_POST
def consent_end(request: HttpRequest, public_id: UUID, consent_id: UUID) -> HttpResponse:
    """Withdraw one of the person's consents, and the pending referrals relying on it."""
    user = signed_in_user(request)
    person = access_person(user=user, public_id=public_id)
    consent = person.consents.filter(public_id=consent_id).first()
    if consent is None:
        raise Http404
    try:
        withdrawn = consent_withdraw(user=user, consent=consent)
    except CounsellingError as error:
        messages.error(request, str(error))
    else:
        text = ngettext(
            "Consent withdrawn. %(count)d pending referral that relied on it was withdrawn.",
            "Consent withdrawn. %(count)d pending referrals that relied on it were withdrawn.",
            withdrawn,
        )
        messages.success(request, text % {"count": withdrawn})
    return redirect("counselling:person-detail", public_id=person.public_id)
