from django.urls import path

from infohub.articles import views

app_name = "articles"

urlpatterns = [
    path("topics/", views.topic_list, name="topic-list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("articles/<slug:slug>/", views.article_detail, name="article-detail"),
]
