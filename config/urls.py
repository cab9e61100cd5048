from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from archive.sitemaps import SITEMAPS
from archive.views import feeds
from search import opensearch

urlpatterns = [
    path("", include("archive.urls")),
    path("search/", include("search.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # example: /sitemap.xml (an index of /sitemap-articles.xml and /sitemap-browse.xml)
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "archive:sitemap_section"},
        name="sitemap",
    ),
    # example: /robots.txt
    path("robots.txt", feeds.robots_txt, name="robots_txt"),
]

# The JSON API's search, its OpenAPI description, and the OpenSearch description.
urlpatterns += [
    # example: /api/search/?q=人民公社&selected_facets=year:1957 (and /api/openapi.yaml)
    path("api/", include("search.api_urls")),
    # example: /opensearch.xml
    path("opensearch.xml", opensearch.opensearch_description, name="opensearch"),
]
