"""The JSON API's search routes, included at /api/ by config/urls.py (namespace "api").

The article API lives with the articles: /api/articles/<id>/ is archive:api_article.
"""

from django.urls import path

from search import api

app_name = "api"

urlpatterns = [
    # example: /api/search/?q=人民公社&selected_facets=year:1957&sort=-date&page=2
    path("search/", api.search_api, name="search"),
    # example: /api/openapi.yaml
    path("openapi.yaml", api.openapi_schema, name="openapi"),
]
