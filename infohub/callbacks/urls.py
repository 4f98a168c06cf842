"""Staff pages of callbacks (under /staff/)."""

from django.urls import URLPattern

app_name = "callbacks"

urlpatterns: list[URLPattern] = []
