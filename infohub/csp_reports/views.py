"""``POST /csp-report``: where browsers send the violations of the Content-Security-Policy."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from infohub.core.http_errors import error_response
from infohub.csp_reports.parsing import ReportError, violations
from infohub.csp_reports.services import csp_violations_count


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@csrf_exempt  # browsers send reports without a token, and nothing here acts for a user
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    limit = settings.INFOHUB_CSP_REPORT_MAX_BYTES
    if _declared_length(request) > limit:
        return error_response(413, details={"limit_bytes": limit})
    body = request.read(limit + 1)
    if len(body) > limit:
        return error_response(413, details={"limit_bytes": limit})
    try:
        found = violations(body)
    except ReportError:
        return error_response(400)
    csp_violations_count(violations=found, day=timezone.localdate())
    return HttpResponse(status=204)
