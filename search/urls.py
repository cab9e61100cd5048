from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    # example: /search/?q=人民公社&year=1957&sort=-date&page=2
    path("", views.search_results, name="results"),
]
