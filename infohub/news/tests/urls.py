"""The project's URL map plus the news pages and API, for tests run before they are wired in.

Once ``infohub/urls.py`` includes the news pages and the API mounts the news router,
the project's own patterns answer first and these additions are never reached.
"""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from ninja import NinjaAPI

from infohub import urls as project_urls
from infohub.api.auth import BearerToken
from infohub.api.errors import install_error_handlers
from infohub.news.api import router

news_api = NinjaAPI(urls_namespace="news-test-api", auth=BearerToken())
install_error_handlers(news_api)
news_api.add_router("", router)

urlpatterns = [
    *project_urls.urlpatterns,
    path("api/v1/", news_api.urls),
    *i18n_patterns(path("news/", include("infohub.news.urls"))),
]

handler404 = project_urls.handler404
handler500 = project_urls.handler500
