from django.urls import path

from infohub.pathways import views

app_name = "pathways"

urlpatterns = [
    path("", views.pathway_index, name="index"),
    path("find/", views.pathway_finder, name="find"),
    path("summary/", views.pathway_summary, name="summary"),
    path("<slug:slug>/", views.pathway_detail, name="detail"),
]
