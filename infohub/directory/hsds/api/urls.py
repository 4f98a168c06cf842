"""The HSDS API's URL patterns, mounted with ``path("api/hsds/", include(...))``.

The paths are those of the HSDS 3.0 OpenAPI, without trailing slashes.
"""

from django.urls import path

from infohub.directory.hsds.api import views

app_name = "hsds"

urlpatterns = [
    path("", views.root, name="root"),
    path("services", views.service_list, name="service-list"),
    path("services/<str:record_id>", views.service_detail, name="service-detail"),
    path("organizations", views.organization_list, name="organization-list"),
    path("organizations/<str:record_id>", views.organization_detail, name="organization-detail"),
    path("service_at_locations", views.service_at_location_list, name="service-at-location-list"),
    path(
        "service_at_locations/<str:record_id>",
        views.service_at_location_detail,
        name="service-at-location-detail",
    ),
    path("taxonomies", views.taxonomy_list, name="taxonomy-list"),
    path("taxonomies/<str:record_id>", views.taxonomy_detail, name="taxonomy-detail"),
    path("taxonomy_terms", views.taxonomy_term_list, name="taxonomy-term-list"),
    path("taxonomy_terms/<str:record_id>", views.taxonomy_term_detail, name="taxonomy-term-detail"),
]
