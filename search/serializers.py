"""A search as JSON: the one shape the API (``search.api``) and ``search_archive --json`` print.

``read_params`` checks what a caller asked for and says exactly what is wrong (the API answers
400 with that message); ``outcome_json`` turns ``search.query.search``'s answer into plain
data. docs/API.md describes the result and docs/openapi.yaml is its schema.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from archive.models import Article, Place
from archive.views.api import article_heading_json
from search.query import FACETS, SORTS, SearchOutcome, highlight_terms, search

try:  # the highlighter is new; without it, snippets are the opening of the text
    from search.highlight import snippet as _snippet
except ImportError:  # pragma: no cover
    _snippet = None

MAX_PER_PAGE = 100
# A query string longer than this is refused rather than silently cut.
MAX_QUERY_PARAM = 2000


class BadRequest(ValueError):
    """What is wrong with a request, in words a caller can act on."""


@dataclass
class SearchParams:
    q: str = ""
    selected: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int | None = None

    def facet_params(self) -> list[str]:
        return [f"{name}:{value}" for name, values in self.selected.items() for value in values]

    def run(self) -> SearchOutcome:
        return search(
            self.q, selected=self.selected, sort=self.sort, page=self.page, per_page=self.per_page
        )


def read_params(
    q: str | None,
    facets: Iterable[str] = (),
    sort: str | None = None,
    page: str | int | None = None,
    per_page: str | int | None = None,
) -> SearchParams:
    """Validated search parameters; ``BadRequest`` naming the first thing that is wrong."""
    q = (q or "").strip()
    if len(q) > MAX_QUERY_PARAM:
        raise BadRequest(f"q is too long: at most {MAX_QUERY_PARAM} characters.")
    selected: dict[str, list[str]] = {}
    for item in facets:
        name, colon, value = (item or "").partition(":")
        name, value = name.strip(), value.strip()
        if not colon or not name or not value:
            raise BadRequest(f"selected_facets must look like year:1957, not {item!r}.")
        if name not in FACETS:
            raise BadRequest(f"Unknown facet {name!r}; facets are: {', '.join(FACETS)}.")
        if name == "page" and not value.isdigit():
            raise BadRequest(f"The page facet takes a number, not {value!r}.")
        if '"' in value or len(value) > 200:
            raise BadRequest(f"Facet value {value[:50]!r} cannot be matched.")
        if value not in selected.setdefault(name, []):
            selected[name].append(value)
    sort = sort or "relevance"
    if sort not in SORTS:
        raise BadRequest(f"sort must be one of {', '.join(SORTS)}, not {sort!r}.")
    return SearchParams(
        q=q,
        selected=selected,
        sort=sort,
        page=_positive("page", page, default=1),
        per_page=_positive("per_page", per_page, default=None, most=MAX_PER_PAGE),
    )


def _positive(name: str, value, *, default, most: int | None = None):
    if value in (None, ""):
        return default
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value)
    else:
        raise BadRequest(f"{name} must be a whole number, not {value!r}.")
    if number < 1 or (most is not None and number > most):
        limit = f"from 1 to {most}" if most else "1 or more"
        raise BadRequest(f"{name} must be {limit}, not {number}.")
    return number


def outcome_json(
    outcome: SearchOutcome,
    *,
    absolute: Callable[[str], str],
    page_url: Callable[[int], str] | None = None,
) -> dict:
    """Everything a client needs from a search, as JSON-ready data.

    ``absolute`` turns a site path into a full URL; ``page_url(n)`` is the address of page n
    of the same search (None where there is no such address, as on the command line).
    """
    terms = highlight_terms(outcome.query)
    results = []
    for result in outcome.results:
        article = getattr(result, "object", None)
        if article is None:  # unpublished since it was indexed
            continue
        results.append(_result_json(article, result, terms, absolute))
    has_next = outcome.page < outcome.num_pages
    has_previous = 1 < outcome.page <= max(outcome.num_pages, 1)
    return {
        "query": outcome.query,
        "selected_facets": {name: list(values) for name, values in outcome.selected.items()},
        "sort": outcome.sort,
        "total": outcome.total,
        "page": outcome.page,
        "per_page": outcome.per_page,
        "num_pages": outcome.num_pages,
        "next": page_url(outcome.page + 1) if page_url and has_next else None,
        "previous": page_url(outcome.page - 1) if page_url and has_previous else None,
        "results": results,
        "facets": _facets_json(outcome),
        "messages": [str(message) for message in outcome.messages],
    }


def _result_json(article: Article, result, terms, absolute) -> dict:
    return {
        **article_heading_json(article),
        "url": absolute(article.get_absolute_url()),
        "api_url": absolute(reverse("archive:api_article", kwargs={"pk": article.pk})),
        "snippet_zh": make_snippet(article.body_zh, terms, "zh"),
        "snippet_en": make_snippet(article.body_en, terms, "en"),
        "score": round(float(result.score or 0), 4),
    }


def make_snippet(text: str, terms, language: str) -> str:
    """HTML: the text around the query's words, escaped, the words in ``<mark>``."""
    if not text.strip():
        return ""
    if _snippet is not None:
        return _snippet(text, terms, language=language)
    plain = " ".join(text.split())
    return html.escape(plain[:120] + ("…" if len(plain) > 120 else ""))


_MARK_RE = re.compile(r"</?mark>")


def plain_snippet(snippet_html: str) -> str:
    """A snippet without its marks, as text (for the terminal)."""
    return html.unescape(_MARK_RE.sub("", snippet_html))


def _facets_json(outcome: SearchOutcome) -> dict[str, list[dict]]:
    place_ids = [
        int(value) for value, _count in outcome.facets.get("places", []) if str(value).isdigit()
    ]
    places = {str(p.pk): p for p in Place.objects.filter(pk__in=place_ids)}
    facets = {}
    for name in FACETS:
        counts = outcome.facets.get(name)
        if counts is None:
            continue
        if name in ("year", "month", "day", "page"):
            counts = sorted(counts, key=lambda item: item[0])
        chosen = outcome.selected.get(name, [])
        values = []
        for value, count in counts:
            entry = {
                "value": str(value),
                "count": count,
                "label": str(value),
                "selected": str(value) in chosen,
            }
            if name == "places" and str(value) in places:
                entry["label"] = str(places[str(value)])  # "南京 Nanjing"
            values.append(entry)
        facets[name] = values
    return facets


def query_string(params: SearchParams, **changes) -> str:
    """The API's query string for these parameters, with some changed (``page=3``)."""
    values = {
        "q": params.q,
        "facets": params.facet_params(),
        "sort": params.sort,
        "page": params.page,
        "per_page": params.per_page,
    }
    values.update(changes)
    pairs: list[tuple[str, str]] = []
    if values["q"]:
        pairs.append(("q", values["q"]))
    pairs.extend(("selected_facets", facet) for facet in values["facets"])
    if values["sort"] != "relevance":
        pairs.append(("sort", values["sort"]))
    if values["page"] and values["page"] > 1:
        pairs.append(("page", str(values["page"])))
    if values["per_page"]:
        pairs.append(("per_page", str(values["per_page"])))
    return urlencode(pairs)
