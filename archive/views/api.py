"""A small read-only JSON API for published articles."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from archive.models import Article, Place


def place_json(place: Place) -> dict:
    return {"id": place.pk, "name_zh": place.name_zh, "name_en": place.name_en}


def article_heading_json(article: Article) -> dict:
    """What identifies an article in a list: shared by the article API and search results."""
    return {
        "id": article.pk,
        "date": article.date.isoformat(),
        "page": article.page,
        "column_zh": article.column_zh,
        "column_en": article.column_en,
        "headline_zh": article.headline_zh,
        "headline_en": article.headline_en,
        "subtitle_zh": article.subtitle_zh,
        "subtitle_en": article.subtitle_en,
        "translation_pending": article.translation_pending,
    }


def article_json(request: HttpRequest, article: Article) -> dict:
    """Everything a reader sees of an article; the imported file and its checksum stay out."""
    return {
        **article_heading_json(article),
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "page_name": article.page_name,
        "body_zh": article.paragraphs_zh,
        "body_en": article.paragraphs_en,
        "author": article.author,
        "agency": article.agency,
        "dateline": article.dateline,
        "dateline_place_name": article.dateline_place_name,
        "dateline_place": place_json(article.dateline_place) if article.dateline_place else None,
        "places": [place_json(place) for place in article.places.order_by("name_zh", "pk")],
        "created": article.created.isoformat(),
        "updated": article.updated.isoformat(),
    }


def json_response(data: dict, status: int = 200) -> JsonResponse:
    # Chinese text as itself rather than \u escapes: readable, and a third smaller.
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


# example: /api/articles/12/
@require_GET
def article_detail(request: HttpRequest, pk: int) -> JsonResponse:
    article = Article.objects.published().select_related("dateline_place").filter(pk=pk).first()
    if article is None:
        return json_response({"error": f"No published article with id {pk}."}, status=404)
    return json_response(article_json(request, article))
