"""The project's URL map plus the services pages and the nearby API, for tests run before
they are wired in.

Each addition is made only while the project's own map does not serve its path, so once
``infohub/urls.py`` and the API mount them, the tests exercise the real wiring.
"""

from django.conf.urls.i18n import i18n_patterns
from django.urls import Resolver404, URLPattern, URLResolver, include, path, resolve
from django.utils import translation
from ninja import NinjaAPI

from infohub import urls as project_urls
from infohub.api.auth import BearerToken
from infohub.api.errors import install_error_handlers
from infohub.directory.api_nearby import router


def _served(url: str) -> bool:
    try:
        with translation.override("es"):
            resolve(url, urlconf="infohub.urls")
    except Resolver404:
        return False
    return True


additions: list[URLPattern | URLResolver] = []
if not _served("/api/v1/services/nearby"):
    api = NinjaAPI(urls_namespace="nearby-tests", auth=BearerToken(), docs_url=None)
    install_error_handlers(api)
    api.add_router("", router)
    additions.append(path("api/v1/", api.urls))
if not _served("/es/services/"):
    additions += i18n_patterns(path("services/", include("infohub.directory.urls")))

urlpatterns = [*additions, *project_urls.urlpatterns]

handler404 = project_urls.handler404
handler500 = project_urls.handler500
