"""The portal's callback request page (under a language prefix)."""

from django.urls import URLPattern, path

from infohub.callbacks import views

app_name = "callbacks-portal"

urlpatterns: list[URLPattern] = [
    path("", views.request_page, name="request"),
]
