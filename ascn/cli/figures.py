"""Commands that compute the network's figures: progress, report."""

from __future__ import annotations

import gc
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ascn.cli import keep
from ascn.cli.application import DataDir, NoCache, app, fail

if TYPE_CHECKING:
    from ascn.validate import AfterLoad, Validation


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


def _valid_dataset(data: Path, no_cache: bool, after_load: AfterLoad | None = None) -> Validation:
    """The validated dataset; on errors, print them and exit 1 (figures from it would mislead)."""
    from ascn.console import show_blocking_errors
    from ascn.problems import has_errors
    from ascn.validate import validate as run_validation

    result = run_validation(data, use_cache=not no_cache, after_load=after_load)
    if has_errors(result.problems):
        show_blocking_errors(result.problems, result.files)
        raise typer.Exit(1)
    # The dataset lives until the process ends and holds no reference cycles: exempt it
    # from the cyclic collector, which would otherwise rescan it while the figures and
    # report are built (a third of their time at 1,000 cities). What follows (figures,
    # the report's contents and pages) makes no reference cycles worth collecting in a
    # command that ends soon after: the collector stays off (the report: 27.5 s -> 19.5 s
    # at 10,000 cities, issue 15).
    gc.freeze()
    gc.disable()
    keep(result.dataset)  # freed by the operating system when the command ends
    return result


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
        result = _valid_dataset(data, no_cache)
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
    from ascn.report.prework import Prework

    formats = ("md", "html") if fmt is ReportFormat.all else (fmt.value,)
    prework = Prework(data, templates, formats)
    prework.start(use_cache=not no_cache)  # on the second core, while this process imports

    from ascn.console import show_paths
    from ascn.problems import AscnError
    from ascn.report.ahead import ReportJob, render_ahead

    job = ReportJob(
        year, data, formats, narrative, templates, not no_cache, out=out, prework=prework
    )
    try:
        with render_ahead(job) as ahead:  # renders on the second core while the checks run
            result = _valid_dataset(data, no_cache, after_load=ahead.start)
            paths = ahead.write(result.dataset, result.problems)
    except AscnError as e:
        raise fail(e) from e
    show_paths(paths)
