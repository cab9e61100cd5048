"""Plot build time and latency against corpus size from bench/run.py results, as a small SVG.

    .venv/bin/python bench/plot.py [bench/out/run-1000.json bench/out/run-10000.json ...]
        [--out docs/performance.svg] [--to 1000000]

Hand-written SVG (no plotting library): two log-log panels, build time (import and index,
seconds) and latency (search p50/p95 in-process; search page and reading view p95 over HTTP,
one request at a time; ms), each measured point marked and a power law fitted through the
points, dashed on to ``--to`` articles. It prints what the fit predicts there; a fit through
two or three sizes is a rough guide, not a measurement.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WIDTH, HEIGHT = 860, 360
PANEL_W, PANEL_H = 340, 250
MARGIN_L, MARGIN_T = 70, 50
COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"]


def series_from_runs(runs: list[dict]) -> dict[str, dict[str, list[tuple[float, float]]]]:
    """{panel: {series name: [(articles, value), ...]}} from run JSONs, sorted by size."""
    build: dict[str, list] = {"import (s)": [], "index build (s)": []}
    latency: dict[str, list] = {
        "search() p50": [],
        "search() p95": [],
        "search page p95": [],
        "reading view p95": [],
    }
    for run in sorted(runs, key=lambda r: r["articles"]):
        n = run["articles"]
        if b := run.get("build"):
            build["import (s)"].append((n, b["import"]["seconds"]))
            build["index build (s)"].append((n, b["index"]["seconds"]))
        if lat := run.get("latency"):
            latency["search() p50"].append((n, lat["overall"]["all"]["p50"]))
            latency["search() p95"].append((n, lat["overall"]["all"]["p95"]))
        # Pages timed one request at a time: under wrk's closed loop the p95 is mostly the
        # wait for a free worker, which says more about the connection count than the size.
        if (load := run.get("load")) and "sequential_ms" in load["search"]:
            latency["search page p95"].append((n, load["search"]["sequential_ms"]["p95"]))
            latency["reading view p95"].append((n, load["reading"]["sequential_ms"]["p95"]))
    return {"build time (s)": build, "latency (ms)": latency}


def fit_power_law(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """(a, b) with value = a * n**b, least squares in log-log; None for fewer than 2 points."""
    pts = [(math.log(n), math.log(v)) for n, v in points if n > 0 and v > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    if sxx == 0:
        return None
    # Nothing here gets cheaper with more articles: a falling line is noise, drawn flat.
    b = max(0.0, sum((x - mx) * (y - my) for x, y in pts) / sxx)
    return math.exp(my - b * mx), b


def extrapolate(points: list[tuple[float, float]], to: float) -> float | None:
    """The value at ``to``: from the largest size measured, along the fitted exponent."""
    fit = fit_power_law(points)
    if fit is None:
        return None
    last, value = points[-1]
    return value * (to / last) ** fit[1]


def _ticks(low: float, high: float) -> list[float]:
    return [10.0**e for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)]


def _label(value: float) -> str:
    if value >= 1e6:
        return f"{value / 1e6:g}M"
    if value >= 1e3:
        return f"{value / 1e3:g}k"
    return f"{value:g}"


def panel(x0: float, title: str, series: dict, to: float, targets: dict) -> list[str]:
    values = [v for pts in series.values() for _, v in pts]
    sizes = [n for pts in series.values() for n, _ in pts]
    if not values:
        return []
    ends = [extrapolate(pts, to) for pts in series.values()]
    predicted = [v for v in ends if v is not None]
    xticks = _ticks(min(sizes), to)
    yticks = _ticks(min(values + predicted), max(values + predicted + list(targets.values())))
    xlo, xhi = math.log10(xticks[0]), math.log10(xticks[-1])
    ylo, yhi = math.log10(yticks[0]), math.log10(yticks[-1])

    def px(n: float) -> float:
        return x0 + (math.log10(n) - xlo) / (xhi - xlo) * PANEL_W

    def py(v: float) -> float:
        return MARGIN_T + PANEL_H - (math.log10(v) - ylo) / (yhi - ylo) * PANEL_H

    out = [
        f'<text x="{x0 + PANEL_W / 2}" y="{MARGIN_T - 16}" text-anchor="middle" '
        f'font-weight="bold">{escape(title)}</text>',
        f'<rect x="{x0}" y="{MARGIN_T}" width="{PANEL_W}" height="{PANEL_H}" fill="none" '
        'stroke="#999"/>',
    ]
    for t in xticks:
        out.append(
            f'<line x1="{px(t):.1f}" y1="{MARGIN_T}" x2="{px(t):.1f}" y2="{MARGIN_T + PANEL_H}" '
            'stroke="#eee"/>'
        )
        out.append(
            f'<text x="{px(t):.1f}" y="{MARGIN_T + PANEL_H + 16}" text-anchor="middle">'
            f"{_label(t)}</text>"
        )
    for t in yticks:
        out.append(
            f'<line x1="{x0}" y1="{py(t):.1f}" x2="{x0 + PANEL_W}" y2="{py(t):.1f}" stroke="#eee"/>'
        )
        out.append(f'<text x="{x0 - 6}" y="{py(t) + 4:.1f}" text-anchor="end">{_label(t)}</text>')
    out.append(
        f'<text x="{x0 + PANEL_W / 2}" y="{MARGIN_T + PANEL_H + 34}" text-anchor="middle">'
        "articles (log scale); dashed: power-law fit, extrapolated</text>"
    )
    for (name, value), colour in zip(targets.items(), ["#888", "#bbb"], strict=False):
        out.append(
            f'<line x1="{x0}" y1="{py(value):.1f}" x2="{x0 + PANEL_W}" y2="{py(value):.1f}" '
            f'stroke="{colour}" stroke-dasharray="2,3"/>'
            f'<text x="{x0 + PANEL_W - 4}" y="{py(value) + 12:.1f}" fill="#666" '
            f'text-anchor="end">{escape(name)}</text>'
        )
    for i, ((name, pts), colour) in enumerate(zip(series.items(), COLOURS, strict=False)):
        if not pts:
            continue
        line = " ".join(f"{px(n):.1f},{py(v):.1f}" for n, v in pts)
        out.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>')
        out += [
            f'<circle cx="{px(n):.1f}" cy="{py(v):.1f}" r="3.5" fill="{colour}">'
            f"<title>{escape(name)}: {v:,.1f} at {n:,}</title></circle>"
            for n, v in pts
        ]
        if (end := extrapolate(pts, to)) is not None:
            last, value = pts[-1]
            out.append(
                f'<line x1="{px(last):.1f}" y1="{py(value):.1f}" x2="{px(to):.1f}" '
                f'y2="{py(end):.1f}" stroke="{colour}" stroke-dasharray="5,4"/>'
            )
        ly = MARGIN_T + 14 + i * 15
        out.append(
            f'<rect x="{x0 + 8}" y="{ly - 9}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x0 + 22}" y="{ly}">{escape(name)}</text>'
        )
    return out


def render(runs: list[dict], to: float) -> str:
    panels = series_from_runs(runs)
    sizes = ", ".join(f"{r['articles']:,}" for r in sorted(runs, key=lambda r: r["articles"]))
    body = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{WIDTH / 2}" y="16" text-anchor="middle" font-size="13">'
        f"bench/run.py: build time and latency against corpus size (measured at {sizes})"
        "</text>",
    ]
    targets = {
        "build time (s)": {},
        "latency (ms)": {"target: search p95 100 ms": 100, "target: reading p95 20 ms": 20},
    }
    for i, (title, series) in enumerate(panels.items()):
        body += panel(MARGIN_L + i * (PANEL_W + 90), title, series, to, targets[title])
    body.append("</svg>")
    return "\n".join(body) + "\n"


def predictions(runs: list[dict], to: float) -> list[str]:
    lines = []
    for title, series in series_from_runs(runs).items():
        for name, pts in series.items():
            if (end := extrapolate(pts, to)) is not None:
                b = fit_power_law(pts)[1]
                lines.append(f"{title}: {name}: ~{end:,.0f} at {to:,.0f} (n^{b:.2f})")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.svg")
    parser.add_argument("--to", type=float, default=1_000_000)
    args = parser.parse_args(argv)
    paths = args.runs or sorted((ROOT / "bench" / "out").glob("run-*.json"))
    runs = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    if not runs:
        raise SystemExit("no bench/out/run-*.json: run bench/run.py first")
    args.out.write_text(render(runs, args.to), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    print("\n".join(predictions(runs, args.to)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
