"""Commands that write data files: fmt, new, update."""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from ascn.cli.application import DataDir, app, fail
from ascn.problems import AscnError
from ascn.reference import FocusArea, PartnerKind, Status

if TYPE_CHECKING:
    from ascn.edit.guard import Edit

T = TypeVar("T")
E = TypeVar("E", bound=Enum)


@app.command(short_help="Rewrite data files in the canonical layout.")
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
    """Rewrite data files in the canonical layout.

    Keys in the record format's order, two-space indentation, every comment and value kept.

    Example: ascn fmt --check data/cities/da-nang.yaml
    """
    from ascn.console import echo
    from ascn.console.changes import render_formatting
    from ascn.edit import formatter
    from ascn.output import data_lock

    try:
        with data_lock(data):
            results = formatter.format_all(paths or [], data)
            if not check:
                formatter.write_formatted(results)
    except AscnError as e:
        raise fail(e) from e
    echo(render_formatting(results, check=check))
    raise typer.Exit(formatter.exit_code(results, check=check))


new_app = typer.Typer(
    short_help="Write a new record file, valid from the start.",
    help="Write a new record file, valid from the start, with a schema modeline.\n\n"
    "Example: ascn new city --id hue --name Hue --country VN --joined 2018",
    no_args_is_help=True,
)
app.add_typer(new_app, name="new")


def _interactive() -> bool:
    """Whether missing options may be asked for: only when a person is at a terminal."""
    return sys.stdin.isatty()


def _ask(value: T | None, option: str, convert: Callable[[str], T]) -> T:
    """An option's value; asked for in a terminal (again after a bad answer), else exit 2."""
    if value is not None:
        return value
    if not _interactive():
        raise typer.BadParameter("is required outside a terminal", param_hint=f"'{option}'")
    label = option.removeprefix("--").replace("-", " ").capitalize()
    while True:
        answer = typer.prompt(label)
        try:
            return convert(answer.strip())
        except (ValueError, AscnError) as e:
            from ascn.console import show_error

            show_error(str(e))


def _apply(data: Path, make_edit: Callable[[], Edit]) -> None:
    """Make an edit, check it with the whole dataset, write it, and say what was done."""
    from ascn.console import echo, render_text, show_error
    from ascn.edit.guard import WriteRefused, write_edit

    try:
        edit = write_edit(data, make_edit)
    except WriteRefused as e:
        sys.stderr.write(render_text(e.problems, 1))
        show_error(str(e))
        raise typer.Exit(1) from e
    except AscnError as e:
        raise fail(e) from e
    echo(edit.message + "\n")


def _an_id(option: str) -> Callable[[str], str]:
    def convert(text: str) -> str:
        from ascn.edit.scaffold import record_id

        return record_id(text, option)

    return convert


def _text(text: str) -> str:
    if not text:
        raise ValueError("an answer is needed")
    return text


def _year(text: str) -> int:
    if not (len(text) == 4 and text.isdigit()):
        raise ValueError(f"'{text}' is not a year: type four digits, e.g. 2024")
    return int(text)


def _country(text: str) -> str:
    if not (len(text) == 2 and text.isalpha()):
        raise ValueError(f"'{text}' is not a country code: type two letters, e.g. VN")
    return text.upper()


def _choice(enum: type[E]) -> Callable[[str], E]:
    def convert(text: str) -> E:
        values = [str(member.value) for member in enum]
        if text in values:
            return enum(text)
        close = difflib.get_close_matches(text, values, n=1, cutoff=0.5)
        guess = f"; did you mean '{close[0]}'?" if close else ""
        raise ValueError(f"'{text}' is not one of: {', '.join(values)}{guess}")

    return convert


def _values(enum: type[Enum]) -> str:
    return ", ".join(str(member.value) for member in enum)


def _described(help_text: str, metavar: str = "ID") -> dict[str, Any]:
    return {"help": help_text, "metavar": metavar, "show_default": False}


def _option(help_text: str, metavar: str = "TEXT") -> Any:
    return typer.Option(help=help_text, metavar=metavar, show_default=False)


CityId = Annotated[str | None, _option("The city's id, as its file name: hue.", "ID")]
Name = Annotated[str | None, _option("The name as the sources write it.")]
Joined = Annotated[int | None, _option("The year the city joined the network.", "YEAR")]
MemberState = Annotated[str | None, _option("The member state's ISO code: VN.", "CODE")]


@new_app.command("city", short_help="Write a new city file.")
def new_city(
    record_id: Annotated[
        str | None, typer.Option("--id", **_described("The new city's id: hue."))
    ] = None,
    name: Name = None,
    country: MemberState = None,
    joined: Joined = None,
    data: DataDir = Path("data"),
) -> None:
    """Write a new city file.

    Writes data/cities/<id>.yaml with the required fields and the optional ones commented.

    Example: ascn new city --id hue --name Hue --country VN --joined 2018
    """
    from ascn.edit.scaffold import new_record

    values = {
        "id": _ask(record_id, "--id", _an_id("--id")),
        "name": _ask(name, "--name", _text),
        "country": _ask(country, "--country", _country),
        "joined": _ask(joined, "--joined", _year),
    }
    _apply(data, lambda: new_record(data, "city", values))


@new_app.command("plan", short_help="Write a new plan file for a city.")
def new_plan(
    city: Annotated[str | None, _option("The city's id; its city file must exist.", "ID")] = None,
    data: DataDir = Path("data"),
) -> None:
    """Write a new plan file for a city.

    Writes data/plans/<city>.yaml for a city that has a file, optional fields commented.

    Example: ascn new plan --city hue
    """
    from ascn.edit.scaffold import new_record

    values = {"city": _ask(city, "--city", _an_id("--city"))}
    _apply(data, lambda: new_record(data, "plan", values))


@new_app.command("partner", short_help="Write a new partner file.")
def new_partner(
    record_id: Annotated[
        str | None, typer.Option("--id", **_described("The partner's id: kotra."))
    ] = None,
    name: Name = None,
    kind: Annotated[PartnerKind | None, _option(f"One of: {_values(PartnerKind)}.", "KIND")] = None,
    country: Annotated[
        str | None, _option("ISO code of its country; leave out if international.", "CODE")
    ] = None,
    data: DataDir = Path("data"),
) -> None:
    """Write a new partner file.

    Writes data/partners/<id>.yaml with the required fields and the optional ones commented.

    Example: ascn new partner --id kotra --name KOTRA --kind government --country KR
    """
    from ascn.edit.scaffold import new_record

    values = {
        "id": _ask(record_id, "--id", _an_id("--id")),
        "name": _ask(name, "--name", _text),
        "kind": _ask(kind, "--kind", _choice(PartnerKind)).value,
        **({"country": country.upper()} if country else {}),
    }
    _apply(data, lambda: new_record(data, "partner", values))


@new_app.command("project", short_help="Add a project to a city's plan.")
def new_project(
    *,
    city: Annotated[str | None, _option("The city's id; its plan file must exist.", "ID")] = None,
    record_id: Annotated[
        str | None, typer.Option("--id", **_described("<city>-<short-name>: hue-smart-lighting."))
    ] = None,
    title: Annotated[str | None, _option("The project's title as the plan gives it.")] = None,
    focus_area: Annotated[
        FocusArea | None, _option(f"One of: {_values(FocusArea)}.", "AREA")
    ] = None,
    first_listed: Annotated[
        int | None, _option("The year of the first document listing it.", "YEAR")
    ] = None,
    data: DataDir = Path("data"),
) -> None:
    """Add a project to a city's plan.

    Appends it to data/plans/<city>.yaml, leaving every other line of the file as it is.

    Example: ascn new project --city hue --id hue-smart-lighting --title "Smart Lighting"
    --focus-area built-infrastructure --first-listed 2024
    """
    from ascn.edit.scaffold import new_project as add_project

    plan = _ask(city, "--city", _an_id("--city"))
    values = {
        "id": _ask(record_id, "--id", _an_id("--id")),
        "title": _ask(title, "--title", _text),
        "focus_area": _ask(focus_area, "--focus-area", _choice(FocusArea)).value,
        "first_listed": _ask(first_listed, "--first-listed", _year),
    }
    _apply(data, lambda: add_project(data, plan, values))


@app.command(short_help="Record a project's status for a year.")
def update(
    *,
    project: Annotated[str, _option("The project's id: da-nang-smart-parking.", "ID")],
    year: Annotated[int, _option("The year the status was monitored in.", "YEAR")],
    status: Annotated[Status, _option(f"The status in that year: {_values(Status)}.", "STATUS")],
    note: Annotated[str | None, _option("A short public note (no personal data).")] = None,
    percent: Annotated[int | None, _option("Percent complete, 0-100.", "N")] = None,
    data: DataDir = Path("data"),
) -> None:
    """Record a project's status for a year.

    Adds the update in year order, or corrects the one recorded for that year, in the plan
    file that holds the project; the edit is checked with the whole dataset first.

    Example: ascn update --project da-nang-smart-water-management --year 2025 --status ongoing
    """
    from ascn.edit.scaffold import record_status

    fields = {"year": year, "status": status.value, "percent_complete": percent, "note": note}
    values = {key: value for key, value in fields.items() if value is not None}
    _apply(data, lambda: record_status(data, project, values))
