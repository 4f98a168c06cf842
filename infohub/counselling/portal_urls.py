"""The portal's privacy notice page (under a language prefix)."""

from django.urls import URLPattern, path

from infohub.counselling import portal_views

app_name = "notice"

urlpatterns: list[URLPattern] = [
    path("", portal_views.privacy_notice, name="privacy"),
]
