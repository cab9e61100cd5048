"""The search pages: validate the request, ask ``search.query``, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from archive.models import Place
from search import spelling
from search.forms import AdvancedSearchForm
from search.highlight import Terms, highlight, snippet
from search.histogram import histogram
from search.query import FACETS, SearchOutcome, highlight_terms, search

FACET_LABELS = {
    "year": _("Year"),
    "month": _("Month"),
    "day": _("Day"),
    "places": _("Place"),
    "page": _("Page"),
    "column": _("Column"),
    "agency": _("Agency"),
}
SORT_LABELS = {"relevance": _("Relevance"), "-date": _("Newest first"), "date": _("Oldest first")}
# The longest query string the page reads; search() cuts it further and says so.
MAX_QUERY_PARAM = 2000
# "Did you mean …?" is worked out only for searches with at most this many results.
SUGGEST_BELOW = 3


# example: /search/?q=人民公社&year=1957&sort=-date&page=2
@require_GET
def search_results(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")[:MAX_QUERY_PARAM]
    selected = {name: request.GET.getlist(name) for name in FACETS if name in request.GET}
    sort = request.GET.get("sort", "relevance")
    outcome = search(text, selected=selected, sort=sort, page=request.GET.get("page", 1))
    suggestion = ""
    if outcome.query and outcome.total <= SUGGEST_BELOW:
        suggestion = spelling.suggest(outcome.query) or ""
    context = {
        "outcome": outcome,
        "query": outcome.query,
        "results": _result_rows(outcome),
        "first_number": (outcome.page - 1) * outcome.per_page + 1,
        "chart": _chart(outcome),
        "suggestion": suggestion,
        "suggestion_url": _url(outcome, query=suggestion) if suggestion else "",
        "advanced_url": reverse("search:advanced"),
        "facet_groups": _facet_groups(outcome),
        "active_filters": _active_filters(outcome),
        "sort_choices": [
            {
                "value": value,
                "label": label,
                "url": _url(outcome, sort=value),
                "active": value == outcome.sort,
            }
            for value, label in SORT_LABELS.items()
        ],
        "previous_url": _url(outcome, page=outcome.page - 1) if outcome.has_previous else "",
        "next_url": _url(outcome, page=outcome.page + 1) if outcome.has_next else "",
        "searched": bool(outcome.query or outcome.selected),
    }
    return render(request, "search/results.html", context)


# example: /search/advanced/?all_words=钢铁&none_words=上海&date_from=1956-03
@require_GET
def advanced_search(request: HttpRequest) -> HttpResponse:
    """The advanced form; filled in, it sends the reader to the results for its query."""
    form = AdvancedSearchForm(request.GET or None)
    if form.is_valid() and form.query():
        return redirect(reverse("search:results") + "?" + urlencode({"q": form.query()}))
    return render(request, "search/advanced.html", {"form": form})


def _url(outcome: SearchOutcome, *, selected=None, sort=None, page=1, query=None) -> str:
    """The address of this search with some part changed; page 1 unless given."""
    params: list[tuple[str, str]] = []
    query = outcome.query if query is None else query
    if query:
        params.append(("q", query))
    for name, values in (outcome.selected if selected is None else selected).items():
        params.extend((name, value) for value in values)
    sort = sort or outcome.sort
    if sort != "relevance":
        params.append(("sort", sort))
    if page > 1:
        params.append(("page", str(page)))
    return "?" + urlencode(params)


def _with(outcome: SearchOutcome, name: str, value: str) -> dict[str, list[str]]:
    selected = {k: list(v) for k, v in outcome.selected.items()}
    selected.setdefault(name, []).append(value)
    return selected


def _without(outcome: SearchOutcome, name: str, value: str) -> dict[str, list[str]]:
    selected = {k: [v for v in values if v != value] for k, values in outcome.selected.items()}
    # Removing a year also removes the month and day inside it.
    if name in ("year", "month"):
        for narrower in ("month", "day") if name == "year" else ("day",):
            selected.pop(narrower, None)
    return {k: v for k, v in selected.items() if v}


def _place_names(outcome: SearchOutcome) -> dict[str, str]:
    ids = {value for value, _count in outcome.facets.get("places", [])}
    ids.update(outcome.selected.get("places", []))
    ids = [int(i) for i in ids if str(i).isdigit()]
    return {str(p.pk): str(p) for p in Place.objects.filter(pk__in=ids)}


def _label(name: str, value, place_names: dict[str, str]) -> str:
    if name == "places":
        return place_names.get(str(value), str(value))
    return str(value)


def _facet_groups(outcome: SearchOutcome) -> list[dict]:
    place_names = _place_names(outcome) if "places" in outcome.facets else {}
    groups = []
    for name in FACETS:
        counts = outcome.facets.get(name)
        if not counts:
            continue
        if name in ("year", "month", "day", "page"):
            counts = sorted(counts, key=lambda item: item[0])
        chosen = outcome.selected.get(name, [])
        groups.append(
            {
                "name": name,
                "label": FACET_LABELS[name],
                "values": [
                    {
                        "label": _label(name, value, place_names),
                        "count": count,
                        "active": str(value) in chosen,
                        "url": _url(outcome, selected=_with(outcome, name, str(value))),
                    }
                    for value, count in counts
                ],
            }
        )
    return groups


def _active_filters(outcome: SearchOutcome) -> list[dict]:
    place_names = _place_names(outcome) if outcome.selected.get("places") else {}
    return [
        {
            "label": FACET_LABELS[name],
            "value": _label(name, value, place_names),
            "remove_url": _url(outcome, selected=_without(outcome, name, value)),
        }
        for name, values in outcome.selected.items()
        for value in values
    ]


# --- Result lines --------------------------------------------------------------------------


def _result_rows(outcome: SearchOutcome) -> list[dict]:
    """What each result line shows, highlighted; only this page's articles are read."""
    terms = highlight_terms(outcome.query) if outcome.query else Terms()
    place_names = _result_place_names(outcome.results)
    suffix = "?" + urlencode({"q": outcome.query}) if outcome.query else ""
    rows = []
    for result in outcome.results:
        article = result.object
        if article is None:
            continue
        rows.append(
            {
                "article": article,
                "url": article.get_absolute_url() + suffix,
                "headline_zh": _safe(highlight(article.headline_zh, terms)),
                "headline_en": _safe(highlight(article.headline_en, terms)),
                "snippet_zh": _safe(snippet(article.body_zh, terms, language="zh")),
                "snippet_en": _safe(snippet(article.body_en, terms, language="en")),
                "places": [
                    place_names[pk][0]
                    for pk in _own_places(_place_ids(result), place_names)
                    if pk in place_names
                ],
            }
        )
    return rows


def _safe(html: str):
    # search.highlight escapes everything but its own <mark> tags.
    return mark_safe(html)


def _place_ids(result) -> list[int]:
    values = getattr(result, "places", None) or []
    if isinstance(values, str):
        values = values.split(",")
    return [int(v) for v in values if str(v).strip().isdigit()]


def _result_place_names(results) -> dict[int, tuple[str, int | None]]:
    ids = {pk for result in results for pk in _place_ids(result)}
    if not ids:
        return {}
    return {
        place.pk: (str(place), place.parent_id)
        for place in Place.objects.filter(pk__in=ids).only("name_zh", "name_en", "parent_id")
    }


def _own_places(ids: list[int], place_names: dict) -> list[int]:
    """The index adds each place's province; a line names the province only when it is the
    place itself, not the parent of another place on the line."""
    parents = {place_names[pk][1] for pk in ids if pk in place_names}
    return [pk for pk in ids if pk not in parents]


# --- The chart over time -------------------------------------------------------------------


def _chart(outcome: SearchOutcome):
    """Matches per year; per month once a year is chosen, per day once a month is."""
    months, years = outcome.selected.get("month", []), outcome.selected.get("year", [])
    if len(months) == 1 and "day" in outcome.facets:
        level, within = "day", months[0]
    elif len(years) == 1 and "month" in outcome.facets:
        level, within = "month", years[0]
    else:
        level, within = "year", None
    chart = histogram(
        outcome.facets.get(level, []),
        level,
        within=within,
        active=outcome.selected.get(level, []),
        url_for=lambda key: _url(outcome, selected=_only(outcome, level, key)),
    )
    if chart is None:
        return None
    return {"histogram": chart, "within": within, "level": level}


def _only(outcome: SearchOutcome, name: str, value: str) -> dict[str, list[str]]:
    """The filters with ``name`` set to ``value`` alone (a bar replaces, never adds)."""
    selected = {k: list(v) for k, v in outcome.selected.items()}
    selected[name] = [value]
    return selected
