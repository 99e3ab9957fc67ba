"""Rendering the annual report from its contents with Jinja2 templates (text, or its pieces).

The templates, their filters and escaping are set up in ascn/report/environment.py. Charts
are built here from the figures (escaped by `charts`) and are the only values marked safe.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

from ascn.figures.progress import BUCKET_SHORT
from ascn.load import parallel
from ascn.output import Document
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
    return "".join(render_pieces(contents, fmt, templates))


# Jinja's outputs joined this many at a time: few and large pieces to write, none of them
# the whole report.
PIECE = 8192


def render_pieces(contents: Contents, fmt: str, templates: Templates = PACKAGED) -> Iterator[str]:
    """`render`, in pieces as the template makes them: the report is written as it is
    rendered and is never whole in memory (ascn.output.Document). Joined, the pieces are
    `render`'s text; a template error is raised while they are taken."""
    name = TEMPLATES[fmt]
    where = str(templates.folder) if templates.folder is not None else "the ascn package"
    try:
        template = templates.environment().get_template(name)
        pieces = _joined(template.generate(_context(contents, fmt)))
        # Optional template blocks leave runs of blank lines; one is all Markdown needs.
        yield from _single_blank_lines(pieces) if fmt == "md" else pieces
    except jinja2.TemplateNotFound as e:
        raise TemplateNotFound(f"template {e.name} not found in {where}") from e
    except jinja2.TemplateSyntaxError as e:
        raise TemplateInvalid(f"{e.name or name} in {where}, line {e.lineno}: {e.message}") from e
    except jinja2.TemplateError as e:
        raise TemplateInvalid(f"{name} in {where}: {e.message}") from e


def _joined(made: Iterator[str]) -> Iterator[str]:
    while batch := list(islice(made, PIECE)):
        yield "".join(batch)


def _single_blank_lines(pieces: Iterable[str]) -> Iterator[str]:
    """The text of `pieces` with each run of blank lines made one, piece by piece.

    A run of newlines may span pieces: the newlines that end a piece are held back and
    put before the next one, so each run is replaced whole, as in the joined text.
    """
    held = ""
    for piece in pieces:
        text = held + piece
        body = text.rstrip("\n")
        held = text[len(body) :]
        if body:
            yield _BLANK_RUNS.sub("\n\n", body)
    if held:
        yield _BLANK_RUNS.sub("\n\n", held)


def file_name(year: int, fmt: str) -> str:
    """The report's file name: ascn-report-<year>.<md|html|pdf>."""
    return f"ascn-report-{year}.{fmt}"


def _document(contents: Contents, fmt: str, templates: Templates) -> Document:
    """One format: md and html in pieces as they are rendered; for pdf, the HTML report
    typeset (ascn.report.pdf)."""
    if fmt == "pdf":
        return pdf.to_pdf(render(contents, "html", templates))
    return render_pieces(contents, fmt, templates)


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
    deliver: Callable[[str, Document], Delivered],
    templates: Templates = PACKAGED,
) -> dict[str, Delivered]:
    """`render_all`, with `deliver(file name, document)` applied in the process that renders
    each file (md and html come in pieces as they are rendered: `render_pieces`); its
    results (plain values) are what come back, keyed by file name.

    The render-ahead helper stages the files where they are rendered (ascn/report/ahead.py):
    sending the texts between processes cost 1.5 s at 10,000 cities (100 MB).
    """
    chosen = list(formats)
    both_cores = len(contents.cities) >= PARALLEL_FROM_CITIES

    def one(fmt: str) -> Delivered:
        return deliver(file_name(contents.year, fmt), _document(contents, fmt, templates))

    done = parallel.split_map(one, chosen, min_items=2 if both_cores else len(chosen) + 1)
    return {file_name(contents.year, f): result for f, result in zip(chosen, done, strict=True)}


def _as_rendered(name: str, document: Document) -> str | bytes:
    return document if isinstance(document, str | bytes) else "".join(document)


# Below this many city sections a fork costs more than the second core saves.
PARALLEL_FROM_CITIES = 200
