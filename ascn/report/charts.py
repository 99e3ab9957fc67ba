"""Small inline SVG charts drawn from figures (pure: strings in, escaped SVG out).

Every chart is an `<svg role="img">` with a `<title>` and a `<desc>` that states all its
numbers, so a screen reader gets the same facts as the picture; the report prints the
same figures as a table next to it. Text is escaped here, so callers may mark the result
safe. Layout is computed from the data with fixed character-width estimates, never from
fonts on the machine, so the same figures give the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 360
LABEL_SIZE = 15
SMALL_SIZE = 13
CHAR_WIDTH = 7.5  # average advance of a SMALL_SIZE character, for layout estimates
PLOT_BASE = 200  # y of the column chart's baseline
TEXT = "#1f2328"
MUTED = "#4d5560"
AXIS = "#8a939e"
SEPARATOR = "#ffffff"  # between stacked segments, so that neighbours never merge


@dataclass(frozen=True)
class Bar:
    """One bar: its label, value and colour, and a note printed after the value (`+3`)."""

    label: str
    value: int
    color: str
    note: str = ""


@dataclass(frozen=True)
class Series:
    """One stacked layer of a column chart: a legend label, a colour, a value per column."""

    label: str
    color: str
    values: Sequence[int]


def _n(x: float) -> str:
    return f"{x:.1f}".removesuffix(".0")


def _text(x: float, y: float, content: str, size: int, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in sorted(attrs.items()))
    return f'<text x="{_n(x)}" y="{_n(y)}" font-size="{size}"{extra}>{escape(content)}</text>'


def _rect(
    x: float, y: float, w: float, h: float, color: str, *, tip: str = "", edge: bool = False
) -> str:
    """A filled box; `edge` draws a white separator around it (stacked segments, bars)."""
    title = f"<title>{escape(tip)}</title>" if tip else ""
    box = f'x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"'
    stroke = f' stroke="{SEPARATOR}" stroke-width="1.5"' if edge else ""
    return f'<rect {box} fill="{escape(color)}"{stroke}>{title}</rect>'


def _svg(chart_id: str, title: str, desc: str, height: float, body: list[str]) -> str:
    cid = escape(chart_id)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {_n(height)}" aria-labelledby="{cid}-title {cid}-desc">'
    )
    labels = [
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(desc)}</desc>',
    ]
    return "\n".join([head, *labels, *body, "</svg>"])


def _value_text(bar: Bar) -> str:
    return f"{bar.value} ({bar.note})" if bar.note else str(bar.value)


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar]) -> str:
    """Horizontal bars, each with its label above it and its value after it."""
    row, bar_top, bar_height = 46, 22, 16
    widest = max((len(_value_text(b)) for b in bars), default=1)
    room = WIDTH - CHAR_WIDTH * widest - 10
    largest = max((b.value for b in bars), default=0) or 1
    body: list[str] = []
    for i, bar in enumerate(bars):
        y = i * row
        length = room * bar.value / largest
        body.append(_text(0, y + LABEL_SIZE, bar.label, LABEL_SIZE, fill=TEXT))
        if length:  # a zero is written, never drawn as a sliver
            body.append(_rect(0, y + bar_top, length, bar_height, bar.color, tip=bar.label))
        value_y = y + bar_top + bar_height - 3
        body.append(_text(length + 6, value_y, _value_text(bar), SMALL_SIZE, fill=MUTED))
    desc = "; ".join(f"{b.label}: {_value_text(b)}" for b in bars) + "."
    return _svg(chart_id, title, desc, len(bars) * row, body)


def _legend(series: Sequence[Series], y: float) -> tuple[list[str], float]:
    """Legend entries laid out in lines that fit WIDTH; returns them and the height used."""
    body, x, line = [], 0.0, 0
    for s in series:
        width = 18 + CHAR_WIDTH * len(s.label) + 14
        if x and x + width > WIDTH:
            x, line = 0.0, line + 1
        top = y + line * 22
        body.append(_rect(x, top, 12, 12, s.color))
        body.append(_text(x + 18, top + 11, s.label, SMALL_SIZE, fill=TEXT))
        x += width
    return body, (line + 1) * 22


def _column_desc(index: int, column: str, total: int, series: Sequence[Series]) -> str:
    parts = ", ".join(f"{s.label} {s.values[index]}" for s in series if s.values[index])
    return f"{column}: {total}" + (f" ({parts})" if parts else "")


def _column(
    i: int, name: str, slot: float, series: Sequence[Series], *, scale: float
) -> tuple[list[str], float]:
    """The stacked rectangles of column `i`; returns them and the y of the column's top."""
    gap = 0.3
    x, width, y = i * slot + slot * gap / 2, slot * (1 - gap), float(PLOT_BASE)
    body = []
    for s in series:
        height = scale * s.values[i]
        if height:
            y -= height
            tip = f"{name}, {s.label}: {s.values[i]}"
            body.append(_rect(x, y, width, height, s.color, tip=tip, edge=True))
    return body, y


def column_chart(
    chart_id: str, title: str, columns: Sequence[str], series: Sequence[Series]
) -> str:
    """Stacked columns, one per category (e.g. a year), with the total above each column.

    With many columns only every n-th label and total is written, so that none overlap.
    Series that are zero in every column are left out, of the legend too.
    """
    series = [s for s in series if any(s.values)]
    slot = WIDTH / max(len(columns), 1)
    every = max(1, math.ceil(CHAR_WIDTH * 5 / slot))
    totals = [sum(s.values[i] for s in series) for i in range(len(columns))]
    scale = (PLOT_BASE - 24) / (max(totals, default=0) or 1)
    body = [f'<line x1="0" y1="{PLOT_BASE}" x2="{WIDTH}" y2="{PLOT_BASE}" stroke="{AXIS}"/>']
    for i, column in enumerate(columns):
        rects, top = _column(i, column, slot, series, scale=scale)
        body += rects
        if i % every == 0 or i == len(columns) - 1:
            centre = (i + 0.5) * slot
            middle = {"text_anchor": "middle"}
            body.append(_text(centre, top - 5, str(totals[i]), SMALL_SIZE, fill=TEXT, **middle))
            body.append(_text(centre, PLOT_BASE + 18, column, SMALL_SIZE, fill=MUTED, **middle))
    # One series needs no legend: the chart's title names it.
    legend, legend_height = _legend(series, PLOT_BASE + 34) if len(series) > 1 else ([], 0.0)
    desc = "; ".join(_column_desc(i, column, totals[i], series) for i, column in enumerate(columns))
    return _svg(chart_id, title, desc + ".", PLOT_BASE + 34 + legend_height, body + legend)
