"""The report's reconciliation table: figures ASEAN published beside the dataset's own counts.

The comparisons come from `ascn.figures.reconcile` (one per published figure for the year);
this module only turns them into lines for the templates, so the report shows what was
printed, what the data gives, the difference and why, with the sources.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from ascn.figures import progress as pg
from ascn.reference import FOCUS_AREA_LABELS, FocusArea, Status

MEASURE_LABELS = {
    "projects": "Projects",
    "projects-by-status": "Projects",
    "focus-area-share": "Share of projects",
    "status-share": "Share of projects",
    "partnerships": "Partnerships",
    "member-cities": "Member cities",
}
KIND_LABELS = {"report": "official report", "statement": "statement"}


class Comparison(Protocol):
    """What the report reads of one comparison (ascn.figures.reconcile.Comparison)."""

    @property
    def measure(self) -> str: ...
    @property
    def status(self) -> Status | None: ...
    @property
    def focus_area(self) -> FocusArea | None: ...
    @property
    def as_printed(self) -> str | None: ...
    @property
    def published(self) -> float: ...
    @property
    def kind(self) -> str: ...
    @property
    def computed(self) -> float | None: ...
    @property
    def difference(self) -> float | None: ...
    @property
    def note(self) -> str | None: ...
    @property
    def sources(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class ReconciledLine:
    """One published figure beside the computed one, as text."""

    figure: str
    kind: str
    published: str
    computed: str
    difference: str
    note: str
    sources: str


def _number(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "\u2013"
    shown = f"{value:g}"
    return f"{shown}%" if percent else shown


def _figure(c: Comparison) -> str:
    measure = str(c.measure)
    label = MEASURE_LABELS.get(measure, measure)
    if c.status is not None:
        return f"{label}: {pg.BUCKET_SHORT.get(c.status.value, c.status.value).lower()}"
    if c.focus_area is not None:
        return f"{label}: {FOCUS_AREA_LABELS[c.focus_area]}"
    return label


def lines(comparisons: Iterable[Comparison]) -> list[ReconciledLine]:
    """The comparisons as table lines, in the order given (reconcile sorts them)."""
    result = []
    for c in comparisons:
        percent = str(c.measure) in {"focus-area-share", "status-share"}
        difference = "" if c.difference is None else f"{c.difference:+g}"
        result.append(
            ReconciledLine(
                figure=_figure(c),
                kind=KIND_LABELS.get(str(c.kind), str(c.kind)),
                published=c.as_printed or _number(c.published, percent),
                computed=_number(c.computed, percent),
                difference="0" if difference in {"+0", "-0"} else difference or "\u2013",
                note=c.note or ("not computable from the data" if c.computed is None else ""),
                sources=", ".join(c.sources),
            )
        )
    return result
