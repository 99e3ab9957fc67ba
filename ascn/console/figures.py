"""`ascn progress` in the terminal: key figures and one breakdown as tables, or JSON."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ascn.console import dump_json
from ascn.console.styled import capture
from ascn.escape import terminal
from ascn.figures import progress as pg
from ascn.figures.reconcile import Comparison, comparison_dict, figure_label, reconcile
from ascn.models import Dataset
from ascn.report.contents import FigureRow, figure_rows, key_figures_rows

BREAKDOWN_TITLES = {
    "focus-area": ("Focus area", "Projects in the portfolio by focus area"),
    "status": ("Status", "Projects in the portfolio by status"),
    "country": ("Country", "Projects in the portfolio by country"),
    "city": ("City", "Projects in the portfolio by city"),
    "partner-kind": ("Kind of partner", "Active partnerships by kind of partner"),
}


def _n(value: int | None) -> str:
    return "\u2013" if value is None else str(value)


def _figure_table(title: str, head: str, rows: Sequence[FigureRow], result: pg.Progress) -> Table:
    year = result.year
    shares = any(r.share for r in rows)
    table = Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    table.add_column(head)
    table.add_column(str(year), justify="right")
    if shares:
        table.add_column("share", justify="right")
    table.add_column(str(year - 1), justify="right")
    table.add_column("change", justify="right")
    for r in rows:
        cells = [
            terminal(r.label),
            _n(r.value),
            *([r.share] if shares else []),
            _n(r.previous),
            r.change,
        ]
        table.add_row(*cells)
    return table


def _progress_notes(result: pg.Progress) -> list[str]:
    notes = []
    if result.previous is None:
        notes.append(f"There is no {result.year - 1}: the network was founded in {result.year}.")
    for figures in [result.current] + ([result.previous] if result.previous else []):
        if figures.projects.reported == 0:
            notes.append(
                f"No project has a status for {figures.year}: all count as not reported, "
                "and completions are not known (\u2013)."
            )
    return notes


def render_progress_text(ds: Dataset, result: pg.Progress, by: str) -> str:
    """The year's key figures and one breakdown as tables, with the change from the year before."""
    head, title = BREAKDOWN_TITLES[by]

    def draw(console: Console) -> None:
        overview = f"ASEAN Smart Cities Network, {result.year}"
        console.print(_figure_table(overview, "Figure", key_figures_rows(result), result))
        console.print()
        rows = figure_rows(pg.rows(ds, result, by))
        console.print(_figure_table(f"{title}, {result.year}", head, rows, result))
        for note in _progress_notes(result):
            console.print()
            console.print(Text(note, style="dim"))
        published = reconcile(ds, result.year)
        if published:
            console.print()
            console.print(_published_table(published, result.year))
            for number, note in enumerate(_notes(published), start=1):
                console.print(Text(f"[{number}] {note}", style="dim"))

    return capture(draw)


def _value(value: float | None) -> str:
    if value is None:
        return "\u2013"
    return str(int(value)) if value == int(value) else f"{value:g}"


def _notes(published: list[Comparison]) -> list[str]:
    """The distinct notes of the figures, in order: one number per note, however many share it."""
    return list(dict.fromkeys(c.note for c in published if c.note))


def _published_table(published: list[Comparison], year: int) -> Table:
    """Each published figure of the year beside the dataset's value, with its note's number."""
    table = Table(
        title=f"Published figures, {year}, beside the data",
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    table.add_column("Figure")
    table.add_column("Kind")
    for head in ("Published", "Data", "Difference"):
        table.add_column(head, justify="right")
    table.add_column("Note", justify="right")
    numbers = {note: n for n, note in enumerate(_notes(published), start=1)}
    for item in published:
        difference = "\u2013" if item.difference is None else _signed(item.difference)
        note = f"[{numbers[item.note]}]" if item.note else ""
        printed = item.as_printed or _value(item.published)
        row = (figure_label(item), item.kind.value, printed, _value(item.computed), difference)
        table.add_row(*row, note)
    return table


def _signed(value: float) -> str:
    return ("+" if value > 0 else "") + _value(value) if value else "0"


def render_progress_json(ds: Dataset, result: pg.Progress, by: str) -> str:
    """The figures as one JSON object (DESIGN.md section 4) with sorted keys; `by` is unused.

    The added key `published` holds the year's published figures beside the dataset's own.
    """
    document = pg.progress_document(result)
    document["published"] = [comparison_dict(c) for c in reconcile(ds, result.year)]
    return dump_json(document)


PROGRESS_RENDERERS: dict[str, Callable[[Dataset, pg.Progress, str], str]] = {
    "text": render_progress_text,
    "json": render_progress_json,
}


def show_progress(
    ds: Dataset, result: pg.Progress, by: str, fmt: str, out: TextIO | None = None
) -> None:
    """Write the progress figures to stdout in the chosen format."""
    (out or sys.stdout).write(PROGRESS_RENDERERS[fmt](ds, result, by))
