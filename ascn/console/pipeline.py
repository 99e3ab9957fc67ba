"""`ascn pipeline` in the terminal (one table per stage) and as JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.text import Text

from ascn.console import dump_json
from ascn.console.styled import capture
from ascn.figures.pipeline import Pipeline, PipelineRow, StageGroup


def _draw_row(console: Console, r: PipelineRow) -> None:
    console.print(Text(f"  {r.title} ({r.city_name})", style="bold"))
    year = f" ({r.cost_year})" if r.cost_year is not None else ""
    amounts = (
        f"cost {r.money(r.cost)}{year}; committed {r.money(r.committed)}; "
        f"pipeline {r.money(r.pipeline)}; gap {r.money(r.gap)}"
    )
    console.print(Text(f"    {amounts}"))
    console.print(Text(f"    readiness: {r.readiness_text}"))


def _draw_group(console: Console, group: StageGroup) -> None:
    console.print(Text(group.label, style="bold underline"))
    for r in group.rows:
        _draw_row(console, r)
    console.print()


def render_pipeline_text(result: Pipeline) -> str:
    """One table per stage, then what the columns mean."""

    def draw(console: Console) -> None:
        console.print(Text(f"Investment pipeline, {result.year}", style="bold"))
        console.print()
        if not result.stages:
            console.print(Text("No project has an investment profile or seeks funding."))
            return
        for group in result.stages:
            _draw_group(console, group)
        console.print(
            Text(
                "Gap = cost - committed funding; a dash where an amount is not given or is in "
                "another currency. Readiness counts the five G20 dimensions.",
                style="dim",
            )
        )

    return capture(draw)


def row_dict(r: PipelineRow) -> dict[str, Any]:
    """A pipeline row in the JSON shape."""
    return {
        "project": r.project_id,
        "city": r.city_id,
        "currency": r.currency,
        "cost": r.cost,
        "cost_year": r.cost_year,
        "committed": r.committed,
        "pipeline": r.pipeline,
        "gap": r.gap,
        "readiness": r.readiness,
        "sources": list(r.sources),
    }


def render_pipeline_json(result: Pipeline) -> str:
    """`{"version": 1, "year", "stages": [{"stage", "projects": [...]}]}` with sorted keys."""
    stages = [{"stage": g.stage, "projects": [row_dict(r) for r in g.rows]} for g in result.stages]
    document = {"version": 1, "year": result.year, "stages": stages}
    return dump_json(document)


PIPELINE_RENDERERS: dict[str, Callable[[Pipeline], str]] = {
    "text": render_pipeline_text,
    "json": render_pipeline_json,
}
