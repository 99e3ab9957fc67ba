"""Inline SVG charts: escaped text, text alternatives, readable layouts."""

from __future__ import annotations

import re

from ascn.report.charts import Bar, Series, bar_chart, column_chart


def test_bar_chart_escapes_every_text() -> None:
    """Labels and titles are escaped: no markup from data reaches the SVG."""
    svg = bar_chart("c", 'T <i>"x"</i>', [Bar("<b>&amp;</b>", 1, "#000")])
    assert "<b>" not in svg
    assert "<i>" not in svg
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt;" in svg
    assert '<title id="c-title">T &lt;i&gt;&quot;x&quot;&lt;/i&gt;</title>' in svg


def test_bar_chart_description_states_every_value() -> None:
    """The <desc> text alternative lists each bar with its value and note."""
    svg = bar_chart("c", "T", [Bar("A", 3, "#000", "+1"), Bar("B", 0, "#000")])
    assert '<desc id="c-desc">A: 3 (+1); B: 0.</desc>' in svg


def test_bar_chart_is_an_image_labelled_by_its_title_and_description() -> None:
    """The SVG has role=img and aria-labelledby pointing at its title and desc."""
    svg = bar_chart("c", "T", [Bar("A", 3, "#000")])
    assert svg.startswith(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        'viewBox="0 0 360 46" aria-labelledby="c-title c-desc">'
    )


def test_longest_bar_leaves_room_for_its_value() -> None:
    """The largest bar ends where its value text still fits in the chart."""
    svg = bar_chart("c", "T", [Bar("A", 100, "#000", "+10")])
    (width,) = re.findall(r'<rect x="0" y="22" width="([\d.]+)"', svg)
    assert float(width) + 6 + 7.5 * len("100 (+10)") <= 360


def test_column_chart_stacks_series_and_totals_columns() -> None:
    """Each column is the sum of its series, written above it; empty segments are left out."""
    series = [Series("A", "#111", [1, 0]), Series("B", "#222", [2, 0])]
    svg = column_chart("c", "T", ["2022", "2023"], series)
    assert re.findall(r"<title>([^<]+)</title>", svg) == ["2022, A: 1", "2022, B: 2"]
    assert '<desc id="c-desc">2022: 3 (A 1, B 2); 2023: 0.</desc>' in svg


def test_column_chart_thins_labels_when_columns_are_narrow() -> None:
    """With 18 columns only every second year (and the last) is labelled, so none overlap."""
    years = [str(y) for y in range(2018, 2036)]
    svg = column_chart("c", "T", years, [Series("A", "#111", [1] * 18)])
    labels = re.findall(r'fill="#4d5560"[^>]*>(\d{4})</text>', svg)
    assert labels == [*years[0:17:2], "2035"]
