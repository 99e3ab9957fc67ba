"""The Typer application, its shared options and the one way a command reports "could not run".

Command modules register on `app`; core modules are imported inside each command so that
`ascn --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperArgument

from ascn import __version__
from ascn.cli import plainparams

plainparams.install()

# Typer 0.29 prints the Python type after every argument (`RECORD <str>`), a placeholder a
# focal point cannot act on; the metavar (RECORD, [CODE]) and the help say what to type.
TyperArgument.display_type_rich = lambda self, ctx: ""  # type: ignore[method-assign]

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

NoCache = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Do not read or write the result cache (see README: Result cache).",
    ),
]


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
