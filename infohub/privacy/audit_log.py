"""The data protection officer's view of the audit log, for their organisation's staff.

Rows hold no personal value (actions, object types and random ids, times, request ids),
so the page shows them as they are. A DPO sees the rows written by accounts that work
for their organisation or its hubs; everyone else gets 404.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from infohub.accounts.access import signed_in_user
from infohub.accounts.models import User
from infohub.audit.models import AuditAction, AuditEvent
from infohub.counselling.access import dpo_organisations

PER_PAGE = 100


def audit_events_for_dpo(*, user: User) -> QuerySet[AuditEvent]:
    organisations = dpo_organisations(user)
    staff = User.objects.filter(
        Q(memberships__organisation__in=organisations)
        | Q(memberships__hub__organisation__in=organisations)
    )
    return AuditEvent.objects.filter(actor__in=staff).select_related("actor").order_by("-at", "-pk")


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not dpo_organisations(user).exists():
        raise Http404
    events = audit_events_for_dpo(user=user)
    action = request.GET.get("action", "")
    if action in AuditAction.values:
        events = events.filter(action=action)
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "actions": AuditAction.choices, "action": action}
    return render(request, "privacy/audit_log.html", context)
