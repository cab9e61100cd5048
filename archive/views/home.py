from django.db.models import Count, Max, Min
from django.db.models.functions import ExtractYear
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from archive.models import Article

LATEST_ARTICLES = 10


def home(request: HttpRequest) -> HttpResponse:
    articles = Article.objects.published()
    span = articles.aggregate(first=Min("date"), last=Max("date"))
    years = (
        articles.annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(count=Count("id"))
        .order_by("year")
    )
    context = {
        "article_count": articles.count(),
        "pending_count": articles.filter(body_en="").count(),
        "first_date": span["first"],
        "last_date": span["last"],
        "years": list(years),
        "latest_articles": articles.order_by("-created", "-id")[:LATEST_ARTICLES],
    }
    return render(request, "archive/home.html", context)
