"""The benchmark harness's pure helpers; the benchmark itself is not run here (too slow)."""

import math

import pytest

from bench import run
from bench.run import BenchQuery


def test_percentile_interpolates_between_closest_ranks():
    values = [float(v) for v in range(1, 101)]  # 1..100
    assert run.percentile(values, 50) == pytest.approx(50.5)
    assert run.percentile(values, 95) == pytest.approx(95.05)
    assert run.percentile(values, 0) == 1
    assert run.percentile(values, 100) == 100
    assert run.percentile([3.0, 1.0, 2.0], 50) == 2  # order does not matter
    assert run.percentile([7.0], 95) == 7
    assert math.isnan(run.percentile([], 50))


def test_latency_summary():
    assert run.latency_summary([1.0, 2.0, 3.0, 4.0]) == {
        "n": 4,
        "p50": 2.5,
        "p95": pytest.approx(3.85),
        "max": 4.0,
    }


def test_query_file_lines_categories_facets_pages_and_sorts():
    text = """
# a comment
生产
[common_zh]
人民公社 | year=1957
发展 | year=1957 place=11 places=31
[deep]
"prime minister" | page=20 sort=-date
"""
    queries = run.parse_queries(text)
    assert queries == [
        BenchQuery("uncategorised", "生产"),
        BenchQuery("common_zh", "人民公社", {"year": ["1957"]}),
        BenchQuery("common_zh", "发展", {"year": ["1957"], "places": ["11", "31"]}),
        BenchQuery("deep", '"prime minister"', {}, page=20, sort="-date"),
    ]
    assert [q.facet_kind for q in queries] == ["none", "date", "date+place", "none"]
    assert queries[2].label == "发展 | year=1957 places=11 places=31"
    assert queries[3].url_params() == [("q", '"prime minister"'), ("page", "20"), ("sort", "-date")]


@pytest.mark.parametrize(
    "line", ["生产 | color=red", "生产 | page=0", "生产 | sort=best", "生产 | year", " | year=1957"]
)
def test_bad_query_lines_are_refused_with_their_line_number(line):
    with pytest.raises(ValueError, match="line 2"):
        run.parse_queries("[x]\n" + line)


def test_the_committed_query_file_parses_and_covers_every_kind():
    queries = run.parse_queries((run.ROOT / "bench" / "queries.txt").read_text(encoding="utf-8"))
    categories = {q.category for q in queries}
    assert {"common_zh", "rare_zh", "cross_zh", "phrase_zh", "english", "english_phrase"} <= (
        categories
    )
    assert {q.facet_kind for q in queries} == {"none", "date", "place", "date+place"}
    assert any(q.page >= 20 for q in queries)


def test_latencies_group_by_category_facet_kind_and_overall():
    plain = BenchQuery("a", "x")
    dated = BenchQuery("b", "y", {"year": ["1957"]})
    groups = run.group_latencies([(plain, [1.0, 3.0]), (dated, [10.0])])
    assert groups["category"]["a"]["p50"] == 2.0
    assert groups["facets"]["date"]["max"] == 10.0
    assert groups["overall"]["all"]["n"] == 3
    assert groups["overall"]["with facets"]["n"] == 1


def test_table_marks_targets_met_or_not():
    table = run.format_table(
        [
            ("## Build", None, ""),
            ("index rate", 12.5, "index_rate"),
            ("index size / raw", 1.5, "index_size_ratio"),
            ("errors", 0, "load_errors"),
            ("cold start", math.nan, "cold_start_s"),
            ("ratio", 0.0731, "a note"),
        ],
        title="1,000 articles",
    )
    lines = table.splitlines()
    assert lines[0] == "### 1,000 articles"
    assert "| **Build** | | |" in lines
    assert "| index rate | 12.5 | >= 60 articles/s: NOT met |" in lines
    assert "| index size / raw | 1.50 | <= 2x raw text: met |" in lines
    assert "| errors | 0 | 0: met |" in lines
    assert "| cold start | - | <= 2 s: NOT met |" in lines
    assert "| ratio | 0.07 | a note |" in lines


def test_wrk_output_is_read_from_our_scripts_result_line():
    output = (
        "Running 15s test @ http://127.0.0.1:1234\n"
        'BENCH-RESULT {"requests": 300, "duration_us": 15000000, "bytes": 1, "p50_us": 8000, '
        '"p95_us": 19500, "p99_us": 30000, "max_us": 41000, "connect": 0, "read": 0, '
        '"write": 0, "status": 2, "timeout": 1}\n'
    )
    stats = run.parse_wrk(output)
    assert stats["rps"] == 20
    assert stats["p95_ms"] == 19.5
    assert stats["errors"] == 3
    with pytest.raises(ValueError):
        run.parse_wrk("no result")


def test_wrk_script_reads_the_url_file_and_reports_p95(tmp_path):
    script = run.wrk_lua(tmp_path / "urls.txt")
    assert str(tmp_path / "urls.txt") in script
    assert "latency:percentile(95)" in script
