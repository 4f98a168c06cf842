"""The project's URL map plus endpoints and pages that raise any domain error by name."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from ninja import NinjaAPI

from infohub import urls as project_urls
from infohub.api.errors import install_error_handlers
from infohub.core.errors import DomainError
from infohub.core.tests.domain_errors import raised

errors_api = NinjaAPI(urls_namespace="domain-errors-test-api", auth=None)
install_error_handlers(errors_api)


@errors_api.get("/{name}")
def raise_in_api(request: HttpRequest, name: str) -> None:
    raise raised(name)


def raise_in_page(request: HttpRequest, name: str) -> HttpResponse:
    raise raised(name)


def refuse_and_reshow(request: HttpRequest) -> HttpResponse:
    """A view that catches the error itself, as the form views do."""
    try:
        raise raised("ReferralError")
    except DomainError as error:
        return HttpResponse(f"form again: {error}", status=200)


urlpatterns = [
    path("api/test-errors/", errors_api.urls),
    path("en/test-errors/<str:name>/", raise_in_page),
    path("staff/test-errors/<str:name>/", raise_in_page),
    path("en/test-reshow/", refuse_and_reshow),
    *project_urls.urlpatterns,
]

handler404 = project_urls.handler404
handler500 = project_urls.handler500
