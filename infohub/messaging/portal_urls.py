"""The portal page a chat links to (under a language prefix)."""

from django.urls import URLPattern, path

from infohub.messaging import views

app_name = "messaging-portal"

urlpatterns: list[URLPattern] = [
    path("summary/<str:token>/", views.finder_summary, name="summary"),
]
