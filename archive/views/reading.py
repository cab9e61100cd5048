from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from archive import citation
from archive.alignment import align_paragraphs
from archive.models import Article

# Which languages the reading view shows; the choice is kept in a cookie for a year.
LANGUAGE_MODES = ("both", "zh", "en")
LANGUAGE_COOKIE = "reading_languages"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600


def visible_articles(request: HttpRequest):
    """Readers see published articles; staff also see drafts, to check them before publishing."""
    return Article.objects.all() if request.user.is_staff else Article.objects.published()


def get_dated_article(request: HttpRequest, year: int, month: str, day: str, pk: int) -> Article:
    article = get_object_or_404(visible_articles(request).select_related("dateline_place"), pk=pk)
    expected = (article.date.year, f"{article.date.month:02d}", f"{article.date.day:02d}")
    if (year, month, day) != expected:
        raise Http404("No article with this id on this date.")
    return article


# example: /articles/1957/01/07/12/?show=zh
def article_detail(request: HttpRequest, year: int, month: str, day: str, pk: int) -> HttpResponse:
    article = get_dated_article(request, year, month, day, pk)
    chosen = request.GET.get("show")
    mode = chosen if chosen in LANGUAGE_MODES else request.COOKIES.get(LANGUAGE_COOKIE)
    if mode not in LANGUAGE_MODES or article.translation_pending:
        mode = "both"
    url = request.build_absolute_uri(article.get_absolute_url())
    same_page = visible_articles(request).filter(date=article.date, page=article.page)
    context = {
        "article": article,
        "pairs": align_paragraphs(article.paragraphs_zh, article.paragraphs_en),
        "mode": mode,
        "modes": LANGUAGE_MODES,
        "places": article.places.all(),
        "previous": same_page.filter(pk__lt=article.pk).order_by("-pk").first(),
        "next": same_page.filter(pk__gt=article.pk).order_by("pk").first(),
        "permalink": url,
        "chicago": citation.chicago(article, url),
        "mla": citation.mla(article, url, accessed=timezone.localdate()),
        "highwire_tags": citation.highwire_tags(article, url),
    }
    response = render(request, "archive/article_detail.html", context)
    if chosen in LANGUAGE_MODES:
        response.set_cookie(
            LANGUAGE_COOKIE, chosen, max_age=LANGUAGE_COOKIE_AGE, samesite="Lax", httponly=True
        )
    return response


# example: /articles/1957/01/07/12/cite.ris
def article_citation(
    request: HttpRequest, year: int, month: str, day: str, pk: int, file_format: str
) -> HttpResponse:
    if file_format not in ("ris", "bib"):
        raise Http404("Citations come as .ris or .bib files.")
    article = get_dated_article(request, year, month, day, pk)
    url = request.build_absolute_uri(article.get_absolute_url())
    if file_format == "ris":
        body, content_type = citation.ris(article, url), "application/x-research-info-systems"
    else:
        body, content_type = citation.bibtex(article, url), "application/x-bibtex"
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    filename = f"{citation.citation_key(article)}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
