"""The bar chart of matches over time, drawn from the facet counts the search already made.

    chart = histogram(outcome.facets["year"], "year", url_for=lambda key: f"?year={key}")

Years run from the first to the last year with a match, months over the chosen year, days
over the chosen month; periods without a match get an empty slot, so the axis is even. The
template draws the result as inline SVG (no script, nothing from a CDN) with a table beside it
as its text alternative.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# The SVG's coordinate space; CSS scales it to the column's width.
WIDTH = 640
HEIGHT = 150
LABEL_SPACE = 20  # under the bars, for the axis labels
COUNT_SPACE = 16  # over the tallest bar, for its count
GAP = 0.2  # share of each slot left empty between bars


@dataclass(frozen=True)
class Bar:
    key: str  # the facet value: "1957", "1957-01" or "1957-01-07"
    label: str  # under the bar: "1957", "1", "7"
    count: int
    url: str  # narrows the search to this period; "" for an empty slot
    active: bool
    x: float
    y: float
    width: float
    height: float
    show_label: bool

    @property
    def label_x(self) -> float:
        return round(self.x + self.width / 2, 2)

    @property
    def count_y(self) -> float:
        return round(self.y - 4, 2)


@dataclass(frozen=True)
class Histogram:
    level: str  # "year", "month" or "day"
    bars: list[Bar] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    max_count: int = 0

    @property
    def label_y(self) -> int:
        return self.height - 5

    @property
    def baseline(self) -> int:
        return self.height - LABEL_SPACE


def _periods(level: str, keys: Iterable[str], within: str | None) -> list[tuple[str, str]]:
    """(key, axis label) for every period of the chart, empty ones included."""
    if level == "year":
        years = sorted(int(k) for k in keys if k.isdigit())
        if not years:
            return []
        return [(str(y), str(y)) for y in range(years[0], years[-1] + 1)]
    if level == "month" and within and within.isdigit():
        return [(f"{within}-{m:02d}", str(m)) for m in range(1, 13)]
    if level == "day" and within and len(within) == 7:
        year, month = int(within[:4]), int(within[5:])
        if 1 <= month <= 12:
            days = calendar.monthrange(year, month)[1]
            return [(f"{within}-{d:02d}", str(d)) for d in range(1, days + 1)]
    return []


def histogram(
    counts: Iterable[tuple[str, int]],
    level: str,
    *,
    url_for: Callable[[str], str],
    within: str | None = None,
    active: Iterable[str] = (),
) -> Histogram | None:
    """A chart of ``counts`` (facet value, count) per ``level``; None when there is nothing
    to draw. ``within`` is the year of a month chart or the month (``1957-01``) of a day chart.
    """
    counts_by_key = {str(key): int(count) for key, count in counts}
    periods = _periods(level, counts_by_key, within)
    if not periods or not any(counts_by_key.get(key) for key, _label in periods):
        return None
    chosen = set(active)
    top = max(counts_by_key.get(key, 0) for key, _label in periods)
    slot = WIDTH / len(periods)
    bar_width = slot * (1 - GAP)
    plot_height = HEIGHT - LABEL_SPACE - COUNT_SPACE
    # Every label fits up to 16 slots; days show 1, 5, 10, 15 ...
    label_every = 1 if len(periods) <= 16 else 5
    bars = []
    for i, (key, label) in enumerate(periods):
        count = counts_by_key.get(key, 0)
        height = max(plot_height * count / top, 2 if count else 0)
        bars.append(
            Bar(
                key=key,
                label=label,
                count=count,
                url=url_for(key) if count else "",
                active=key in chosen,
                x=round(i * slot + (slot - bar_width) / 2, 2),
                y=round(HEIGHT - LABEL_SPACE - height, 2),
                width=round(bar_width, 2),
                height=round(height, 2),
                show_label=label_every == 1 or (i + 1) % label_every == 0 or i == 0,
            )
        )
    return Histogram(level=level, bars=bars, max_count=top)
