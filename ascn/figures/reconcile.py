"""Published figures beside the dataset's own counts of the same measure (pure).

ASEAN prints and states figures about the network (`Network.published_figures`). For a year
Y, each figure of Y is set beside what the records add up to under the year rules of
`ascn.figures.progress`, with the difference (computed minus published) and the figure's
note, which says why the two differ where they do:

- projects: the portfolio in Y; projects-by-status: the portfolio's bucket of that status;
- status-share, focus-area-share: that bucket as a percentage of the portfolio;
- partnerships: partnerships active in Y; member-cities: members in Y.

A figure for a year the data does not cover, or a share of an empty portfolio, has no
computed counterpart (`computed` is None).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ascn.figures.progress import YearFigures, data_years, year_figures
from ascn.figures.timeline import Timeline, timelines
from ascn.models import Dataset, PublishedFigure
from ascn.reference import FOCUS_AREA_LABELS, STATUS_LABELS, FigureKind, FocusArea, Measure, Status

SHARES = frozenset({Measure.STATUS_SHARE, Measure.FOCUS_AREA_SHARE})


@dataclass(frozen=True)
class Comparison:
    """One published figure beside the dataset's own value of the same measure."""

    year: int
    measure: Measure
    status: Status | None
    focus_area: FocusArea | None
    published: float
    as_printed: str | None
    kind: FigureKind
    as_of: str | None
    computed: float | None
    difference: float | None
    note: str | None
    sources: tuple[str, ...]

    @property
    def agrees(self) -> bool | None:
        """Whether the computed value equals the published one to the printed precision.

        None when the dataset cannot compute the figure.
        """
        if self.difference is None:
            return None
        return abs(self.difference) <= _tolerance(self.published, self.measure)


def _tolerance(value: float, measure: Measure) -> float:
    """Half a unit of the last printed decimal for a share (29% holds 28.5-29.5); 0 for counts."""
    if measure not in SHARES:
        return 0.0
    text = repr(value)
    decimals = len(text.split(".")[1].rstrip("0")) if "." in text else 0
    return 0.5 * 10.0**-decimals


def computed_value(figure: PublishedFigure, figures: YearFigures) -> float | None:
    """The dataset's value of the figure's measure, or None when it cannot be computed."""
    projects = figures.projects
    if figure.measure is Measure.PROJECTS:
        return projects.total
    if figure.measure is Measure.PARTNERSHIPS:
        return figures.partnerships.total
    if figure.measure is Measure.MEMBER_CITIES:
        return figures.cities
    part = _part(figure, figures)
    if part is None or figure.measure is Measure.PROJECTS_BY_STATUS:
        return part
    return round(100 * part / projects.total, 2) if projects.total else None


def _part(figure: PublishedFigure, figures: YearFigures) -> int | None:
    """The count a by-status or by-focus-area figure is about (None without its key)."""
    key: Status | FocusArea | None
    if figure.measure in (Measure.PROJECTS_BY_STATUS, Measure.STATUS_SHARE):
        key, counts = figure.status, figures.projects.by_status
    else:
        key, counts = figure.focus_area, figures.projects.by_focus_area
    return None if key is None else counts.get(key.value, 0)


def compare(figure: PublishedFigure, figures: YearFigures | None) -> Comparison:
    """The figure beside its computed value (`figures` None: the year is not covered)."""
    computed = None if figures is None else computed_value(figure, figures)
    difference = None if computed is None else round(computed - figure.value, 2)
    if isinstance(computed, int) and figure.value.is_integer():
        difference = computed - int(figure.value)  # counts stay whole numbers
    return Comparison(
        year=figure.year,
        measure=figure.measure,
        status=figure.status,
        focus_area=figure.focus_area,
        published=figure.value,
        as_printed=figure.as_printed,
        kind=figure.kind,
        as_of=figure.as_of,
        computed=computed,
        difference=difference,
        note=figure.note,
        sources=tuple(figure.sources),
    )


def comparisons(
    ds: Dataset, only: Callable[[PublishedFigure], bool] | None = None
) -> Iterator[tuple[int, Comparison]]:
    """Published figures (with their index in the list) beside their computed values.

    `only` selects the figures to compare; the figures of a year are computed once, and
    only for years that a selected figure needs.
    """
    if ds.network is None or not ds.network.published_figures:
        return
    first, last = data_years(ds)
    cache: dict[int, YearFigures] = {}
    lines: list[Timeline] = []  # each project's statuses, read once if any year is compared
    for index, figure in enumerate(ds.network.published_figures):
        if only is not None and not only(figure):
            continue
        year = figure.year
        if first <= year <= last and year not in cache:
            lines = lines or timelines(ds)
            cache[year] = year_figures(ds, year, lines)
        yield index, compare(figure, cache.get(year))


def reconcile(ds: Dataset, year: int) -> list[Comparison]:
    """The published figures of `year` beside the dataset's own values, in file order."""
    return [c for _, c in comparisons(ds, lambda figure: figure.year == year)]


MEASURE_LABELS: dict[Measure, str] = {
    Measure.PROJECTS: "Projects",
    Measure.PROJECTS_BY_STATUS: "Projects",
    Measure.STATUS_SHARE: "%",
    Measure.FOCUS_AREA_SHARE: "%",
    Measure.PARTNERSHIPS: "Partnerships",
    Measure.MEMBER_CITIES: "Member cities",
}


def figure_label(comparison: Comparison) -> str:
    """The figure as a reader names it: "Projects", "Projects ongoing", "% Civic & Social"."""
    label = MEASURE_LABELS[comparison.measure]
    if comparison.status is not None:
        label += f" {STATUS_LABELS[comparison.status].split(' (')[0].lower()}"
    if comparison.focus_area is not None:
        label += f" {FOCUS_AREA_LABELS[comparison.focus_area]}"
    return label


def _number(value: float | None) -> float | int | None:
    """Whole numbers as int, so JSON prints 65, not 65.0."""
    return int(value) if value is not None and value == int(value) else value


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    """One comparison as JSON-ready data (the `published` items of `ascn progress`)."""
    return {
        "measure": comparison.measure.value,
        "status": comparison.status.value if comparison.status else None,
        "focus_area": comparison.focus_area.value if comparison.focus_area else None,
        "kind": comparison.kind.value,
        "as_of": comparison.as_of,
        "published": _number(comparison.published),
        "as_printed": comparison.as_printed,
        "computed": _number(comparison.computed),
        "difference": _number(comparison.difference),
        "agrees": comparison.agrees,
        "note": comparison.note,
        "sources": list(comparison.sources),
    }
