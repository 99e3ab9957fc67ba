"""Rendering the annual report from its contents with Jinja2 templates (returns strings).

The templates, their filters and escaping are set up in ascn/report/environment.py. Charts
are built here from the figures (escaped by `charts`) and are the only values marked safe.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

from ascn.figures.progress import BUCKET_SHORT
from ascn.load import parallel
from ascn.problems import AscnError, TemplateNotFound
from ascn.report import charts, pdf
from ascn.report.contents import Contents, FigureRow
from ascn.report.environment import PACKAGED, TEMPLATES, Templates
from ascn.report.exhibits import STATUS_SHAPES

FORMATS = ("md", "html", "pdf")
# Paul Tol's muted scheme (and a mid grey for "not reported"): the status colours stay
# apart under protanopia, deuteranopia and tritanopia (tests/unit/test_palette.py checks
# it with colorspacious). Colour is never alone: labels, shapes and tables carry the facts.
STATUS_COLORS = {
    "planning": "#DDCC77",
    "planning-or-ongoing": "#AA4499",
    "ongoing": "#332288",
    "completed": "#117733",
    "not-reported": "#999999",
}
FOCUS_COLOR = "#44AA99"
TREND_COLOR = "#332288"


class TemplateInvalid(AscnError):
    """A report template has a syntax error or uses a value the report does not have."""


# Written with a literal prefix, which the regex engine scans for at C speed (`\n{3,}` has
# none: 60 ms over a 3 MB report, now 5 ms).
_BLANK_RUNS = re.compile(r"\n\n\n+")


def _bars(rows: Iterable[FigureRow], colors: dict[str, str] | None = None) -> list[charts.Bar]:
    return [
        charts.Bar(
            r.label,
            r.value or 0,
            (colors or {}).get(r.key, FOCUS_COLOR),
            r.share if colors is None else ("" if r.previous is None else r.change),
        )
        for r in rows
    ]


def _trend(chart_id: str, title: str, contents: Contents, label: str, values: list[int]) -> str:
    years = [str(t.year) for t in contents.trends]
    return charts.column_chart(chart_id, title, years, [charts.Series(label, TREND_COLOR, values)])


def chart_svgs(contents: Contents) -> dict[str, Markup]:
    """The report's charts as inline SVG, keyed by name (status only with statuses)."""
    y = contents.year
    series = [
        charts.Series(
            BUCKET_SHORT[key], STATUS_COLORS[key], [dict(s.by_status)[key] for s in contents.series]
        )
        for key in STATUS_COLORS
    ]
    span = contents.span
    svgs = {
        "focus_area": charts.bar_chart(
            "chart-focus-area",
            f"Share of projects by focus area, {y}",
            _bars(contents.by_focus_area),
        ),
        "series": charts.column_chart(
            "chart-series",
            f"Projects in the portfolio per year, {span}, by status",
            [str(s.year) for s in contents.series],
            series,
        ),
        "members": _trend(
            "chart-members",
            f"Member cities per year, {span}",
            contents,
            "Member cities",
            [t.members for t in contents.trends],
        ),
        "partnerships": _trend(
            "chart-partnerships",
            f"Active partnerships per year, {span}",
            contents,
            "Active partnerships",
            [t.partnerships for t in contents.trends],
        ),
    }
    if contents.has_statuses:
        svgs["status"] = charts.bar_chart(
            "chart-status",
            f"Projects in the portfolio by status, {y}",
            _bars(contents.by_status, STATUS_COLORS),
        )
    # Safe: charts escapes every text and attribute value it writes.
    return {name: Markup(svg) for name, svg in svgs.items()}  # noqa: S704


def _context(contents: Contents, fmt: str) -> dict[str, Any]:
    return {
        "r": contents,
        "charts": chart_svgs(contents) if fmt == "html" else {},
        "status_short": {k: BUCKET_SHORT[k] for k in STATUS_COLORS},
        "status_colors": STATUS_COLORS,
        "shapes": STATUS_SHAPES,
        # Safe: ascn.map escapes every text and attribute value it writes.
        "map_svg": Markup(contents.map.svg()) if fmt == "html" else None,  # noqa: S704
    }


def render(contents: Contents, fmt: str, templates: Templates = PACKAGED) -> str:
    """The report in `fmt` (md or html) from `templates` (by default the packaged ones)."""
    name = TEMPLATES[fmt]
    where = str(templates.folder) if templates.folder is not None else "the ascn package"
    try:
        template = templates.environment().get_template(name)
        text = template.render(_context(contents, fmt))
        # Optional template blocks leave runs of blank lines; one is all Markdown needs.
        return _BLANK_RUNS.sub("\n\n", text) if fmt == "md" else text
    except jinja2.TemplateNotFound as e:
        raise TemplateNotFound(f"template {e.name} not found in {where}") from e
    except jinja2.TemplateSyntaxError as e:
        raise TemplateInvalid(f"{e.name or name} in {where}, line {e.lineno}: {e.message}") from e
    except jinja2.TemplateError as e:
        raise TemplateInvalid(f"{name} in {where}: {e.message}") from e


def file_name(year: int, fmt: str) -> str:
    """The report's file name: ascn-report-<year>.<md|html|pdf>."""
    return f"ascn-report-{year}.{fmt}"


def _document(contents: Contents, fmt: str, templates: Templates) -> str | bytes:
    """One format: text for md and html; for pdf, the HTML report typeset (ascn.report.pdf)."""
    if fmt == "pdf":
        return pdf.to_pdf(render(contents, "html", templates))
    return render(contents, fmt, templates)


def render_all(
    contents: Contents,
    formats: Iterable[str],
    templates: Templates = PACKAGED,
) -> dict[str, str | bytes]:
    """Each requested format rendered, keyed by its file name; nothing is written.

    A large report renders its formats on both cores (a forked helper, see ascn.load.parallel).
    """
    return render_delivered(contents, formats, _as_rendered, templates)


Delivered = TypeVar("Delivered")


def render_delivered(
    contents: Contents,
    formats: Iterable[str],
    deliver: Callable[[str, str | bytes], Delivered],
    templates: Templates = PACKAGED,
) -> dict[str, Delivered]:
    """`render_all`, with `deliver(file name, content)` applied in the process that rendered
    each file; its results (plain values) are what come back, keyed by file name.

    The render-ahead helper stages the files where they are rendered (ascn/report/ahead.py):
    sending the texts between processes cost 1.5 s at 10,000 cities (100 MB).
    """
    chosen = list(formats)
    both_cores = len(contents.cities) >= PARALLEL_FROM_CITIES

    def one(fmt: str) -> Delivered:
        return deliver(file_name(contents.year, fmt), _document(contents, fmt, templates))

    done = parallel.split_map(one, chosen, min_items=2 if both_cores else len(chosen) + 1)
    return {file_name(contents.year, f): result for f, result in zip(chosen, done, strict=True)}


def _as_rendered(name: str, content: str | bytes) -> str | bytes:
    return content


# Below this many city sections a fork costs more than the second core saves.
PARALLEL_FROM_CITIES = 200
