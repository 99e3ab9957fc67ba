"""Commands that write data files: fmt, new, update."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from ascn.cli.app import DataDir, app, fail
from ascn.reference import FocusArea, PartnerKind, Status

if TYPE_CHECKING:
    from ascn.edit.scaffold import Edit

T = TypeVar("T")


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
    from ascn.console import echo
    from ascn.console.changes import render_formatting
    from ascn.edit import formatter
    from ascn.output import write_files
    from ascn.problems import AscnError

    try:
        results = formatter.format_all(paths or [], data)
        for result in [] if check else [r for r in results if r.changed]:
            write_files(result.path.parent, {result.path.name: str(result.text)})
    except AscnError as e:
        raise fail(e) from e
    echo(render_formatting(results, check=check))
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
    from ascn.console import echo
    from ascn.output import write_files
    from ascn.problems import AscnError

    try:
        edit = make_edit()
        write_files(edit.path.parent, {edit.path.name: edit.text})
    except AscnError as e:
        raise fail(e) from e
    echo(edit.message + "\n")


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
    from ascn.edit.scaffold import new_record

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
    from ascn.edit.scaffold import new_record

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
    from ascn.edit.scaffold import new_record

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
    from ascn.edit.scaffold import new_project as add_project

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
    from ascn.edit.scaffold import record_status

    fields = {"year": year, "status": status.value, "percent_complete": percent, "note": note}
    values = {key: value for key, value in fields.items() if value is not None}
    _apply(lambda: record_status(data, project, values))
