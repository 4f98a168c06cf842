"""The project's URL map plus the HSDS API, for tests run before the API is wired in.

Once ``infohub/urls.py`` mounts the HSDS API, the project's own patterns answer first
and the addition here is never reached.
"""

from django.urls import include, path

from infohub import urls as project_urls

urlpatterns = [
    *project_urls.urlpatterns,
    path("api/hsds/", include("infohub.directory.hsds_api.urls")),
]

handler404 = project_urls.handler404
handler500 = project_urls.handler500
