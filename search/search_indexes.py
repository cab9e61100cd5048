"""What haystack indexes: published articles, in both languages.

Fields, and why each exists (the backend turns them into Whoosh fields, see ``search.backend``):

- ``text`` (the document field): headline, subtitle and body in both languages, analysed by
  ``WordAnalyzer`` (jieba words for Chinese, stemmed English). Ranking and English queries.
- ``title``: headline and subtitle in both languages, same analyzer, for ``title:`` and for
  ranking title matches first.
- ``grams`` / ``title_grams``: the Chinese headline, subtitle and body as character grams, so
  every Chinese substring of two or more characters is found (phrase of bigrams).
- ``year``, ``month``, ``day`` (``1957``, ``1957-01``, ``1957-01-07``), ``page``, ``column``,
  ``agency``, ``places``: exact facet keys. ``places`` holds place ids, each place's ancestors
  included, so a city's article also counts under its province.
- ``date``: sorting and date ranges. ``translation_pending``: a filter.
- Stored, not indexed: what a result line shows without touching the database.

Text is indexed raw, through ``prepare_*`` methods rather than templates: Django templates
would HTML-escape it, and the highlighter escapes again (double escaping, DESIGN.md §7).
"""

from __future__ import annotations

from django.db.models import Prefetch
from haystack import indexes
from haystack.fields import FacetMultiValueField

from archive.models import Article, Place
from search.analysis import GramAnalyzer, WordAnalyzer

# The most levels a place hierarchy can have (county → city → province); a guard against a
# cycle in hand-edited data.
MAX_PLACE_DEPTH = 6


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, stored=False, analyzer=WordAnalyzer())
    title = indexes.CharField(stored=False, analyzer=WordAnalyzer(), boost=2.0)
    grams = indexes.CharField(stored=False, analyzer=GramAnalyzer())
    title_grams = indexes.CharField(stored=False, analyzer=GramAnalyzer(), boost=2.0)

    date = indexes.DateField(model_attr="date")
    year = indexes.FacetCharField()
    month = indexes.FacetCharField()
    day = indexes.FacetCharField()
    page = indexes.FacetIntegerField(model_attr="page")
    column = indexes.FacetCharField()
    agency = indexes.FacetCharField()
    places = FacetMultiValueField()
    translation_pending = indexes.BooleanField()

    headline_zh = indexes.CharField(model_attr="headline_zh", indexed=False)
    subtitle_zh = indexes.CharField(model_attr="subtitle_zh", indexed=False)
    headline_en = indexes.CharField(model_attr="headline_en", indexed=False)
    subtitle_en = indexes.CharField(model_attr="subtitle_en", indexed=False)
    column_en = indexes.CharField(model_attr="column_en", indexed=False)

    def get_model(self) -> type[Article]:
        return Article

    def index_queryset(self, using=None):
        return (
            self.get_model()
            .objects.published()
            .select_related("dateline_place__parent__parent")
            .prefetch_related(
                Prefetch("places", queryset=Place.objects.select_related("parent__parent"))
            )
        )

    def read_queryset(self, using=None):
        # Results load their articles with this: an article unpublished since it was indexed
        # drops out of the results instead of showing.
        return self.get_model().objects.published()

    def prepare_text(self, article: Article) -> str:
        return _join(
            article.headline_zh,
            article.subtitle_zh,
            article.body_zh,
            article.headline_en,
            article.subtitle_en,
            article.body_en,
        )

    def prepare_title(self, article: Article) -> str:
        return _join(
            article.headline_zh, article.subtitle_zh, article.headline_en, article.subtitle_en
        )

    def prepare_grams(self, article: Article) -> str:
        return _join(article.headline_zh, article.subtitle_zh, article.body_zh)

    def prepare_title_grams(self, article: Article) -> str:
        return _join(article.headline_zh, article.subtitle_zh)

    def prepare_year(self, article: Article) -> str:
        return f"{article.date:%Y}"

    def prepare_month(self, article: Article) -> str:
        return f"{article.date:%Y-%m}"

    def prepare_day(self, article: Article) -> str:
        return f"{article.date:%Y-%m-%d}"

    def prepare_column(self, article: Article) -> str | None:
        return article.column_zh.strip() or None

    def prepare_agency(self, article: Article) -> str | None:
        return article.agency.strip() or None

    def prepare_places(self, article: Article) -> list[str]:
        places: list[Place] = list(article.places.all())
        if article.dateline_place is not None:
            places.append(article.dateline_place)
        ids: set[int] = set()
        for place in places:
            depth = 0
            while place is not None and place.pk not in ids and depth < MAX_PLACE_DEPTH:
                ids.add(place.pk)
                place = place.parent
                depth += 1
        return [str(pk) for pk in sorted(ids)]

    def prepare_translation_pending(self, article: Article) -> bool:
        return article.translation_pending
