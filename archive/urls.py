from django.urls import path

from archive.views import home, reading

app_name = "archive"

urlpatterns = [
    # example: /
    path("", home.home, name="home"),
    # example: /articles/1957/01/07/12/
    path(
        "articles/<int:year>/<str:month>/<str:day>/<int:pk>/",
        reading.article_detail,
        name="article",
    ),
]
