"""Public listing pages: the verification link's page and a service's feedback form.

Mounted under the language prefix at services/, next to ``directory.urls``.
"""

from django.urls import path

from infohub.directory.listings import views

app_name = "listings"

urlpatterns = [
    path("verify/<str:token>/", views.verify, name="verify"),
    path("<uuid:service_id>/feedback/", views.feedback, name="feedback"),
]
