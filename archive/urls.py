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
    # example: /articles/1957/01/07/12/cite.ris
    path(
        "articles/<int:year>/<str:month>/<str:day>/<int:pk>/cite.<str:file_format>",
        reading.article_citation,
        name="article_citation",
    ),
]
