"""The command-line interface: parse options, call the core, render, exit. Nothing else.

Core modules are imported inside each command so that `ascn --help` stays fast.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from ascn import __version__
from ascn.reference import FocusArea, PartnerKind, Status

if TYPE_CHECKING:
    from ascn.scaffold import Edit
    from ascn.validate import Validation

T = TypeVar("T")

app = typer.Typer(
    name="ascn",
    help="Validate, summarise and report on the ASEAN Smart Cities Network dataset.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DataDir = Annotated[
    Path, typer.Option("--data", help="The dataset folder.", metavar="DIR", show_default=True)
]


class ProblemFormat(StrEnum):
    """Output formats of `ascn validate`."""

    text = "text"
    json = "json"
    github = "github"
    markdown = "markdown"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ascn {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Validate, summarise and report on the ASEAN Smart Cities Network dataset."""


def fail(error: Exception) -> typer.Exit:
    """Report an error that stopped the command and give the 'could not run' exit code."""
    from ascn.console import show_error

    show_error(str(error))
    return typer.Exit(2)


@app.command()
def validate(
    data: DataDir = Path("data"),
    fmt: Annotated[
        ProblemFormat, typer.Option("--format", help="How to print problems.")
    ] = ProblemFormat.text,
    strict: Annotated[bool, typer.Option(help="Fail on warnings too.")] = False,
    changed_since: Annotated[
        str | None,
        typer.Option(metavar="REV", help="Only problems the change since REV made block."),
    ] = None,
) -> None:
    """Check every data file and list problems by file, line and column.

    Example: ascn validate --data data --format github --changed-since origin/main
    """
    from ascn.console import show_validation
    from ascn.problems import AscnError, exit_code
    from ascn.validate import validate as run_validation
    from ascn.validate import validate_changes

    try:
        result = validate_changes(data, changed_since) if changed_since else run_validation(data)
    except AscnError as e:
        raise fail(e) from e
    existing = result.existing if changed_since else None
    show_validation(result.problems, result.files, fmt.value, existing)
    raise typer.Exit(exit_code(result.problems, strict=strict))


@app.command()
def explain(
    code: Annotated[str | None, typer.Argument(help="A problem code; none lists them all.")] = None,
) -> None:
    """Say what a problem code means, with a failing and a fixed example, and how to fix it.

    Example: ascn explain unknown-field
    """
    from ascn import codes
    from ascn.problems import AscnError

    try:
        text = codes.explain_text(code) if code else codes.list_text()
    except AscnError as e:
        raise fail(e) from e
    typer.echo(text, nl=False)


@app.command()
def schema(
    data: DataDir = Path("data"),
    out: Annotated[
        Path | None,
        typer.Option(metavar="DIR", help="Where the files go [default: schema/ beside --data]."),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if a file is out of date.")
    ] = False,
) -> None:
    """Write the JSON Schema of each record kind, which editors use to complete and check.

    Example: ascn schema --check
    """
    from ascn import schema as schemas
    from ascn.output import write_files
    from ascn.problems import AscnError

    folder = out or schemas.default_folder(data)
    stale = schemas.stale_files(folder)
    if check:
        typer.echo(schemas.check_message(folder, stale), nl=False)
        raise typer.Exit(1 if stale else 0)
    try:
        write_files(folder, {name: schemas.expected_files()[name] for name in stale})
    except AscnError as e:
        raise fail(e) from e
    typer.echo(schemas.write_message(folder, stale), nl=False)


@app.command()
def fmt(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders [default: every file of --data].", metavar="PATHS"),
    ] = None,
    data: DataDir = Path("data"),
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; show a diff, exit 1 if a file would change."),
    ] = False,
) -> None:
    """Rewrite data files in the canonical layout, keeping every comment and value.

    Example: ascn fmt --check data/cities/da-nang.yaml
    """
    from ascn import formatter
    from ascn.console.changes import render_formatting
    from ascn.output import write_files
    from ascn.problems import AscnError

    try:
        results = formatter.format_all(paths or [], data)
        for result in [] if check else [r for r in results if r.changed]:
            write_files(result.path.parent, {result.path.name: str(result.text)})
    except AscnError as e:
        raise fail(e) from e
    typer.echo(render_formatting(results, check=check), nl=False)
    raise typer.Exit(formatter.exit_code(results, check=check))


new_app = typer.Typer(
    help="Write a new record file, valid from the start, with a schema modeline.\n\n"
    "Example: ascn new city --id hue --name Hue --country VN --joined 2018",
    no_args_is_help=True,
)
app.add_typer(new_app, name="new")


def _interactive() -> bool:
    """Whether missing options may be asked for: only when a person is at a terminal."""
    return sys.stdin.isatty()


def _ask(value: T | None, option: str, convert: Callable[[str], T]) -> T:
    """An option's value; prompted for in a terminal, else a usage error (exit 2)."""
    if value is not None:
        return value
    if not _interactive():
        raise typer.BadParameter("is required outside a terminal", param_hint=f"'{option}'")
    return convert(typer.prompt(option.removeprefix("--").replace("-", " ").capitalize()))


def _apply(make_edit: Callable[[], Edit]) -> None:
    """Build an edit, write its file atomically and say what was done."""
    from ascn.output import write_files
    from ascn.problems import AscnError

    try:
        edit = make_edit()
        write_files(edit.path.parent, {edit.path.name: edit.text})
    except AscnError as e:
        raise fail(e) from e
    typer.echo(edit.message)


Text = Annotated[str | None, typer.Option(show_default=False)]
YearOption = Annotated[int | None, typer.Option(metavar="YEAR", show_default=False)]


@new_app.command("city")
def new_city(
    record_id: Annotated[str | None, typer.Option("--id", help="The city id (file name).")] = None,
    name: Text = None,
    country: Annotated[str | None, typer.Option(help="ISO code, e.g. VN.")] = None,
    joined: YearOption = None,
    data: DataDir = Path("data"),
) -> None:
    """Write data/cities/<id>.yaml with the required fields and the optional ones commented.

    Example: ascn new city --id hue --name Hue --country VN --joined 2018
    """
    from ascn.scaffold import new_record

    values = {
        "id": _ask(record_id, "--id", str),
        "name": _ask(name, "--name", str),
        "country": _ask(country, "--country", str),
        "joined": _ask(joined, "--joined", int),
    }
    _apply(lambda: new_record(data, "city", values))


@new_app.command("plan")
def new_plan(city: Text = None, data: DataDir = Path("data")) -> None:
    """Write data/plans/<city>.yaml for a city that has a file, optional fields commented.

    Example: ascn new plan --city hue
    """
    from ascn.scaffold import new_record

    values = {"city": _ask(city, "--city", str)}
    _apply(lambda: new_record(data, "plan", values))


@new_app.command("partner")
def new_partner(
    record_id: Annotated[str | None, typer.Option("--id", help="The partner id.")] = None,
    name: Text = None,
    kind: Annotated[PartnerKind | None, typer.Option(show_default=False)] = None,
    country: Annotated[
        str | None, typer.Option(help="ISO code; leave out if international.")
    ] = None,
    data: DataDir = Path("data"),
) -> None:
    """Write data/partners/<id>.yaml with the required fields and the optional ones commented.

    Example: ascn new partner --id kotra --name KOTRA --kind government --country KR
    """
    from ascn.scaffold import new_record

    values = {
        "id": _ask(record_id, "--id", str),
        "name": _ask(name, "--name", str),
        "kind": _ask(kind, "--kind", PartnerKind).value,
        **({"country": country} if country else {}),
    }
    _apply(lambda: new_record(data, "partner", values))


@new_app.command("project")
def new_project(
    *,
    city: Text = None,
    record_id: Annotated[str | None, typer.Option("--id", help="<city>-<short-name>.")] = None,
    title: Text = None,
    focus_area: Annotated[FocusArea | None, typer.Option(show_default=False)] = None,
    first_listed: YearOption = None,
    data: DataDir = Path("data"),
) -> None:
    """Add a project to a city's plan, leaving every other line of the file as it is.

    Example: ascn new project --city hue --id hue-smart-lighting --title "Smart Lighting"
    --focus-area built-infrastructure --first-listed 2024
    """
    from ascn.scaffold import new_project as add_project

    plan = _ask(city, "--city", str)
    values = {
        "id": _ask(record_id, "--id", str),
        "title": _ask(title, "--title", str),
        "focus_area": _ask(focus_area, "--focus-area", FocusArea).value,
        "first_listed": _ask(first_listed, "--first-listed", int),
    }
    _apply(lambda: add_project(data, plan, values))


@app.command()
def update(
    *,
    project: Annotated[str, typer.Option(help="The project id.", show_default=False)],
    year: Annotated[int, typer.Option(metavar="YEAR", show_default=False)],
    status: Annotated[Status, typer.Option(show_default=False)],
    note: Text = None,
    percent: Annotated[int | None, typer.Option(help="Percent complete, 0-100.")] = None,
    data: DataDir = Path("data"),
) -> None:
    """Record a project's status for a year (a new update in year order, or a correction).

    Example: ascn update --project da-nang-smart-water-management --year 2025 --status ongoing
    """
    from ascn.scaffold import record_status

    fields = {"year": year, "status": status.value, "percent_complete": percent, "note": note}
    values = {key: value for key, value in fields.items() if value is not None}
    _apply(lambda: record_status(data, project, values))


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
    all = "all"


def _valid_dataset(data: Path) -> Validation:
    """The validated dataset; on errors, print them and exit 1 (figures from it would mislead)."""
    from ascn.console import show_blocking_errors
    from ascn.problems import has_errors
    from ascn.validate import validate as run_validation

    result = run_validation(data)
    if has_errors(result.problems):
        show_blocking_errors(result.problems, result.files)
        raise typer.Exit(1)
    # The dataset lives until the process ends and holds no reference cycles: exempt it
    # from the cyclic collector, which would otherwise rescan it while the figures and
    # report are built (a third of their time at 1,000 cities).
    gc.freeze()
    return result


@app.command()
def progress(
    data: DataDir = Path("data"),
    year: Annotated[
        int | None,
        typer.Option(help="The year (default: the latest with statuses).", show_default=False),
    ] = None,
    by: Annotated[Breakdown, typer.Option(help="The breakdown the text shows.")] = (
        Breakdown.focus_area
    ),
    fmt: Annotated[
        ProgressFormat, typer.Option("--format", help="text (tables) or json (every figure).")
    ] = ProgressFormat.text,
) -> None:
    """Show the network's figures as of a year, with the change from the year before.

    Example: ascn progress --year 2025 --by status
    """
    from ascn.console.figures import show_progress
    from ascn.problems import AscnError
    from ascn.progress import progress as figures

    try:
        result = _valid_dataset(data)
        shown = figures(result.dataset, year)
    except AscnError as e:
        raise fail(e) from e
    show_progress(result.dataset, shown, by.value, fmt.value)


@app.command()
def report(
    year: Annotated[int, typer.Option(help="The year the report is for.")],
    data: DataDir = Path("data"),
    fmt: Annotated[ReportFormat, typer.Option("--format", help="The files to write.")] = (
        ReportFormat.all
    ),
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
) -> None:
    """Write the annual report for a year as Markdown and HTML and print the files' paths.

    Example: ascn report --year 2021 --out reports
    """
    from ascn import contents, provenance
    from ascn.console import show_paths
    from ascn.output import write_files
    from ascn.problems import AscnError
    from ascn.report import render_all, resolve_templates

    formats = ("md", "html") if fmt is ReportFormat.all else (fmt.value,)
    try:
        result = _valid_dataset(data)
        view = contents.build(result.dataset, result.problems, year, provenance.lookup(data))
        paths = write_files(out, render_all(view, formats, resolve_templates(templates)))
    except AscnError as e:
        raise fail(e) from e
    show_paths(paths)


@app.command()
def history(
    record: Annotated[str, typer.Argument(help="A city, plan, partner or project id.")],
    data: DataDir = Path("data"),
) -> None:
    """List the commits that changed a record, newest first, and what each changed.

    Example: ascn history da-nang
    """
    from ascn.audit import history as record_history
    from ascn.console.changes import render_history
    from ascn.problems import AscnError

    try:
        result = record_history(data, record)
    except AscnError as e:
        raise fail(e) from e
    typer.echo(render_history(result), nl=False)


class DiffFormat(StrEnum):
    """Output formats of `ascn diff`."""

    text = "text"
    json = "json"


@app.command()
def diff(
    revisions: Annotated[
        str | None, typer.Argument(metavar="[REV[..REV]]", help="Default: HEAD to the files.")
    ] = None,
    data: DataDir = Path("data"),
    fmt: Annotated[DiffFormat, typer.Option("--format", help="How to print.")] = DiffFormat.text,
) -> None:
    """Show the records added, removed and changed between two revisions, in the data's terms.

    Example: ascn diff HEAD~3..HEAD
    """
    from ascn.audit import diff as data_diff
    from ascn.console.changes import DIFF_RENDERERS
    from ascn.problems import AscnError

    try:
        result = data_diff(data, revisions)
    except AscnError as e:
        raise fail(e) from e
    typer.echo(DIFF_RENDERERS[fmt.value](result), nl=False)


def main() -> None:
    """Entry point of the `ascn` console script."""
    app()
