"""Staff pages of counselling (under /staff/)."""

from django.urls import URLPattern, path

from infohub.counselling import finder_record, views

app_name = "counselling"

urlpatterns: list[URLPattern] = [
    path("consultations/", views.consultation_list, name="consultation-list"),
    path("consultations/new/", views.consultation_new, name="consultation-new"),
    path(
        "consultations/pathways/",
        finder_record.consultation_pathways,
        name="consultation-pathways",
    ),
    path("people/", views.person_list, name="person-list"),
    path("people/new/", views.person_new, name="person-new"),
    path("people/<uuid:public_id>/", views.person_detail, name="person-detail"),
    path("people/<uuid:public_id>/consents/", views.consent_new, name="consent-new"),
    path(
        "people/<uuid:public_id>/consents/<uuid:consent_id>/withdraw/",
        views.consent_end,
        name="consent-withdraw",
    ),
]
