"""The sitemap: every published article and the pages that browse them."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from archive.models import Article


class ArticleSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.8

    def items(self):
        # Only what a URL and its lastmod need: the bodies and imported files are large.
        return (
            Article.objects.published().only("id", "date", "updated").order_by("date", "page", "id")
        )

    def lastmod(self, item: Article):
        return item.updated

    def get_latest_lastmod(self):
        # The default walks every item in Python; the database answers in one query.
        return Article.objects.published().aggregate(latest=Max("updated"))["latest"]


class BrowseSitemap(Sitemap):
    """The browse pages: the index, each year, month and day, and each column."""

    changefreq = "monthly"
    priority = 0.5

    def items(self) -> list[str]:
        articles = Article.objects.published()
        days = articles.dates("date", "day")
        months = articles.dates("date", "month")
        years = articles.dates("date", "year")
        columns = (
            articles.exclude(column_zh="")
            .values_list("column_zh", flat=True)
            .distinct()
            .order_by("column_zh")
        )
        return [
            reverse("archive:browse"),
            *(reverse("archive:browse_year", args=[year.year]) for year in years),
            *(
                reverse("archive:browse_month", args=[month.year, f"{month.month:02d}"])
                for month in months
            ),
            *(
                reverse("archive:browse_day", args=[day.year, f"{day:%m}", f"{day:%d}"])
                for day in days
            ),
            reverse("archive:columns"),
            *(reverse("archive:column", args=[column]) for column in columns),
        ]

    def location(self, item: str) -> str:
        return item


SITEMAPS = {"articles": ArticleSitemap, "browse": BrowseSitemap}
