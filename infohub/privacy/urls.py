"""Staff pages of privacy (under /staff/): data-subject requests on person records."""

from django.urls import URLPattern, path

from infohub.privacy import audit_log, views

app_name = "privacy"

urlpatterns: list[URLPattern] = [
    path("privacy/", views.privacy_home, name="home"),
    path("privacy/audit/", audit_log.audit_log, name="audit-log"),
    path("privacy/people/<str:public_id>/", views.person_detail, name="person"),
    path("privacy/people/<str:public_id>/export/", views.person_export_download, name="export"),
    path("privacy/people/<str:public_id>/print/", views.person_export_print, name="print"),
    path("privacy/people/<str:public_id>/rectify/", views.person_rectify_submit, name="rectify"),
    path("privacy/people/<str:public_id>/erase/", views.person_erase_submit, name="erase"),
]
