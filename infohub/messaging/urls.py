from django.urls import path

from infohub.messaging import views

app_name = "messaging"

urlpatterns = [
    path("<uuid:channel_id>/receive", views.receive, name="receive"),
    # RapidPro's external channel reports what became of a message on paths of its own.
    path(
        "<uuid:channel_id>/<str:event>",
        views.receive,
        name="status",
    ),
]
