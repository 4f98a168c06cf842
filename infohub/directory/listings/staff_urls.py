"""Provider staff's pages for their organisation's listings, mounted at staff/listings/."""

from django.urls import path

from infohub.directory.listings import views

app_name = "listing_staff"

urlpatterns = [
    path("", views.staff_listings, name="list"),
    path("<str:service_id>/", views.staff_listing_edit, name="edit"),
]
