"""The search page: validate the request, ask ``search.query``, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from archive.models import Place
from search.query import FACETS, SearchOutcome, search

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


@require_GET
def search_results(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")[:MAX_QUERY_PARAM]
    selected = {name: request.GET.getlist(name) for name in FACETS if name in request.GET}
    sort = request.GET.get("sort", "relevance")
    outcome = search(text, selected=selected, sort=sort, page=request.GET.get("page", 1))
    context = {
        "outcome": outcome,
        "query": outcome.query,
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


def _url(outcome: SearchOutcome, *, selected=None, sort=None, page=1) -> str:
    """The address of this search with some part changed; page 1 unless given."""
    params: list[tuple[str, str]] = []
    if outcome.query:
        params.append(("q", outcome.query))
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
