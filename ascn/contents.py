"""What the annual report says for a year, as plain data for the templates (pure).

Everything here is computed from a validated dataset under the year rules in `progress`;
lists are sorted here, so templates only lay them out. Values stay unescaped text: the
renderer escapes them for Markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from ascn import annex as quality
from ascn import progress as pg
from ascn.countrynames import ISO_COUNTRY_NAMES
from ascn.models import Dataset, Money, Partner, Partnership, Plan, Project
from ascn.problems import Problem
from ascn.provenance import Provenance
from ascn.reference import FOCUS_AREA_LABELS, MEMBER_STATES, PARTNER_KIND_LABELS, Status

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
class YearStatus:
    """One entry of a project's status history."""

    year: int
    status: str
    label: str


@dataclass(frozen=True)
class ProjectLine:
    """A project as the report shows it in year Y."""

    id: str
    title: str
    city: str
    country: str
    focus_area: str
    first_listed: int
    status: str
    status_label: str
    last_known: str
    note: str
    history: Sequence[YearStatus]


@dataclass(frozen=True)
class PartnershipLine:
    """A partnership as the report shows it."""

    id: str
    partner: str
    kind: str
    partner_country: str
    city: str
    topic: str
    focus_area: str
    since: int | None
    until: int | None
    commitment: str


@dataclass(frozen=True)
class CitySection:
    """One member city's page."""

    id: str
    name: str
    country: str
    joined: int
    new: bool
    vision: str
    focus_areas: Sequence[str]
    focus_areas_recorded: bool
    projects: Sequence[ProjectLine]
    partnerships: Sequence[PartnershipLine]


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
    new_projects: Sequence[ProjectLine]
    completed_projects: Sequence[ProjectLine]
    not_reported: Sequence[ProjectLine]
    new_partnerships: Sequence[PartnershipLine]
    network_partnerships: Sequence[PartnershipLine]
    cities: Sequence[CitySection]
    warnings: Sequence[quality.WarningLine]
    annex: Sequence[quality.AnnexItem]
    sources: Sequence[quality.SourceLine]
    provenance: Provenance


def country_name(ds: Dataset, code: str | None) -> str:
    """A country's name from the dataset, the member states or ISO 3166; 'International'."""
    if code is None or code == pg.INTERNATIONAL:
        return "International"
    country = ds.countries.get(code.lower())
    if country is not None:
        return country.name
    return MEMBER_STATES.get(code) or ISO_COUNTRY_NAMES.get(code, code)


def figure_rows(rows: Iterable[pg.Row]) -> list[FigureRow]:
    """Breakdown rows with the change from the year before and the share of the total."""
    return [
        FigureRow(
            r.key,
            r.label,
            r.value,
            r.previous,
            pg.signed(pg.change(r.value, r.previous)),
            pg.percent(r.value, r.total),
        )
        for r in rows
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


def key_figures_rows(result: pg.Progress) -> list[FigureRow]:
    """The network overview figures for the year and the year before, with the change."""
    rows = []
    for key, label, get, needs in KEY_FIGURES:
        now, before = _known(result.current, get, needs), _known(result.previous, get, needs)
        change = None if now is None or before is None else now - before
        text = label.format(year=result.year)
        rows.append(FigureRow(key, text, now, before, pg.signed(change), ""))
    return rows


def _status_label(status: str) -> str:
    return pg.BUCKET_LABELS.get(status, status)


def _sort_key(line: ProjectLine) -> tuple[str, str, str]:
    return (line.city.casefold(), line.title.casefold(), line.id)


def project_line(ds: Dataset, plan: Plan, project: Project, year: int) -> ProjectLine:
    """The project as of `year`: its status (or not reported, with the last known one)."""
    city = ds.cities.get(plan.city)
    update = pg.status_for(project, year)
    before = pg.last_known(project, year)
    status = pg.bucket(project, year)
    last = f"{_status_label(before.status.value)} ({before.year})" if before else ""
    return ProjectLine(
        id=project.id,
        title=project.title,
        city=ds.city_name(plan.city),
        country=country_name(ds, city.country if city else None),
        focus_area=FOCUS_AREA_LABELS[project.focus_area],
        first_listed=project.first_listed,
        status=status,
        status_label=_status_label(status),
        last_known="" if update else last,
        note=(update.note or "") if update else "",
        history=[
            YearStatus(u.year, u.status.value, pg.BUCKET_SHORT[u.status.value])
            for u in pg.history(project, year)
        ],
    )


def _projects(ds: Dataset, year: int, keep: Callable[[Project], bool]) -> list[ProjectLine]:
    lines = [project_line(ds, plan, p, year) for plan, _, p in ds.projects() if keep(p)]
    return sorted(lines, key=_sort_key)


def _money(money: Money | None) -> str:
    if money is None:
        return ""
    amount = money.amount
    shown = f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"
    return f"{money.currency} {shown}"


def partnership_line(ds: Dataset, partner: Partner, partnership: Partnership) -> PartnershipLine:
    """A partnership with its partner's name, kind and country spelled out."""
    area = partnership.focus_area
    return PartnershipLine(
        id=partnership.id,
        partner=partner.name,
        kind=PARTNER_KIND_LABELS[partner.kind],
        partner_country=country_name(ds, partner.country),
        city=ds.city_name(partnership.city) if partnership.city else "Network-wide",
        topic=partnership.topic,
        focus_area=FOCUS_AREA_LABELS[area] if area else "",
        since=partnership.since,
        until=partnership.until,
        commitment=_money(partnership.commitment),
    )


def _partnerships(ds: Dataset, keep: Callable[[Partnership], bool]) -> list[PartnershipLine]:
    lines = [partnership_line(ds, partner, p) for partner, p in pg.partnerships(ds) if keep(p)]
    return sorted(lines, key=lambda p: (p.partner.casefold(), p.since or 0, p.id))


def _focus_areas(plan: Plan | None, projects: Sequence[Project]) -> tuple[list[str], bool]:
    recorded = bool(plan and plan.focus_areas)
    chosen = set(plan.focus_areas if plan and recorded else (p.focus_area for p in projects))
    return [label for area, label in FOCUS_AREA_LABELS.items() if area in chosen], recorded


def _city_partnerships(ds: Dataset, city_id: str, year: int) -> list[PartnershipLine]:
    return _partnerships(ds, lambda p: p.city == city_id and pg.is_active(p, year))


def _city_sections(ds: Dataset, year: int) -> list[CitySection]:
    members = [c for c in ds.cities.values() if pg.is_member(c, year)]
    sections = []
    for city in members:
        plan = ds.plans.get(city.id)
        projects = [p for p in plan.projects if pg.in_portfolio(p, year)] if plan else []
        areas, recorded = _focus_areas(plan, projects)
        lines = [project_line(ds, plan, p, year) for p in projects] if plan else []
        sections.append(
            CitySection(
                id=city.id,
                name=city.name,
                country=country_name(ds, city.country),
                joined=city.joined,
                new=city.joined == year,
                vision=(plan.vision or "") if plan else "",
                focus_areas=areas,
                focus_areas_recorded=recorded,
                projects=sorted(lines, key=_sort_key),
                partnerships=_city_partnerships(ds, city.id, year),
            )
        )
    return sorted(sections, key=lambda s: (s.country.casefold(), s.name.casefold(), s.id))


def _network_year(ds: Dataset, year: int) -> NetworkYear | None:
    entry = next((y for y in ds.network.years if y.year == year), None) if ds.network else None
    if entry is None:
        return None
    meeting = entry.annual_meeting

    def who(code: str | None) -> str:
        return f"{country_name(ds, code)} ({code})" if code else ""

    return NetworkYear(
        chair=who(entry.chair),
        shepherd=who(entry.shepherd),
        meeting_date=meeting.date.isoformat() if meeting else "",
        meeting_place=meeting.place if meeting else "",
        meeting_mode=MODE_LABELS.get(meeting.mode.value, meeting.mode.value) if meeting else "",
        notes=entry.notes or "",
    )


def series(ds: Dataset, first: int, last: int) -> list[SeriesYear]:
    """The portfolio by status for every year from `first` to `last`."""
    result = []
    for year in range(first, last + 1):
        figures = pg.project_figures(ds, year)
        counts = [(s, figures.by_status.get(s, 0)) for s in pg.STATUS_BUCKETS]
        result.append(SeriesYear(year, figures.total, figures.reported > 0, counts))
    return result


def build(ds: Dataset, problems: Sequence[Problem], year: int, provenance: Provenance) -> Contents:
    """The contents of the annual report for `year` (YearOutOfRange outside the data)."""
    result = pg.progress(ds, year)
    first, _ = pg.data_years(ds)
    has_statuses = result.current.projects.reported > 0
    rows = {by: figure_rows(pg.rows(ds, result, by)) for by in pg.BREAKDOWNS}
    key_figures = key_figures_rows(result)
    years = [result.current] + ([result.previous] if result.previous else [])
    return Contents(
        year=year,
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
        series=series(ds, first, year),
        new_members=sorted(
            (
                f"{c.name} ({country_name(ds, c.country)})"
                for c in ds.cities.values()
                if c.joined == year
            ),
            key=str.casefold,
        ),
        new_projects=_projects(ds, year, lambda p: p.first_listed == year),
        completed_projects=_projects(
            ds, year, lambda p: pg.first_year_with(p, Status.COMPLETED) == year
        ),
        not_reported=_projects(
            ds, year, lambda p: pg.in_portfolio(p, year) and pg.bucket(p, year) == pg.NOT_REPORTED
        )
        if has_statuses
        else [],
        new_partnerships=_partnerships(ds, lambda p: p.since == year),
        network_partnerships=_partnerships(ds, lambda p: p.city is None and pg.is_active(p, year)),
        cities=_city_sections(ds, year),
        warnings=quality.warnings(problems),
        annex=quality.annex(ds, year),
        sources=quality.sources(ds, year),
        provenance=provenance,
    )


def _with_countries(ds: Dataset, rows: Iterable[FigureRow]) -> list[FigureRow]:
    """City rows with the city's country beside them, ordered by country and city."""
    grouped = []
    for row in rows:
        city = ds.cities.get(row.key)
        grouped.append(replace(row, group=country_name(ds, city.country if city else None)))
    return sorted(grouped, key=lambda r: (r.group.casefold(), r.label.casefold(), r.key))


def _partner_country_rows(ds: Dataset, result: pg.Progress) -> list[pg.Row]:
    now = result.current.partnerships.by_partner_country
    before = result.previous.partnerships.by_partner_country if result.previous else None
    total = sum(now.values())
    keys = sorted(set(now) | set(before or {}), key=lambda k: (-now.get(k, 0), country_name(ds, k)))
    return [
        pg.Row(
            k,
            country_name(ds, k),
            now.get(k, 0),
            None if before is None else before.get(k, 0),
            total,
        )
        for k in keys
    ]
