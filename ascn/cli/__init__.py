"""The command-line interface: parse options, call the core, render, exit. Nothing else.

One module per command group registers its commands on `app` (see ARCHITECTURE.md); this
package is the only place that imports typer and the only one that exits. The groups are
imported on first use of `app`, not with this package: `main` first hands a plain
`ascn validate` of the whole dataset to ascn/cli/fastpath.py, which needs none of them.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `main` starts lean
if TYPE_CHECKING:
    from typing import Any

    import typer

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the `ascn` console script."""
    if sys.argv[1:2] == ["validate"]:
        from ascn.cli import fastpath

        request = fastpath.request_of(sys.argv[1:])
        if request is not None:
            raise SystemExit(fastpath.run(request))
    full_app()()


def full_app() -> typer.Typer:
    """The Typer app with every command group registered."""
    from ascn.cli import check, edit, figures, history, match
    from ascn.cli import export as export_commands
    from ascn.cli import site as site_commands
    from ascn.cli.application import app

    _registered = (check, edit, figures, history, match, export_commands, site_commands)
    return app


def __getattr__(name: str) -> Any:
    """`from ascn.cli import app` (tests, tools): the app with every command registered."""
    if name == "app":
        return full_app()
    raise AttributeError(name)
