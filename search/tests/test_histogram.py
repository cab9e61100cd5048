"""The chart of matches over time, from facet counts."""

from __future__ import annotations

from search.histogram import HEIGHT, LABEL_SPACE, WIDTH, histogram


def url_for(key: str) -> str:
    return f"?period={key}"


def test_years_run_from_the_first_to_the_last_with_empty_years_kept():
    chart = histogram([("1959", 1), ("1956", 4)], "year", url_for=url_for)
    assert [(bar.key, bar.count) for bar in chart.bars] == [
        ("1956", 4),
        ("1957", 0),
        ("1958", 0),
        ("1959", 1),
    ]
    assert [bar.url for bar in chart.bars] == ["?period=1956", "", "", "?period=1959"]


def test_bars_are_as_tall_as_their_counts_and_stand_on_the_baseline():
    chart = histogram([("1956", 4), ("1957", 2)], "year", url_for=url_for)
    tall, short = chart.bars
    assert tall.height == 2 * short.height
    assert tall.y + tall.height == short.y + short.height == HEIGHT - LABEL_SPACE
    assert short.x + short.width <= WIDTH


def test_a_month_chart_has_twelve_months_and_marks_the_chosen_one():
    chart = histogram(
        [("1957-01", 3), ("1957-03", 1)],
        "month",
        within="1957",
        active=["1957-03"],
        url_for=url_for,
    )
    assert len(chart.bars) == 12
    assert [bar.label for bar in chart.bars][:3] == ["1", "2", "3"]
    assert [bar.key for bar in chart.bars if bar.active] == ["1957-03"]


def test_a_day_chart_has_the_days_of_its_month_and_labels_every_fifth():
    chart = histogram([("1956-02-29", 1)], "day", within="1956-02", url_for=url_for)
    assert len(chart.bars) == 29
    assert [bar.label for bar in chart.bars if bar.show_label] == ["1", "5", "10", "15", "20", "25"]


def test_nothing_to_draw_gives_no_chart():
    assert histogram([], "year", url_for=url_for) is None
    assert histogram([("1957-01", 0)], "month", within="1957", url_for=url_for) is None
    assert histogram([("x", 1)], "month", within="nonsense", url_for=url_for) is None
