from django.db.models import Count, Max, Min
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

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


# example: /articles/1957/01/07/12/
def article_detail(request: HttpRequest, year: int, month: str, day: str, pk: int) -> HttpResponse:
    visible = Article.objects.all() if request.user.is_staff else Article.objects.published()
    article = get_object_or_404(visible.select_related("dateline_place"), pk=pk)
    if (year, month, day) != (
        article.date.year,
        f"{article.date.month:02d}",
        f"{article.date.day:02d}",
    ):
        raise Http404("No article with this id on this date.")
    context = {"article": article, "places": article.places.all()}
    return render(request, "archive/article_detail.html", context)
