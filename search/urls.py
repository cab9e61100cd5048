from django.urls import path

from search import views
from search.feeds import SearchFeed

app_name = "search"

urlpatterns = [
    # example: /search/?q=人民公社&year=1957&sort=-date&page=2
    path("", views.search_results, name="results"),
    # example: /search/advanced/?all_words=钢铁&none_words=上海&date_from=1956-03
    path("advanced/", views.advanced_search, name="advanced"),
]

# The Atom feed of a search.
urlpatterns += [
    # example: /search/feed/?q=人民公社&year=1957
    path("feed/", SearchFeed(), name="feed"),
]
