"""Who runs the service and how to reach it: the about and contact pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from infohub.accounts.selectors import hub_operator_list_public


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    operators = [o.name for o in hub_operator_list_public()]
    return render(request, "portal/about.html", {"operators": operators})


@require_safe
def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/contact.html")
