"""The public privacy notice page: the text people consent to, in the page's language."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from infohub.counselling.notice import CURRENT_NOTICE_VERSION, NOTICE_SECTIONS


@require_safe
def privacy_notice(request: HttpRequest) -> HttpResponse:
    context = {"version": CURRENT_NOTICE_VERSION, "sections": NOTICE_SECTIONS}
    return render(request, "counselling/privacy_notice.html", context)
