from django.urls import path

from infohub.directory.hubs import views

app_name = "hubs"

# Mounted under the language prefix at hubs/.
urlpatterns = [
    path("", views.hub_directory, name="directory"),
]
