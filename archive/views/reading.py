from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from archive.models import Article


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
