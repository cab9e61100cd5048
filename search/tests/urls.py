"""The project's URLs plus the search page, until config/urls.py includes it."""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *[p for p in project_urlpatterns if getattr(p, "namespace", None) != "search"],
    path("search/", include("search.urls")),
]
