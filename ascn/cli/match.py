"""Matchmaking commands: match (project, partner, --city), twinning, pipeline."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from ascn.cli.application import DataDir, NoCache, app, fail

if TYPE_CHECKING:
    from ascn.models import Dataset

T = TypeVar("T")


class MatchFormat(StrEnum):
    """Output formats of `ascn match`: the Markdown brief is for the annual meeting."""

    text = "text"
    json = "json"
    md = "md"


class PlainFormat(StrEnum):
    """Output formats of `ascn twinning` and `ascn pipeline`."""

    text = "text"
    json = "json"


match_app = typer.Typer(
    short_help="Rank partners for projects, and projects for partners.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(match_app, name="match")

Year = Annotated[
    int | None,
    typer.Option(
        help="The year (default: the latest with statuses).", metavar="YEAR", show_default=False
    ),
]
Top = Annotated[int, typer.Option(help="How many candidates to show.", min=1, metavar="N")]
Weights = Annotated[
    list[str] | None,
    typer.Option(
        "--weight",
        help="Change a weight: NAME=N (repeatable; names: focus-area, offers, country, "
        "city, partner-kind, interest).",
        metavar="NAME=N",
        show_default=False,
    ),
]
Fmt = Annotated[MatchFormat, typer.Option("--format", help="text, json or md (a brief).")]
PlainFmt = Annotated[PlainFormat, typer.Option("--format", help="text or json.")]


def _parse_weights(given: list[str] | None) -> dict[str, int]:
    """The weights with the options' changes; BadParameter for a malformed one."""
    from ascn.match.scoring import UnknownWeight, weights_with

    changes: dict[str, int] = {}
    for item in given or []:
        name, _, value = item.partition("=")
        if not value.lstrip("-").isdigit():
            raise typer.BadParameter(f"{item!r} is not NAME=N", param_hint="--weight")
        changes[name.strip()] = int(value)
    try:
        return weights_with(changes)
    except UnknownWeight as e:
        raise typer.BadParameter(str(e), param_hint="--weight") from e


def _run(data: Path, year: int | None, build: Callable[[Dataset, int], T], no_cache: bool) -> T:
    """Load the valid dataset, settle the year, and build the result; exit 2 on AscnError."""
    from ascn.cli.loaded import valid_dataset
    from ascn.figures.progress import check_year, default_year
    from ascn.problems import AscnError

    dataset = valid_dataset(data, no_cache).dataset
    try:
        shown = default_year(dataset) if year is None else year
        check_year(dataset, shown)
        return build(dataset, shown)
    except AscnError as e:
        raise fail(e) from e


@match_app.callback()
def match(
    ctx: typer.Context,
    *,
    city: Annotated[
        str | None,
        typer.Option(help="Every open project of this city.", metavar="ID", show_default=False),
    ] = None,
    seeking: Annotated[
        bool, typer.Option("--seeking", help="Every open project that says what it seeks.")
    ] = False,
    data: DataDir = Path("data"),
    year: Year = None,
    top: Top = 5,
    weight: Weights = None,
    fmt: Fmt = MatchFormat.text,
    no_cache: NoCache = False,
) -> None:
    """Rank partners for a project, a partner's projects, a city's or the seeking projects.

    Candidates come from the public record, each with a score and its reasons: hard
    filters first, then an additive score whose weights --weight changes. `--seeking
    --format md` is the brief for the annual meeting's matchmaking session.

    Example: ascn match --city khon-kaen --format md > brief.md
    """
    from ascn.console.match import CITY_RENDERERS, SEEKING_RENDERERS, show
    from ascn.match.scoring import match_city, match_seeking

    if ctx.invoked_subcommand is not None:
        return
    if (city is None) == (not seeking):
        raise typer.BadParameter("give --city ID or --seeking, or use `match project ID`")
    weights = _parse_weights(weight)
    if city is not None:
        matches = _run(data, year, lambda ds, y: match_city(ds, city, y, weights, top), no_cache)
        show(CITY_RENDERERS[fmt.value](matches))
    else:
        session = _run(data, year, lambda ds, y: match_seeking(ds, y, weights, top), no_cache)
        show(SEEKING_RENDERERS[fmt.value](session))


@match_app.command("project")
def match_project(
    project_id: Annotated[str, typer.Argument(metavar="ID", help="The project's id.")],
    *,
    data: DataDir = Path("data"),
    year: Year = None,
    top: Top = 10,
    weight: Weights = None,
    fmt: Fmt = MatchFormat.text,
    no_cache: NoCache = False,
) -> None:
    """Rank partners for one project, each with its score and reasons.

    Example: ascn match project khon-kaen-kaen-nakhon-tram --format json
    """
    from ascn.console.match import PROJECT_RENDERERS, show
    from ascn.match import scoring
    from ascn.match.target import target

    weights = _parse_weights(weight)
    result = _run(
        data,
        year,
        lambda ds, y: scoring.match_project(ds, target(ds, project_id, y), weights, top),
        no_cache,
    )
    show(PROJECT_RENDERERS[fmt.value](result))


@match_app.command("partner")
def match_partner(
    partner_id: Annotated[str, typer.Argument(metavar="ID", help="The partner's id.")],
    *,
    data: DataDir = Path("data"),
    year: Year = None,
    top: Top = 10,
    weight: Weights = None,
    fmt: Fmt = MatchFormat.text,
    no_cache: NoCache = False,
) -> None:
    """Rank the open projects one partner may serve, each with its score and reasons.

    Example: ascn match partner jica
    """
    from ascn.console.match import PARTNER_RENDERERS, show
    from ascn.match import scoring

    weights = _parse_weights(weight)
    result = _run(
        data, year, lambda ds, y: scoring.match_partner(ds, partner_id, y, weights, top), no_cache
    )
    show(PARTNER_RENDERERS[fmt.value](result))


@app.command(short_help="City-partner pairs and unpaired cities of a year.")
def twinning(
    data: DataDir = Path("data"),
    year: Year = None,
    top: Annotated[
        int, typer.Option(help="Suggestions per unpaired city.", min=1, metavar="N")
    ] = 3,
    weight: Weights = None,
    fmt: PlainFmt = PlainFormat.text,
    *,
    no_cache: NoCache = False,
) -> None:
    """City-partner pairs of a year, member cities without an external partner, suggestions.

    Example: ascn twinning --year 2025
    """
    from ascn.console.match import TWINNING_RENDERERS, show
    from ascn.match.twinning import twinning as build

    weights = _parse_weights(weight)
    result = _run(data, year, lambda ds, y: build(ds, y, weights, top), no_cache)
    show(TWINNING_RENDERERS[fmt.value](result))


@app.command(short_help="Projects by investment stage.")
def pipeline(
    data: DataDir = Path("data"),
    year: Year = None,
    fmt: PlainFmt = PlainFormat.text,
    *,
    no_cache: NoCache = False,
) -> None:
    """Projects by investment stage with cost, committed funding, gap and readiness.

    Example: ascn pipeline --format json
    """
    from ascn.console.match import show
    from ascn.console.pipeline import PIPELINE_RENDERERS
    from ascn.match.pipeline import pipeline as build

    result = _run(data, year, build, no_cache)
    show(PIPELINE_RENDERERS[fmt.value](result))
