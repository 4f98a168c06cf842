"""Provider staff's pages for their organisation's listings, mounted at staff/listings/."""

from django.urls import path

from infohub.directory import listing_views

app_name = "listing_staff"

urlpatterns = [
    path("", listing_views.staff_listings, name="list"),
    path("<str:service_id>/", listing_views.staff_listing_edit, name="edit"),
]
