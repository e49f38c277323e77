from django.urls import path

from articles import views

app_name = "articles"
urlpatterns = [
    path("", views.article_list, name="list"),
    path("new/", views.article_new, name="new"),
    path("<int:article_id>/", views.article_detail, name="detail"),
    path("sources/<int:source_id>/", views.source_detail, name="source"),
]
