"""The portal's callback request page (under a language prefix)."""

from django.urls import URLPattern

app_name = "callbacks-portal"

urlpatterns: list[URLPattern] = []
