"""What the annual report says for a year, as plain data for the templates (pure).

Everything here is computed from a validated dataset under the year rules in `progress`;
lists are sorted here, so templates only lay them out. Values stay unescaped text: the
renderer escapes them for Markdown or HTML.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ascn.figures import progress as pg
from ascn.figures.pipeline import Pipeline, pipeline
from ascn.figures.reconcile import reconcile
from ascn.figures.timeline import timelines
from ascn.map import points_for, render_svg
from ascn.models import Dataset
from ascn.problems import Problem
from ascn.reference import FOCUS_AREA_LABELS
from ascn.report import annex as quality
from ascn.report import cityview, exhibits, reconciled, summary
from ascn.report.provenance import Provenance

MODE_LABELS = {"in-person": "in person", "online": "online"}


@dataclass(frozen=True)
class FigureRow:
    """A counted figure with last year's value, the change and its share of the total."""

    key: str
    label: str
    value: int | None  # None: not known in that year (no statuses reported)
    previous: int | None
    change: str
    share: str
    group: str = ""  # e.g. the country of a city


@dataclass(frozen=True)
class NetworkYear:
    """Who chaired and shepherded the network in Y, and its annual meeting."""

    chair: str
    shepherd: str
    meeting_date: str
    meeting_place: str
    meeting_mode: str
    notes: str


@dataclass(frozen=True)
class SeriesYear:
    """The portfolio of one year by status, for the 'projects per year' chart."""

    year: int
    total: int
    reported: bool
    by_status: Sequence[tuple[str, int]]


@dataclass(frozen=True)
class CityMap:
    """The map of the member cities in the report's year, with the new members marked."""

    dataset: Dataset = field(repr=False, compare=False)
    year: int
    founded: int

    @property
    def title(self) -> str:
        return f"Member cities of the network in {self.year}"

    def svg(self) -> str:
        """The map as escaped SVG (ascn.map), linked to the city pages. Its points are
        placed and drawn only by the formats that show it (HTML and PDF), in the process
        that renders them: 0.4 s at 10,000 cities off the contents both formats wait for."""
        points = points_for(self.dataset, self.year, href=lambda c: f"#city-{c.id}").points
        # In the founding year every city is new, so none is marked apart.
        new = frozenset(p.id for p in points if p.group and self.year > self.founded)
        return render_svg(points, title=self.title, highlight=new)


@dataclass(frozen=True)
class Contents:
    """Everything the annual report for `year` shows."""

    year: int
    network_name: str
    founded: int
    progress: pg.Progress
    has_statuses: bool
    network: NetworkYear | None
    key_figures: Sequence[FigureRow]
    completions_unknown: bool  # a compared year has no statuses at all
    by_status: Sequence[FigureRow]
    by_focus_area: Sequence[FigureRow]
    by_country: Sequence[FigureRow]
    by_city: Sequence[FigureRow]
    by_partner_kind: Sequence[FigureRow]
    by_partner_country: Sequence[FigureRow]
    series: Sequence[SeriesYear]
    new_members: Sequence[str]
    new_projects: Sequence[cityview.ProjectLine]
    completed_projects: Sequence[cityview.ProjectLine]
    not_reported: Sequence[cityview.ProjectLine]
    new_partnerships: Sequence[cityview.PartnershipLine]
    network_partnerships: Sequence[cityview.PartnershipLine]
    cities: Sequence[cityview.CitySection]
    warnings: Sequence[quality.WarningLine]
    annex: Sequence[quality.AnnexItem]
    sources: Sequence[quality.SourceLine]
    provenance: Provenance
    front: summary.FrontMatter
    key_messages: Sequence[summary.KeyMessage]
    narrative: Sequence[str]
    first_status_year: bool  # Y is the first year with statuses: completions are first reports
    overview: Sequence[exhibits.OverviewRow]
    by_country_status: Sequence[exhibits.CountryStatus]
    trends: Sequence[exhibits.TrendYear]
    status_changes: Sequence[exhibits.StatusChange]
    partner_groups: Sequence[exhibits.PartnerGroup]
    map: CityMap  # the member states and cities, new members marked (drawn by the HTML)
    reconciliation: Sequence[reconciled.ReconciledLine]
    # The investment pipeline annex; shown only when it has stages (ascn.figures.pipeline).
    pipeline: Pipeline

    @property
    def span(self) -> str:
        """The years the trends cover: `2018` to `2025` with an en dash; `2018` when founded."""
        return str(self.year) if self.founded == self.year else f"{self.founded}\u2013{self.year}"


def figure_rows(rows: Iterable[pg.Row], new: frozenset[str] = frozenset()) -> list[FigureRow]:
    """Breakdown rows with the change from the year before and the share of the total.

    Shares are rounded by largest remainder so that a column adds up to exactly 100%.
    Keys in `new` (members that joined in Y) have no previous value: "new member".
    """
    rows = list(rows)
    shares = exhibits.largest_remainder([r.value for r in rows])
    return [
        FigureRow(
            r.key,
            r.label,
            r.value,
            None if r.key in new else r.previous,
            "new member" if r.key in new else pg.signed(pg.change(r.value, r.previous)),
            f"{share}%" if any(x.value for x in rows) else "\u2013",
        )
        for r, share in zip(rows, shares, strict=True)
    ]


# The network overview: a key, a label ({year} is filled in), how to read it off a year's
# figures, and whether it needs reported statuses (without any, "0 completed" is no fact).
KEY_FIGURES: tuple[tuple[str, str, Callable[[pg.YearFigures], int], bool], ...] = (
    ("cities", "Member cities", lambda f: f.cities, False),
    ("new-cities", "Cities that joined in {year}", lambda f: f.new_cities, False),
    ("projects", "Projects in the portfolio", lambda f: f.projects.total, False),
    ("reported", "Projects with a status for {year}", lambda f: f.projects.reported, False),
    ("new-projects", "Projects first listed in {year}", lambda f: f.projects.new, False),
    ("completed", "Projects completed in {year}", lambda f: f.projects.completed, True),
    ("removed", "Projects removed from the plans in {year}", lambda f: f.projects.removed, False),
    ("partnerships", "Active partnerships", lambda f: f.partnerships.total, False),
    ("new-partnerships", "Partnerships begun in {year}", lambda f: f.partnerships.new, False),
)


def _known(
    figures: pg.YearFigures | None, get: Callable[[pg.YearFigures], int], needs: bool
) -> int | None:
    if figures is None or (needs and figures.projects.reported == 0):
        return None
    return get(figures)


# Figures about statuses: no change is shown against a year without any status.
STATUS_FIGURES = frozenset({"reported", "completed"})


def key_figures_rows(result: pg.Progress) -> list[FigureRow]:
    """The network overview figures for the year and the year before, with the change."""
    rows = []
    unknown_before = result.previous is None or result.previous.projects.reported == 0
    for key, label, get, needs in KEY_FIGURES:
        now, before = _known(result.current, get, needs), _known(result.previous, get, needs)
        change = None if now is None or before is None else now - before
        if key in STATUS_FIGURES and unknown_before:
            change = None
        text = label.format(year=result.year)
        rows.append(FigureRow(key, text, now, before, pg.signed(change), ""))
    return rows


def _network_year(ds: Dataset, year: int) -> NetworkYear | None:
    entry = next((y for y in ds.network.years if y.year == year), None) if ds.network else None
    if entry is None:
        return None
    meeting = entry.annual_meeting

    def who(code: str | None) -> str:
        return f"{cityview.country_name(ds, code)} ({code})" if code else ""

    return NetworkYear(
        chair=who(entry.chair),
        shepherd=who(entry.shepherd),
        meeting_date=meeting.date.isoformat() if meeting else "",
        meeting_place=meeting.place if meeting else "",
        meeting_mode=MODE_LABELS.get(meeting.mode.value, meeting.mode.value) if meeting else "",
        notes=entry.notes or "",
    )


def series(by_year: Mapping[int, Counter[str]]) -> list[SeriesYear]:
    """The portfolio by status for each year of `progress.status_series`."""
    result = []
    for year, by_status in by_year.items():
        total = sum(by_status.values())
        reported = total - by_status[pg.NOT_REPORTED] > 0
        counts = [(s, by_status[s]) for s in pg.STATUS_BUCKETS]
        result.append(SeriesYear(year, total, reported, counts))
    return result


def _new_keys(ds: Dataset, year: int) -> dict[str, frozenset[str]]:
    """Cities, and member states, with no member in Y-1: their rows say "new member"."""
    before = [c for c in ds.cities.values() if c.joined < year]
    now = [c for c in ds.cities.values() if c.joined <= year]
    old_countries = {c.country for c in before}
    return {
        "city": frozenset(c.id for c in now if c.joined == year),
        "country": frozenset(c.country for c in now if c.country not in old_countries),
    }


def build(
    ds: Dataset,
    problems: Sequence[Problem],
    year: int,
    provenance: Provenance,
    narrative: Sequence[str] = (),
) -> Contents:
    """The contents of the annual report for `year` (YearOutOfRange outside the data)."""
    lines = timelines(ds)  # each project's statuses, read once for every view below
    first, last = pg.data_years(ds, lines)
    result = pg.progress(ds, year, lines, (first, last))
    has_statuses = result.current.projects.reported > 0
    new = _new_keys(ds, year) if result.previous else {}
    rows = {
        by: figure_rows(pg.rows(ds, result, by), new.get(by, frozenset())) for by in pg.BREAKDOWNS
    }
    key_figures = key_figures_rows(result)
    years = [result.current] + ([result.previous] if result.previous else [])
    made = cityview.ProjectLines(ds, year)
    cities = cityview.city_sections(ds, lines, made)
    groups = exhibits.partner_groups(ds, year)
    focus_labels = {a.value: label for a, label in FOCUS_AREA_LABELS.items()}
    by_status = pg.status_series(ds, first, year, lines)
    return Contents(
        year=year,
        pipeline=pipeline(ds, year),
        network_name=ds.network.name if ds.network else "ASEAN Smart Cities Network",
        founded=first,
        progress=result,
        has_statuses=has_statuses,
        network=_network_year(ds, year),
        key_figures=key_figures,
        completions_unknown=any(f.projects.reported == 0 for f in years),
        by_status=rows["status"],
        by_focus_area=rows["focus-area"],
        by_country=rows["country"],
        by_city=_with_countries(ds, rows["city"]),
        by_partner_kind=rows["partner-kind"],
        by_partner_country=figure_rows(_partner_country_rows(ds, result)),
        series=series(by_status),
        new_members=sorted(
            (
                f"{c.name} ({cityview.country_name(ds, c.country)})"
                for c in ds.cities.values()
                if c.joined == year
            ),
            key=str.casefold,
        ),
        new_projects=cityview.projects(made, lines, lambda t: t.listed == year),
        completed_projects=cityview.projects(made, lines, lambda t: t.completed == year),
        not_reported=cityview.projects(
            made, lines, lambda t: t.in_portfolio(year) and t.bucket(year) == pg.NOT_REPORTED
        )
        if has_statuses
        else [],
        new_partnerships=cityview.partnerships(ds, lambda p: p.since == year),
        network_partnerships=cityview.partnerships(
            ds, lambda p: p.city is None and pg.is_active(p, year)
        ),
        cities=cities,
        warnings=quality.warnings(problems),
        annex=quality.annex(ds, year, lines),
        sources=quality.sources(ds, year),
        provenance=provenance,
        front=summary.front_matter(ds, year, provenance),
        key_messages=summary.key_messages(
            result, focus_labels, [len(g.partnerships) for g in groups]
        ),
        narrative=list(narrative),
        first_status_year=has_statuses
        and (result.previous is None or result.previous.projects.reported == 0),
        overview=exhibits.overview(cities),
        by_country_status=exhibits.status_by_country(cities),
        trends=exhibits.trends(ds, first, year, by_status),
        status_changes=exhibits.status_changes(ds, lines, year),
        partner_groups=groups,
        map=CityMap(ds, year, first),
        reconciliation=reconciled.lines(_comparisons(ds, year)),
    )


def _with_countries(ds: Dataset, rows: Iterable[FigureRow]) -> list[FigureRow]:
    """City rows with the city's country beside them, ordered by country and city."""
    grouped = []
    for r in rows:
        city = ds.cities.get(r.key)
        country = cityview.country_name(ds, city.country if city else None)
        # Built, not `dataclasses.replace`d: replace costs ten times as much (a row per city).
        grouped.append(FigureRow(r.key, r.label, r.value, r.previous, r.change, r.share, country))
    return sorted(grouped, key=lambda r: (r.group.casefold(), r.label.casefold(), r.key))


def _partner_country_rows(ds: Dataset, result: pg.Progress) -> list[pg.Row]:
    now = result.current.partnerships.by_partner_country
    before = result.previous.partnerships.by_partner_country if result.previous else None
    total = sum(now.values())
    keys = sorted(
        set(now) | set(before or {}), key=lambda k: (-now.get(k, 0), cityview.country_name(ds, k))
    )
    return [
        pg.Row(
            k,
            cityview.country_name(ds, k),
            now.get(k, 0),
            None if before is None else before.get(k, 0),
            total,
        )
        for k in keys
    ]


def _comparisons(ds: Dataset, year: int) -> list[reconciled.Comparison]:
    """The figures ASEAN published for `year` beside the dataset's values, in file order."""
    return list(reconcile(ds, year))
