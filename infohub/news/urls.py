from django.urls import path

from infohub.news import views
from infohub.news.feeds import NewsFeed

app_name = "news"

urlpatterns = [
    path("", views.index, name="list"),
    path("feed.atom", NewsFeed(), name="feed"),
    path("<uuid:public_id>/", views.detail, name="detail"),
]
