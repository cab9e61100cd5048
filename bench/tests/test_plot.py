"""bench/plot.py: the power-law fit and an SVG that parses."""

import json
import xml.etree.ElementTree as ET

import pytest

from bench import plot


def test_power_law_fit_recovers_exponent():
    a, b = plot.fit_power_law([(1000, 2.0), (10000, 20.0), (100000, 200.0)])
    assert b == pytest.approx(1.0)
    assert a * 1e6**b == pytest.approx(2000.0)
    assert plot.fit_power_law([(1000, 5.0)]) is None
    assert plot.fit_power_law([(1000, 40.0), (10000, 20.0)])[1] == 0  # noise: drawn flat


def _run(n: int, scale: float) -> dict:
    return {
        "articles": n,
        "build": {"import": {"seconds": 40 * scale}, "index": {"seconds": 100 * scale}},
        "latency": {"overall": {"all": {"p50": 15 * scale, "p95": 40 * scale}}},
        "load": {
            "search": {"sequential_ms": {"p95": 500 * scale}},
            "reading": {"sequential_ms": {"p95": 15.0}},
        },
    }


def test_render_writes_an_svg_with_every_point_and_predicts_1m(tmp_path):
    runs = [_run(1000, 1), _run(10000, 10)]
    svg = plot.render(runs, 1_000_000)
    root = ET.fromstring(svg)
    circles = root.findall("{http://www.w3.org/2000/svg}circle")
    assert len(circles) == 2 * 6
    lines = plot.predictions(runs, 1_000_000)
    assert "build time (s): index build (s): ~100,000 at 1,000,000 (n^1.00)" in lines
    (tmp_path / "run-1.json").write_text(json.dumps(runs[0]))
    (tmp_path / "run-2.json").write_text(json.dumps(runs[1]))
    out = tmp_path / "p.svg"
    assert (
        plot.main([str(tmp_path / "run-1.json"), str(tmp_path / "run-2.json"), "--out", str(out)])
        == 0
    )
    assert out.read_text().startswith("<svg")
