"""Staff pages of the counsellors' inbox (under /staff/)."""

from django.urls import URLPattern, path

from infohub.messaging.inbox import views

app_name = "inbox"

urlpatterns: list[URLPattern] = [
    path("inbox/", views.inbox, name="list"),
    path("inbox/preference/", views.preference, name="preference"),
    path("inbox/<uuid:public_id>/", views.detail, name="detail"),
    path("inbox/<uuid:public_id>/take/", views.take, name="take"),
    path("inbox/<uuid:public_id>/reply/", views.reply, name="reply"),
    path("inbox/<uuid:public_id>/close/", views.close, name="close"),
    path("inbox/<uuid:public_id>/person/", views.person, name="person"),
]
