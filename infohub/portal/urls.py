from django.urls import path

from infohub.portal import about, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("about/", about.about, name="about"),
    path("contact/", about.contact, name="contact"),
]
