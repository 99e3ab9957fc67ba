"""Commands that check the data: validate, explain, schema."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ascn.cli.application import DataDir, NoCache, app, fail


class ProblemFormat(StrEnum):
    """Output formats of `ascn validate`."""

    text = "text"
    json = "json"
    github = "github"
    markdown = "markdown"


@app.command(short_help="Check the data files and list their problems.")
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Only these files or folders, checked with the whole dataset [default: all].",
            metavar="[PATH]...",
            show_default=False,
        ),
    ] = None,
    data: DataDir = Path("data"),
    fmt: Annotated[
        ProblemFormat, typer.Option("--format", help="How to print problems.")
    ] = ProblemFormat.text,
    strict: Annotated[bool, typer.Option(help="Fail on warnings too.")] = False,
    changed_since: Annotated[
        str | None,
        typer.Option(metavar="REV", help="Only problems the change since REV made block."),
    ] = None,
    *,
    no_cache: NoCache = False,
) -> None:
    """Check every data file and list problems by file, line and column.

    Example: ascn validate --data data --format github --changed-since origin/main

    Example: ascn validate data/plans/da-nang.yaml   (only that file's problems)
    """
    from ascn.cli import fastpath, keep
    from ascn.console import validation_text
    from ascn.problems import AscnError, exit_code
    from ascn.validate import validate_changes, validate_paths

    try:
        if paths or changed_since:
            result = (
                validate_paths(data, paths)
                if paths
                else validate_changes(data, str(changed_since), use_cache=not no_cache)
            )
            keep(result.dataset)  # freed by the operating system when the command ends
            existing = result.existing if changed_since else None
            text = validation_text(result.problems, result.files, fmt.value, existing)
            code = exit_code(result.problems, strict=strict)
        else:  # the whole dataset, as `ascn.cli.main` runs it without typer
            request = fastpath.Request(str(data), fmt.value, strict=strict, use_cache=not no_cache)
            text, code = fastpath.validate_whole(request)
    except AscnError as e:
        raise fail(e) from e
    sys.stdout.write(text)
    raise typer.Exit(code)


@app.command(short_help="Explain a problem code, with examples.")
def explain(
    code: Annotated[
        str | None, typer.Argument(help="A problem code; none lists them all.", metavar="[CODE]")
    ] = None,
) -> None:
    """Say what a problem code means, with a failing and a fixed example, and how to fix it.

    Example: ascn explain unknown-field
    """
    from ascn import explain as codes
    from ascn.console import echo
    from ascn.problems import AscnError

    try:
        text = codes.explain_text(code) if code else codes.list_text()
    except AscnError as e:
        raise fail(e) from e
    echo(text)


@app.command(short_help="Write the JSON Schema that editors use.")
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
    from ascn.console import echo
    from ascn.edit import schema as schemas
    from ascn.output import write_files
    from ascn.problems import AscnError

    folder = out or schemas.default_folder(data)
    stale = schemas.stale_files(folder)
    if check:
        echo(schemas.check_message(folder, stale))
        raise typer.Exit(1 if stale else 0)
    try:
        write_files(folder, {name: schemas.expected_files()[name] for name in stale})
    except AscnError as e:
        raise fail(e) from e
    echo(schemas.write_message(folder, stale))
