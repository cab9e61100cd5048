"""For feed readers and crawlers: the Atom feed of new articles and robots.txt."""

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from archive.models import Article

FEED_ITEMS = 30


class ArticleFeed(Feed):
    """What every Atom feed of articles shares: dates and columns of its entries."""

    feed_type = Atom1Feed

    def item_pubdate(self, item: Article):
        return item.created

    def item_updateddate(self, item: Article):
        return item.updated

    def item_categories(self, item: Article) -> list[str]:
        return [name for name in (item.column_zh, item.column_en) if name]


# example: /feeds/latest/
class LatestArticlesFeed(ArticleFeed):
    """The articles most recently added to the archive, whatever their date in the paper."""

    link = reverse_lazy("archive:home")
    title = _("人民日报 · People's Daily Archive: newly added articles")
    # Atom calls the description a subtitle; RSS readers of the same class would use description.
    description = subtitle = _(
        "新增文章 · Articles newly added to the bilingual archive of People's Daily, 1950s."
    )

    def items(self):
        return Article.objects.published().order_by("-created", "-id")[:FEED_ITEMS]

    def item_title(self, item: Article) -> str:
        return " · ".join(text for text in (item.headline_zh, item.headline_en) if text)

    def item_description(self, item: Article) -> str:
        paragraphs = item.paragraphs_en or item.paragraphs_zh
        return paragraphs[0] if paragraphs else ""


# example: /robots.txt
def robots_txt(request: HttpRequest) -> HttpResponse:
    context = {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))}
    return render(
        request, "archive/browse/robots.txt", context, content_type="text/plain; charset=utf-8"
    )
