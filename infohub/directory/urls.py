from django.urls import path

from infohub.directory import views

app_name = "directory"

# Mounted under the language prefix at services/.
urlpatterns = [
    path("", views.services, name="services"),
    path("<uuid:service_id>/", views.service_detail, name="service-detail"),
]
