"""The command-line interface: parse options, call the core, render, exit. Nothing else.

Core modules are imported inside each command so that `ascn --help` stays fast.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ascn import __version__

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
) -> None:
    """Check every data file and list problems by file, line and column.

    Example: ascn validate --data data --format github
    """
    from ascn.console import show_problems
    from ascn.problems import AscnError, exit_code
    from ascn.validate import validate as run_validation

    try:
        result = run_validation(data)
    except AscnError as e:
        raise fail(e) from e
    show_problems(result.problems, result.files, fmt.value)
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
    from ascn.console import render_formatting
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


def main() -> None:
    """Entry point of the `ascn` console script."""
    app()
