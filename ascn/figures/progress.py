"""The network's figures as of a year, under the year rules of DESIGN.md section 3 (pure).

- a city is a member in Y if it joined in or before Y;
- a project is in the portfolio in Y if it was first listed in or before Y and not removed in
  or before Y; its status in Y is its update for Y; a final status carries forward (a project
  completed in an earlier year stays completed; a removed one stays out of the portfolio);
  any other project without an update for Y counts as `not-reported`;
- a partnership is active in Y if it began in or before Y and did not end before Y; one
  without a start year cannot be placed in any year and is left out of every total;
- "new in Y" means first listed / joined / begun in Y; "completed in Y" means the project's
  first update with status completed is for Y.

The years a dataset covers run from the network's founding to the latest year that any
record names (a city joining, a project listed, a status update, a partnership beginning,
a network year). Plan periods and partnership end years are left out of that range: they
are plans for the future, not observations.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ascn.figures import timeline as tl
from ascn.figures.timeline import Timeline, timelines
from ascn.models import City, Dataset, Partner, Partnership, Project, StatusUpdate
from ascn.problems import YearOutOfRange
from ascn.reference import (
    FOCUS_AREA_LABELS,
    MEMBER_STATES,
    PARTNER_KIND_LABELS,
    STATUS_LABELS,
    FocusArea,
    PartnerKind,
    Status,
)

NOT_REPORTED = tl.NOT_REPORTED
INTERNATIONAL = "international"
# Status buckets of the portfolio, in reporting order; removed projects are not in it.
STATUS_BUCKETS: tuple[str, ...] = (
    Status.PLANNING.value,
    Status.PLANNING_OR_ONGOING.value,
    Status.ONGOING.value,
    Status.COMPLETED.value,
    NOT_REPORTED,
)
BUCKET_LABELS: dict[str, str] = {
    **{status.value: label for status, label in STATUS_LABELS.items()},
    NOT_REPORTED: "Not reported",
}
# Short labels for charts, legends and status histories.
BUCKET_SHORT: dict[str, str] = {
    "planning": "Planning",
    "planning-or-ongoing": "Planning or ongoing",
    "ongoing": "Ongoing",
    "completed": "Completed",
    "removed": "Removed",
    NOT_REPORTED: "Not reported",
}
BREAKDOWNS = ("focus-area", "status", "country", "city", "partner-kind")


@dataclass(frozen=True)
class ProjectFigures:
    """The project portfolio in one year."""

    total: int
    reported: int
    new: int
    completed: int
    removed: int
    by_status: Mapping[str, int]
    by_focus_area: Mapping[str, int]
    by_country: Mapping[str, int]
    by_city: Mapping[str, int]


@dataclass(frozen=True)
class PartnershipFigures:
    """Active partnerships in one year; `undated` ones (no start year) are in no total."""

    total: int
    new: int
    undated: int
    by_partner_kind: Mapping[str, int]
    by_partner_country: Mapping[str, int]


@dataclass(frozen=True)
class YearFigures:
    """Everything counted as of one year."""

    year: int
    cities: int
    new_cities: int
    projects: ProjectFigures
    partnerships: PartnershipFigures


@dataclass(frozen=True)
class Progress:
    """Figures for a year and for the year before (None when the network did not exist yet)."""

    current: YearFigures
    previous: YearFigures | None

    @property
    def year(self) -> int:
        """The year the figures are for."""
        return self.current.year


@dataclass(frozen=True)
class Row:
    """One line of a breakdown: a key, its label, this year's and last year's count."""

    key: str
    label: str
    value: int
    previous: int | None
    total: int


def status_for(project: Project, year: int) -> StatusUpdate | None:
    """The project's update for `year`, if it has one."""
    return project.update_by_year.get(year)


def last_known(project: Project, year: int) -> StatusUpdate | None:
    """The project's latest update before `year`, if any."""
    earlier = [u for u in project.updates if u.year < year]
    return max(earlier, key=lambda u: u.year) if earlier else None


def history(project: Project, year: int) -> list[StatusUpdate]:
    """The project's updates up to and including `year`, oldest first."""
    return sorted((u for u in project.updates if u.year <= year), key=lambda u: u.year)


def first_year_with(project: Project, status: Status) -> int | None:
    """The year of the project's first update with `status`, if any."""
    return project.first_year_by_status.get(status)


def in_portfolio(project: Project, year: int) -> bool:
    """Whether the project is in the portfolio in `year` (listed and not yet removed)."""
    removed = first_year_with(project, Status.REMOVED)
    return project.first_listed <= year and (removed is None or removed > year)


def bucket(project: Project, year: int) -> str:
    """The project's status slug in `year` (completion carries forward), or `not-reported`.

    Completion is final: a focal point does not re-record it every year, so a project
    completed in 2025 counts as completed in 2026 (removal is final too, through
    `in_portfolio`).
    """
    update = status_for(project, year)
    if update is not None:
        return update.status.value
    completed = first_year_with(project, Status.COMPLETED)
    return Status.COMPLETED.value if completed is not None and completed < year else NOT_REPORTED


def is_member(city: City, year: int) -> bool:
    """Whether the city is a member of the network in `year`."""
    return city.joined <= year


def is_active(partnership: Partnership, year: int) -> bool:
    """Whether the partnership runs in `year`; never for one without a start year."""
    if partnership.since is None or partnership.since > year:
        return False
    return partnership.until is None or partnership.until >= year


def partnerships(ds: Dataset) -> Iterator[tuple[Partner, Partnership]]:
    """Every partnership with its partner, in file order."""
    for _, partner, _, partnership in ds.partnerships():
        yield partner, partnership


def data_years(ds: Dataset, lines: Sequence[Timeline] | None = None) -> tuple[int, int]:
    """The first and last year the data covers, else YearOutOfRange (`lines`: the timelines)."""
    years: set[int] = {c.joined for c in ds.cities.values()}
    if lines is None:
        for _, _, project in ds.projects():
            years.add(project.first_listed)
            years.update(u.year for u in project.updates)
    for t in lines or ():
        years.add(t.listed)
        years.update(t.statuses)  # every year with an update
    years.update(p.since for _, p in partnerships(ds) if p.since is not None)
    if ds.network is not None:
        years.add(ds.network.founded)
        years.update(y.year for y in ds.network.years)
    if not years:
        raise YearOutOfRange("the dataset names no year at all: there is nothing to count")
    first = ds.network.founded if ds.network is not None else min(years)
    return first, max(years)


def default_year(ds: Dataset) -> int:
    """The latest year with a reported status, else the last year of the data."""
    reported = [
        u.year for _, _, p in ds.projects() for u in p.updates if u.status is not Status.REMOVED
    ]
    return max(reported, default=data_years(ds)[1])


def check_year(ds: Dataset, year: int, span: tuple[int, int] | None = None) -> tuple[int, int]:
    """The data's years (`span` if given); YearOutOfRange unless they cover `year`."""
    first, last = data_years(ds) if span is None else span
    if not first <= year <= last:
        raise YearOutOfRange(
            f"no figures for {year}: the data covers {first} (the network's founding) "
            f"to {last} (the latest year in the data)"
        )
    return first, last


def _counts(keys: Iterable[str], zero: Iterable[str] = ()) -> dict[str, int]:
    counts = dict.fromkeys(zero, 0)
    counts.update(Counter(keys))
    return dict(sorted(counts.items()))


def project_figures(
    ds: Dataset, year: int, lines: Sequence[Timeline] | None = None
) -> ProjectFigures:
    """The portfolio in `year`: totals and breakdowns (`lines`: the timelines, if built)."""
    countries = {city_id: city.country for city_id, city in ds.cities.items()}
    everything = timelines(ds) if lines is None else lines
    portfolio = [t for t in everything if t.in_portfolio(year)]
    buckets = [t.bucket(year) for t in portfolio]
    # Each breakdown counted from a list (Counter counts a list in C, not a generator).
    cities = [t.plan.city for t in portfolio]
    members = [c for c in ds.cities.values() if is_member(c, year)]
    return ProjectFigures(
        total=len(portfolio),
        # list.count runs in C; a generator summed per project was a third of this function
        reported=len(buckets) - buckets.count(NOT_REPORTED),
        new=[t.listed for t in portfolio].count(year),
        completed=[t.completed for t in portfolio].count(year),
        removed=[t.removed for t in everything].count(year),
        by_status=_counts(buckets, STATUS_BUCKETS),
        by_focus_area=_counts([AREA_SLUGS[t.project.focus_area] for t in portfolio], FocusArea),
        by_country=_counts(
            [countries.get(city, "unknown") for city in cities], (c.country for c in members)
        ),
        by_city=_counts(cities, (c.id for c in members)),
    )


# Each focus area's slug, as `str(area)` gives it, by a dict lookup.
AREA_SLUGS: dict[FocusArea, str] = {area: str(area) for area in FocusArea}


def status_series(
    ds: Dataset, first: int, last: int, lines: Sequence[Timeline] | None = None
) -> dict[int, Counter[str]]:
    """The portfolio by status bucket for every year from `first` to `last`, in one pass.

    The same counts as `project_figures(ds, year).by_status` for each year, without
    the other breakdowns: the report's projects-per-year chart needs only these.
    """
    counts: dict[int, Counter[str]] = {year: Counter() for year in range(first, last + 1)}
    carried = Status.COMPLETED.value
    for t in timelines(ds) if lines is None else lines:
        end = last if t.removed is None else min(last, t.removed - 1)
        statuses, completed = t.statuses, t.completed
        for year in range(max(first, t.listed), end + 1):
            # `t.bucket(year)` written out: this loop runs for every project and year.
            status = statuses.get(year)
            if status is None:
                done = completed is not None and completed < year
                status = carried if done else NOT_REPORTED
            counts[year][status] += 1
    return counts


def partnership_figures(ds: Dataset, year: int) -> PartnershipFigures:
    """Partnerships active in `year`, new in it, and by the partner's kind and country."""
    active = [(partner, p) for partner, p in partnerships(ds) if is_active(p, year)]
    return PartnershipFigures(
        total=len(active),
        new=sum(1 for _, p in active if p.since == year),
        undated=sum(1 for _, p in partnerships(ds) if p.since is None),
        by_partner_kind=_counts((partner.kind.value for partner, _ in active), PartnerKind),
        by_partner_country=_counts(partner.country or INTERNATIONAL for partner, _ in active),
    )


def year_figures(ds: Dataset, year: int, lines: Sequence[Timeline] | None = None) -> YearFigures:
    """All figures as of `year` (the year is not range-checked here)."""
    return YearFigures(
        year=year,
        cities=sum(1 for c in ds.cities.values() if is_member(c, year)),
        new_cities=sum(1 for c in ds.cities.values() if c.joined == year),
        projects=project_figures(ds, year, lines),
        partnerships=partnership_figures(ds, year),
    )


def progress(
    ds: Dataset,
    year: int | None = None,
    lines: Sequence[Timeline] | None = None,
    span: tuple[int, int] | None = None,
) -> Progress:
    """Figures for `year` (default: the latest reported year) and for the year before.

    A caller with the timelines and `data_years` passes them (`lines`, `span`).
    """
    year = default_year(ds) if year is None else year
    first, _ = check_year(ds, year, span)
    lines = timelines(ds) if lines is None else lines
    previous = year_figures(ds, year - 1, lines) if year > first else None
    return Progress(current=year_figures(ds, year, lines), previous=previous)


def _figures_dict(figures: YearFigures) -> dict[str, Any]:
    return {
        "year": figures.year,
        "cities": figures.cities,
        "new_cities": figures.new_cities,
        "projects": {**vars(figures.projects)},
        "partnerships": {**vars(figures.partnerships)},
    }


def progress_document(result: Progress) -> dict[str, Any]:
    """The JSON document of `ascn progress --format json` (DESIGN.md section 4)."""
    previous = _figures_dict(result.previous) if result.previous else None
    return {"version": 1, **_figures_dict(result.current), "previous": previous}


def _labels(ds: Dataset, by: str) -> Mapping[str, str]:
    if by == "focus-area":
        return {a.value: label for a, label in FOCUS_AREA_LABELS.items()}
    if by == "status":
        return BUCKET_LABELS
    if by == "city":
        return {c.id: c.name for c in ds.cities.values()}
    if by == "partner-kind":
        return {k.value: label for k, label in PARTNER_KIND_LABELS.items()}
    names = {**MEMBER_STATES, "unknown": "Unknown (no city file)"}
    names.update({c.iso2: c.name for c in ds.countries.values()})
    return names


def _breakdown(figures: YearFigures, by: str) -> Mapping[str, int]:
    return {
        "focus-area": figures.projects.by_focus_area,
        "status": figures.projects.by_status,
        "country": figures.projects.by_country,
        "city": figures.projects.by_city,
        "partner-kind": figures.partnerships.by_partner_kind,
    }[by]


def _order(by: str, keys: Iterable[str], labels: Mapping[str, str]) -> list[str]:
    fixed = {"focus-area": list(FocusArea), "status": STATUS_BUCKETS, "partner-kind": PartnerKind}
    if by in fixed:
        return [str(k) for k in fixed[by] if k in set(keys)]
    return sorted(keys, key=lambda k: (labels.get(k, k).casefold(), k))


def rows(ds: Dataset, result: Progress, by: str) -> list[Row]:
    """The breakdown `by` (one of BREAKDOWNS) as rows with last year's counts beside them.

    Status changes are left out (None) when the year before had no reported status at
    all: a jump from "nothing reported" is not progress.
    """
    current = _breakdown(result.current, by)
    before = _breakdown(result.previous, by) if result.previous else None
    if by == "status" and result.previous and result.previous.projects.reported == 0:
        before = None
    labels = _labels(ds, by)
    total = sum(current.values())
    keys = _order(by, set(current) | set(before or {}), labels)
    return [Row(k, labels.get(k, k), current.get(k, 0), _get(before, k), total) for k in keys]


def _get(counts: Mapping[str, int] | None, key: str) -> int | None:
    return None if counts is None else counts.get(key, 0)


def signed(change: int | None) -> str:
    """A change as `+3`, `-2`, `0`, or an en dash when there is nothing to compare with."""
    if change is None:
        return "\u2013"
    return f"{change:+d}" if change else "0"


def change(now: int, before: int | None) -> int | None:
    """The difference from the year before, None when there is no year before."""
    return None if before is None else now - before


def percent(part: int, whole: int) -> str:
    """`part` as a whole-number percentage of `whole` (an en dash when whole is 0)."""
    # Integer arithmetic rounds halves up (round() would round 2.5 to 2).
    return f"{(200 * part + whole) // (2 * whole)}%" if whole else "\u2013"
