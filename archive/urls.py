from django.urls import path

from archive import views

app_name = "archive"

urlpatterns = [
    # example: /
    path("", views.home, name="home"),
    # example: /articles/1957/01/07/12/
    path(
        "articles/<int:year>/<str:month>/<str:day>/<int:pk>/",
        views.article_detail,
        name="article",
    ),
]
