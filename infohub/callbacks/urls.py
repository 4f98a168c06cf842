"""Staff pages of callbacks (under /staff/)."""

from django.urls import URLPattern, path

from infohub.callbacks import views

app_name = "callbacks"

urlpatterns: list[URLPattern] = [
    path("callbacks/", views.staff_list, name="list"),
    path("callbacks/new/", views.staff_refer, name="new"),
    path("callbacks/<uuid:public_id>/", views.staff_detail, name="detail"),
]
