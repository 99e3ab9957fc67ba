"""The command-line interface: parse options, call the core, render, exit. Nothing else.

One module per command group registers its commands on `app` (see ARCHITECTURE.md); this
package is the only place that imports typer and the only one that exits.
"""

from __future__ import annotations

from ascn.cli import check, edit, figures, history, match
from ascn.cli.app import app

__all__ = ["app", "main"]
_COMMAND_GROUPS = (check, edit, figures, history, match)  # imported for their registrations


def main() -> None:
    """Entry point of the `ascn` console script."""
    app()
