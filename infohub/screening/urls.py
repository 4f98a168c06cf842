"""Staff pages of screening (under /staff/)."""

from django.urls import path

from infohub.screening import views

app_name = "screening"

urlpatterns = [
    path("screenings/new/", views.screening_new, name="new"),
    path("screenings/actions/", views.open_action_list, name="open-actions"),
    path(
        "screenings/actions/<str:public_id>/done/",
        views.required_action_done,
        name="action-done",
    ),
    path("screenings/<str:public_id>/", views.screening_detail, name="detail"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
