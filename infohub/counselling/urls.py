"""Staff pages of counselling (under /staff/)."""

from django.urls import URLPattern

app_name = "counselling"

urlpatterns: list[URLPattern] = []
