"""The project's URL map plus the listing pages, for tests run before they are wired in.

Each addition is made only while the project's own map does not serve its path, so once
``infohub/urls.py`` mounts them, the tests exercise the real wiring.
"""

from django.conf.urls.i18n import i18n_patterns
from django.urls import NoReverseMatch, URLPattern, URLResolver, include, path, reverse
from django.utils import translation

from infohub import urls as project_urls


def _mounted(name: str, **kwargs: str) -> bool:
    try:
        with translation.override("es"):
            reverse(name, urlconf="infohub.urls", kwargs=kwargs)
    except NoReverseMatch:
        return False
    return True


SAMPLE_ID = "00000000-0000-4000-8000-000000000000"

additions: list[URLPattern | URLResolver] = []
public: list[URLPattern | URLResolver] = []
if not _mounted("listings:feedback", service_id=SAMPLE_ID):
    public.append(path("services/", include("infohub.directory.listings.urls")))
if not _mounted("directory:service-detail", service_id=SAMPLE_ID):
    public.append(path("services/", include("infohub.directory.urls")))
if public:
    additions += i18n_patterns(*public)
if not _mounted("listing_staff:list"):
    additions.append(path("staff/listings/", include("infohub.directory.listings.staff_urls")))

urlpatterns = [*additions, *project_urls.urlpatterns]

handler404 = project_urls.handler404
handler500 = project_urls.handler500
