"""The command-line interface: parse options, call the core, render, exit. Nothing else.

One module per command group registers its commands on `app` (see ARCHITECTURE.md); this
package is the only place that imports typer and the only one that exits. The groups are
imported on first use of `app`, not with this package: `main` first hands a plain
`ascn validate` of the whole dataset and a plain `ascn report` to ascn/cli/fastpath.py,
which needs none of them.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `main` starts lean
if TYPE_CHECKING:
    from typing import Any, NoReturn

    import typer

__all__ = ["app", "keep", "main"]


def main() -> None:
    """Entry point of the `ascn` console script."""
    try:
        _run()
    except SystemExit as stop:
        _end(stop.code)
    _end(0)


def _run() -> None:
    if sys.argv[1:2] in (["validate"], ["report"]):
        from ascn.cli import fastpath

        code = fastpath.run_line(sys.argv[1:])
        if code is not None:
            raise SystemExit(code)
    full_app()()


# What `keep` holds: loaded datasets, until the process ends.
_KEPT: list[object] = []


def keep(value: object | None) -> None:
    """Hold `value` (a loaded dataset) until `main` ends the process without freeing it.

    Freeing a dataset object by object takes half a second at 10,000 cities (22,000
    records), after the output is complete; the operating system takes the process's
    memory back at once. mypy ends its process the same way (`mypy.util.hard_exit`).
    """
    if value is not None:
        _KEPT.append(value)


def _end(code: object) -> NoReturn:
    """Exit with `code` (as SystemExit reads it); without freeing what `keep` holds."""
    if not _KEPT:
        raise SystemExit(code)
    status = 0 if code is None else code if isinstance(code, int) else 1
    if not isinstance(code, int | None):
        print(code, file=sys.stderr)
    import contextlib  # only on this way out: `main` starts lean

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    os._exit(status)


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
