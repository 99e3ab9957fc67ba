"""Commands over git history: history, diff."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ascn.cli.application import DataDir, app, fail


@app.command(short_help="List the commits that changed a record.")
def history(
    record: Annotated[
        str, typer.Argument(help="A city, plan, partner or project id.", metavar="RECORD")
    ],
    data: DataDir = Path("data"),
) -> None:
    """List the commits that changed a record, newest first, and what each changed.

    Example: ascn history da-nang
    """
    from ascn.console import echo
    from ascn.console.changes import render_history
    from ascn.history.audit import history as record_history
    from ascn.problems import AscnError

    try:
        result = record_history(data, record)
    except AscnError as e:
        raise fail(e) from e
    echo(render_history(result))


class DiffFormat(StrEnum):
    """Output formats of `ascn diff`."""

    text = "text"
    json = "json"


@app.command(short_help="Show the records changed between revisions.")
def diff(
    revisions: Annotated[
        str | None,
        typer.Argument(
            metavar="[REV[..REV]]", help="Default: HEAD to the files.", show_default=False
        ),
    ] = None,
    data: DataDir = Path("data"),
    fmt: Annotated[DiffFormat, typer.Option("--format", help="How to print.")] = DiffFormat.text,
) -> None:
    """Show the records added, removed and changed between two revisions, in the data's terms.

    Example: ascn diff HEAD~3..HEAD
    """
    from ascn.console import echo
    from ascn.console.changes import DIFF_RENDERERS
    from ascn.history.audit import diff as data_diff
    from ascn.problems import AscnError

    try:
        result = data_diff(data, revisions)
    except AscnError as e:
        raise fail(e) from e
    echo(DIFF_RENDERERS[fmt.value](result))
