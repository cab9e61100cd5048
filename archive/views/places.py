"""Place pages: the provinces and their cities with article counts, one place's articles, and a
map of the provinces shaded by how often the paper names them.

Counts roll up as the search facet does: an article tagged 无锡 counts under 无锡 and 江苏,
once, however many of the province's places it names.
"""

import csv
from collections import Counter, defaultdict
from pathlib import Path

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from archive.models import Article, ArticlePlace, Place

TILES = Path(__file__).resolve().parents[1] / "data" / "province_tiles.csv"
TOP_KINDS = [Place.Kind.MUNICIPALITY, Place.Kind.PROVINCE, Place.Kind.REGION]
SHADES = 5  # classes of the map's shading, besides "none"
TILE = 64  # px, one square of the map


def rolled_up_counts() -> Counter:
    """Published articles per place, each place counting its descendants' articles too."""
    parents = dict(Place.objects.values_list("pk", "parent_id"))
    articles: dict[int, set[int]] = defaultdict(set)
    tags = ArticlePlace.objects.filter(article__published=True).values_list(
        "article_id", "place_id"
    )
    for article_id, place_id in tags:
        seen = 0
        while place_id is not None and seen < 6:
            articles[place_id].add(article_id)
            place_id = parents.get(place_id)
            seen += 1
    return Counter({place_id: len(ids) for place_id, ids in articles.items()})


@require_safe
def place_list(request):
    counts = rolled_up_counts()
    provinces = list(Place.objects.filter(parent=None).exclude(kind=Place.Kind.FOREIGN))
    children = defaultdict(list)
    for city in Place.objects.filter(parent__in=provinces).exclude(kind=Place.Kind.COUNTY):
        children[city.parent_id].append(city)
    rows = [
        {
            "place": province,
            "count": counts[province.pk],
            "cities": sorted(
                ({"place": c, "count": counts[c.pk]} for c in children[province.pk]),
                key=lambda row: (-row["count"], row["place"].pinyin),
            ),
        }
        for province in provinces
    ]
    rows.sort(key=lambda row: (-row["count"], row["place"].pinyin))
    foreign = [
        {"place": p, "count": counts[p.pk]}
        for p in Place.objects.filter(kind=Place.Kind.FOREIGN, parent=None)
        if counts[p.pk]
    ]
    foreign.sort(key=lambda row: (-row["count"], row["place"].name_en))
    return render(
        request,
        "archive/places/place_list.html",
        {"provinces": rows, "foreign": foreign},
    )


@require_safe
def place_detail(request, pk: int):
    place = get_object_or_404(Place.objects.select_related("parent__parent"), pk=pk)
    ids = [place.pk, *descendant_ids(place)]
    articles = (
        Article.objects.published()
        .filter(Q(place_tags__place_id__in=ids))
        .distinct()
        .order_by("date", "page", "id")
    )
    # (id, date) pairs, so that .distinct() keeps two articles of one day apart.
    years = sorted(Counter(date.year for _, date in articles.values_list("id", "date")).items())
    counts = rolled_up_counts()
    children = [
        {"place": child, "count": counts[child.pk]}
        for child in place.children.all().order_by("kind", "pinyin")
    ]
    children.sort(key=lambda row: -row["count"])
    page = Paginator(articles, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "archive/places/place_detail.html",
        {
            "place": place,
            "ancestors": list(reversed(place.ancestors())),
            "children": children,
            "years": years,
            "most_in_a_year": max((n for _, n in years), default=0),
            "page_obj": page,
            "article_count": page.paginator.count,
        },
    )


@require_safe
def place_map(request):
    counts = rolled_up_counts()
    tiles = read_tiles()
    places = Place.objects.in_bulk([pk for pk, _, _ in tiles])
    top = max((counts[pk] for pk, _, _ in tiles), default=0)
    cells = [
        {
            "place": places[pk],
            "count": counts[pk],
            "shade": shade(counts[pk], top),
            "x": col * TILE,
            "y": row * TILE,
        }
        for pk, col, row in tiles
        if pk in places
    ]
    historical = [
        {"place": p, "count": counts[p.pk]}
        for p in Place.objects.filter(pk__gte=9001, pk__lte=9099).order_by("pk")
    ]
    return render(
        request,
        "archive/places/place_map.html",
        {
            "cells": cells,
            "historical": historical,
            "tile": TILE,
            "inner": TILE - 4,
            "width": (max((c for _, c, _ in tiles), default=0) + 1) * TILE,
            "height": (max((r for _, _, r in tiles), default=0) + 1) * TILE,
            "legend": legend(top),
        },
    )


def descendant_ids(place: Place) -> list[int]:
    found: list[int] = []
    level = [place.pk]
    for _ in range(5):
        level = list(Place.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        if not level:
            break
        found.extend(level)
    return found


def read_tiles() -> list[tuple[int, int, int]]:
    with TILES.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return [(int(r["place"]), int(r["col"]), int(r["row"])) for r in rows]


def shade(count: int, top: int) -> int:
    """0 for no articles, else 1..SHADES in equal steps of the largest count."""
    if count <= 0 or top <= 0:
        return 0
    return max(1, min(SHADES, -(-count * SHADES // top)))


def legend(top: int) -> list[dict]:
    if top <= 0:
        return [{"shade": 0, "low": 0, "high": 0}]
    steps = [{"shade": 0, "low": 0, "high": 0}]
    for level in range(1, SHADES + 1):
        low = (level - 1) * top // SHADES + 1
        high = level * top // SHADES
        if high >= low:
            steps.append({"shade": level, "low": low, "high": high})
    return steps
