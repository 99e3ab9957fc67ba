"""The analysts' exports: ascn export."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ascn.cli.application import DataDir, NoCache, app, fail
from ascn.cli.loaded import valid_dataset


class ExportFormat(StrEnum):
    """The formats `ascn export` writes."""

    csv = "csv"
    json = "json"
    sqlite = "sqlite"
    datapackage = "datapackage"
    geojson = "geojson"


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="The format to write.")],
    data: DataDir = Path("data"),
    no_cache: NoCache = False,
    out: Annotated[Path, typer.Option(help="The folder to write into.", metavar="DIR")] = Path(
        "exports"
    ),
    excel: Annotated[
        bool, typer.Option("--excel", help="CSV: start each file with a UTF-8 BOM for Excel.")
    ] = False,
) -> None:
    """Export the dataset for analysts.

    CSV, JSON, SQLite, a Frictionless Data Package or GeoJSON; prints the files' paths.

    Example: ascn export --format csv --excel --out exports
    """
    from ascn.console import show_paths
    from ascn.export.formats import build
    from ascn.output import write_files
    from ascn.problems import AscnError
    from ascn.report import provenance

    if excel and fmt is not ExportFormat.csv:
        raise typer.BadParameter("--excel applies to --format csv only", param_hint="--excel")
    try:
        result = valid_dataset(data, no_cache)
        files = build(result.dataset, fmt.value, provenance.lookup(data), excel=excel)
        paths = write_files(out, files)
    except AscnError as e:
        raise fail(e) from e
    show_paths(paths)
