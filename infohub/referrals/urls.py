"""Staff pages of referrals (under /staff/)."""

from django.urls import URLPattern, path

from infohub.referrals import views

app_name = "referrals"

urlpatterns: list[URLPattern] = [
    path("referrals/", views.referral_list, name="list"),
    path("referrals/new/<uuid:person_id>/", views.referral_new, name="new"),
    path("referrals/overrides/new/", views.override_new, name="override-new"),
    path("referrals/<uuid:referral_id>/", views.referral_detail, name="detail"),
]
