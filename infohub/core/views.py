"""Platform endpoints that belong to no domain."""

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from infohub.core.http_errors import error_response


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Report whether the database answers; 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def trivial(request: HttpRequest) -> HttpResponse:
    """The benchmark baseline: the cheapest response Django can give."""
    return HttpResponse(b"ok", content_type="text/plain")


@csrf_exempt  # posted to as the webhook it is compared with is: without a CSRF token
@require_POST
def store(request: HttpRequest) -> HttpResponse:
    """The messaging benchmark's baseline: write the raw body to a table and answer."""
    with connection.cursor() as cursor:
        # A plain table, not a model: it exists only on a benchmark's throwaway database.
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_store (body TEXT NOT NULL)")
        cursor.execute(
            "INSERT INTO bench_store (body) VALUES (%s)",
            [request.body.decode("utf-8", errors="replace")],
        )
    return HttpResponse(b"ok", content_type="text/plain")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        return error_response(404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        return error_response(500, details={"request_id": getattr(request, "request_id", None)})
    return render(request, "500.html", status=500)
