"""The validated dataset that the figure, report, site, export and match commands work on.

Without typer, so that `ascn report` can run from ascn/cli/fastpath.py as well.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from ascn.cli import keep

if TYPE_CHECKING:
    from pathlib import Path

    from ascn.validate import AfterLoad, Validation


def valid_dataset(data: Path, no_cache: bool, after_load: AfterLoad | None = None) -> Validation:
    """The validated dataset; on errors, print them and exit 1 (figures from it would mislead)."""
    from ascn.console import show_blocking_errors
    from ascn.problems import has_errors
    from ascn.validate import validate as run_validation

    result = run_validation(data, use_cache=not no_cache, after_load=after_load)
    if has_errors(result.problems):
        show_blocking_errors(result.problems, result.files)
        raise SystemExit(1)
    # The dataset lives until the process ends and holds no reference cycles: exempt it
    # from the cyclic collector, which would otherwise rescan it while the figures and
    # report are built (a third of their time at 1,000 cities). What follows (figures,
    # the report's contents and pages) makes no reference cycles worth collecting in a
    # command that ends soon after: the collector stays off (the report: 27.5 s -> 19.5 s
    # at 10,000 cities, issue 15).
    gc.freeze()
    gc.disable()
    keep(result.dataset)  # freed by the operating system when the command ends
    return result
