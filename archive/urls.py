from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from archive.sitemaps import SITEMAPS
from archive.views import api, browse, feeds, home, places, reading

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

# Browsing by date and by column, the feed and the JSON API.
urlpatterns += [
    # example: /browse/
    path("browse/", browse.BrowseIndexView.as_view(), name="browse"),
    # example: /browse/1957/
    path("browse/<int:year>/", browse.YearView.as_view(), name="browse_year"),
    # example: /browse/1957/01/
    path("browse/<int:year>/<str:month>/", browse.MonthView.as_view(), name="browse_month"),
    # example: /browse/1957/01/07/
    path(
        "browse/<int:year>/<str:month>/<str:day>/",
        browse.DayView.as_view(),
        name="browse_day",
    ),
    # example: /columns/
    path("columns/", browse.ColumnListView.as_view(), name="columns"),
    # example: /columns/开展先进生产者运动/ (sent percent-encoded; "path" since a name may hold "/")
    path("columns/<path:column>/", browse.ColumnDetailView.as_view(), name="column"),
    # example: /feeds/latest/
    path("feeds/latest/", feeds.LatestArticlesFeed(), name="feed_latest"),
    # example: /sitemap-articles.xml (listed by /sitemap.xml)
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    # example: /api/articles/12/
    path("api/articles/<int:pk>/", api.article_detail, name="api_article"),
]

# Places: the provinces and cities, one place's articles, the map.
urlpatterns += [
    # example: /places/
    path("places/", places.place_list, name="places"),
    # example: /places/map/
    path("places/map/", places.place_map, name="place_map"),
    # example: /places/3202/ (Wuxi; ids are the gazetteer's official codes)
    path("places/<int:pk>/", places.place_detail, name="place"),
]
