"""`ascn pipeline` in the terminal (one table per stage) and as JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ascn.console import capture
from ascn.match.pipeline import Pipeline, PipelineRow, StageGroup, readiness_summary
from ascn.match.words import amount_words

DASH = "\u2013"


def money(value: float | None, currency: str | None) -> str:
    """An amount with its currency, or a dash where it is unknown."""
    if value is None:
        return DASH
    return f"{amount_words(value)} {currency or ''}".strip()


def _table(group: StageGroup) -> Table:
    table = Table(
        title=group.label,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    for head in ("Project", "City", "Cost", "Committed", "Pipeline", "Gap", "Readiness"):
        table.add_column(
            head, justify="left" if head in ("Project", "City", "Readiness") else "right"
        )
    for r in group.rows:
        table.add_row(
            Text(r.title),
            Text(r.city_name),
            money(r.cost, r.currency),
            money(r.committed, r.currency),
            money(r.pipeline, r.currency),
            money(r.gap, r.currency),
            readiness_summary(r.readiness),
        )
    return table


def render_pipeline_text(result: Pipeline) -> str:
    """One table per stage, then what the columns mean."""

    def draw(console: Console) -> None:
        console.print(Text(f"Investment pipeline, {result.year}", style="bold"))
        console.print()
        if not result.stages:
            console.print(Text("No project has an investment profile or seeks funding."))
            return
        for group in result.stages:
            console.print(_table(group))
            console.print()
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
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


PIPELINE_RENDERERS: dict[str, Callable[[Pipeline], str]] = {
    "text": render_pipeline_text,
    "json": render_pipeline_json,
}
