"""The network's static portal: ascn site."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ascn.cli.application import DataDir, NoCache, app, fail
from ascn.cli.loaded import valid_dataset


@app.command()
def site(
    data: DataDir = Path("data"),
    no_cache: NoCache = False,
    out: Annotated[Path, typer.Option(help="The folder to write into.", metavar="DIR")] = Path(
        "site"
    ),
    templates: Annotated[
        Path | None,
        typer.Option(
            help="Templates folder, site/ inside [default: ./templates, else packaged].",
            metavar="DIR",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Build the network's static portal.

    Pages and JSON per record, search, map and downloads, into one folder.

    Example: ascn site --out site
    """
    from ascn.console import show_paths
    from ascn.output import write_files
    from ascn.problems import AscnError
    from ascn.report import provenance
    from ascn.report.environment import resolve_templates
    from ascn.site.build import build

    try:
        result = valid_dataset(data, no_cache)
        folder = resolve_templates(templates)
        files = build(result.dataset, result.problems, provenance.lookup(data), folder, folder)
        write_files(out, files)
    except AscnError as e:
        raise fail(e) from e
    show_paths([out / "index.html"])
