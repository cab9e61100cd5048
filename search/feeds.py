"""An Atom feed for any search: subscribe to a query, see new matching articles.

The feed takes the search page's parameters (``q``, facets as ``year=1957`` or
``selected_facets=year:1957``, ``sort``), so a search page's address becomes its feed's by
adding ``feed/`` to the path. Newest articles (by date in the paper) first unless ``sort``
says otherwise.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from archive.models import Article
from archive.views.feeds import ArticleFeed
from search.query import FACETS, SearchOutcome, highlight_terms, search
from search.serializers import BadRequest, SearchParams, make_snippet, read_params

FEED_ITEMS = 30


def feed_params(request: HttpRequest) -> SearchParams:
    facets = list(request.GET.getlist("selected_facets"))
    for name in FACETS:
        facets.extend(f"{name}:{value}" for value in request.GET.getlist(name))
    params = read_params(
        request.GET.get("q"), facets, sort=request.GET.get("sort") or "-date", page=1
    )
    if not params.q and not params.selected:
        raise BadRequest("Give a query (q) or at least one facet.")
    return params


def page_query_string(params: SearchParams) -> str:
    """The search page's own parameters for a search (facets as year=1957)."""
    pairs = [("q", params.q)] if params.q else []
    pairs += [(name, value) for name, values in params.selected.items() for value in values]
    if params.sort != "relevance":
        pairs.append(("sort", params.sort))
    return urlencode(pairs)


# example: /search/feed/?q=人民公社&year=1957
class SearchFeed(ArticleFeed):
    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except BadRequest as problem:
            return HttpResponseBadRequest(str(problem), content_type="text/plain; charset=utf-8")

    def get_object(self, request: HttpRequest) -> tuple[SearchParams, SearchOutcome]:
        params = feed_params(request)
        outcome = search(params.q, selected=params.selected, sort=params.sort, per_page=FEED_ITEMS)
        return params, outcome

    def title(self, obj) -> str:
        params, _outcome = obj
        described = params.q or ", ".join(params.facet_params())
        return _("人民日报 · People's Daily Archive: search for %(query)s") % {"query": described}

    def subtitle(self, obj) -> str:
        _params, outcome = obj
        return _("%(count)d matching articles; the newest %(shown)d here.") % {
            "count": outcome.total,
            "shown": min(outcome.total, FEED_ITEMS),
        }

    description = subtitle

    def link(self, obj) -> str:
        params, _outcome = obj
        return f"{reverse('search:results')}?{page_query_string(params)}"

    def feed_url(self, obj) -> str:
        params, _outcome = obj
        return f"{reverse('search:feed')}?{page_query_string(params)}"

    def items(self, obj) -> list[Article]:
        _params, outcome = obj
        terms = highlight_terms(outcome.query)
        articles = [r.object for r in outcome.results if getattr(r, "object", None) is not None]
        for article in articles:
            # The feed object is shared by every request: the terms travel with the items.
            article.search_terms = terms
        return articles

    def item_title(self, item: Article) -> str:
        return " · ".join(text for text in (item.headline_zh, item.headline_en) if text)

    def item_description(self, item: Article) -> str:
        # HTML (Atom's summary type="html"): the snippets are escaped text with <mark> tags.
        parts = [
            make_snippet(item.body_zh, item.search_terms, "zh"),
            make_snippet(item.body_en, item.search_terms, "en"),
        ]
        return "".join(f"<p>{part}</p>" for part in parts if part)
