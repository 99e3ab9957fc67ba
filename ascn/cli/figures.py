"""Commands that compute the network's figures: progress, report."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ascn.cli.application import DataDir, NoCache, app, fail
from ascn.cli.loaded import valid_dataset


class Breakdown(StrEnum):
    """The breakdowns `ascn progress` can show."""

    focus_area = "focus-area"
    status = "status"
    country = "country"
    city = "city"
    partner_kind = "partner-kind"


class ProgressFormat(StrEnum):
    """Output formats of `ascn progress`."""

    text = "text"
    json = "json"


class ReportFormat(StrEnum):
    """Which report files `ascn report` writes."""

    md = "md"
    html = "html"
    pdf = "pdf"
    all = "all"


@app.command(short_help="Show the network's figures as of a year.")
def progress(
    data: DataDir = Path("data"),
    year: Annotated[
        int | None,
        typer.Option(
            help="The year (default: the latest with statuses).", metavar="YEAR", show_default=False
        ),
    ] = None,
    by: Annotated[Breakdown, typer.Option(help="The breakdown the text shows.")] = (
        Breakdown.focus_area
    ),
    fmt: Annotated[
        ProgressFormat, typer.Option("--format", help="text (tables) or json (every figure).")
    ] = ProgressFormat.text,
    no_cache: NoCache = False,
) -> None:
    """Show the network's figures as of a year, with the change from the year before.

    Example: ascn progress --year 2025 --by status
    """
    from ascn.console.figures import show_progress
    from ascn.figures.progress import progress as figures
    from ascn.problems import AscnError

    try:
        result = valid_dataset(data, no_cache)
        shown = figures(result.dataset, year)
    except AscnError as e:
        raise fail(e) from e
    show_progress(result.dataset, shown, by.value, fmt.value)


@app.command(short_help="Write the annual report for a year.")
def report(  # noqa: PLR0917 - each parameter is a command-line option (Typer reads the signature)
    year: Annotated[int, typer.Option(help="The year the report is for.", metavar="YEAR")],
    data: DataDir = Path("data"),
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", help="The files to write (all: md and html; pdf: A4 print)."),
    ] = ReportFormat.all,
    out: Annotated[Path, typer.Option(help="The folder to write into.", metavar="DIR")] = Path(
        "reports"
    ),
    templates: Annotated[
        Path | None,
        typer.Option(
            help="Templates folder [default: ./templates if present, else the packaged ones].",
            metavar="DIR",
            show_default=False,
        ),
    ] = None,
    narrative: Annotated[
        Path | None,
        typer.Option(
            help="The Secretariat's text for the year, plain paragraphs "
            "[default: reports/narrative/<year>.md if present].",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    *,
    no_cache: NoCache = False,
) -> None:
    """Write the annual report for a year (Markdown and HTML, or a PDF) and print the paths.

    Example: ascn report --year 2021 --out reports
    """
    from ascn.cli import fastpath

    request = fastpath.ReportRequest(
        year,
        data,
        fmt=fmt.value,
        out=out,
        templates=templates,
        narrative=narrative,
        use_cache=not no_cache,
    )
    code = fastpath.write_report(request)  # as a plain command line runs it, without typer
    if code:
        raise typer.Exit(code)
