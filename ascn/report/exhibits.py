"""The official report's exhibits and the report's other tables beyond the breakdowns (pure).

Exhibit 1 (focus-area shares) is a breakdown in `contents`; here are Exhibit 2 (every city's
projects by focus area, with each status as a shape and a word), Exhibit 3 (status by
country), the trends from the founding to Y, the status changes since Y-1, and partners
split into external partners and agencies of the member states. Every function makes one
pass over the records (no per-city rescans), so a 1,000-city report stays linear.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ascn.figures import progress as pg
from ascn.figures.timeline import Timeline
from ascn.models import Dataset
from ascn.reference import FOCUS_AREA_LABELS, MEMBER_STATES, FocusArea
from ascn.report import cityview

# Shapes tell the statuses apart without colour (Exhibit 2, legends); each comes with a word.
STATUS_SHAPES: dict[str, str] = {
    "planning": "○",
    "planning-or-ongoing": "◇",
    "ongoing": "▲",
    "completed": "●",
    "removed": "\u00d7",
    pg.NOT_REPORTED: "?",
}


def largest_remainder(values: Sequence[int]) -> list[int]:
    """Whole-number percentages of `values` that add up to exactly 100 (all 0 if the sum is 0).

    Hamilton's method: floor every share, then give the points left over to the largest
    remainders (ties to the earlier value, so the result is deterministic).
    """
    whole = sum(values)
    if not whole:
        return [0] * len(values)
    floors = [100 * v // whole for v in values]
    remainders = sorted(range(len(values)), key=lambda i: (-(100 * values[i] % whole), i))
    for i in remainders[: 100 - sum(floors)]:
        floors[i] += 1
    return floors


@dataclass(frozen=True)
class Mark:
    """The projects of one status in an overview cell: a shape per project, and in words."""

    status: str
    shapes: str  # one shape per project: "▲▲"
    text: str  # "2 ongoing"


@dataclass(frozen=True)
class OverviewCell:
    """A city's projects in one focus area: their marks, and all of them in words."""

    marks: Sequence[Mark]
    text: str  # "2 ongoing, 1 completed"


@dataclass(frozen=True)
class OverviewRow:
    """One city's line of Exhibit 2: its projects' marks under each focus area."""

    city_id: str
    city: str
    country: str
    cells: Sequence[OverviewCell]  # one per focus area, in FocusArea order


def _cell(counts: Sequence[int]) -> OverviewCell:
    """The cell of projects counted by status (in `STATUS_BUCKETS` order)."""
    marks = [
        Mark(s, STATUS_SHAPES[s] * n, f"{n} {pg.BUCKET_SHORT[s].lower()}")
        for s, n in zip(pg.STATUS_BUCKETS, counts, strict=True)
        if n
    ]
    return OverviewCell(marks, ", ".join(m.text for m in marks))


def overview(cities: Iterable[cityview.CitySection]) -> list[OverviewRow]:
    """Exhibit 2: every member city's projects by focus area, each with its status."""
    index = {label: i for i, label in enumerate(FOCUS_AREA_LABELS.values())}
    slots = {status: i for i, status in enumerate(pg.STATUS_BUCKETS)}
    # Cells with equal counts are equal and frozen, so one is built and shared: most of the
    # 6,000 cells at 1,000 cities are a few patterns ("1 ongoing", empty).
    made: dict[tuple[int, ...], OverviewCell] = {}
    rows = []
    for city in cities:
        counts = [[0] * len(slots) for _ in FocusArea]
        for pr in city.projects:
            if (slot := slots.get(pr.status)) is not None:
                counts[index[pr.focus_area]][slot] += 1
        cells = []
        for count in map(tuple, counts):
            cell = made.get(count)
            cells.append(cell if cell is not None else made.setdefault(count, _cell(count)))
        rows.append(OverviewRow(city.id, city.name, city.country, cells))
    return rows


@dataclass(frozen=True)
class CountryStatus:
    """Exhibit 3: one member state's portfolio by status."""

    country: str
    cities: int
    counts: Sequence[int]  # in pg.STATUS_BUCKETS order
    total: int


def status_by_country(cities: Iterable[cityview.CitySection]) -> list[CountryStatus]:
    """Exhibit 3: the portfolio of each member state by status, then a total line."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    members: Counter[str] = Counter()
    for city in cities:
        members[city.country] += 1
        counts[city.country].update(pr.status for pr in city.projects)
    rows = [
        CountryStatus(
            country,
            members[country],
            [counts[country][b] for b in pg.STATUS_BUCKETS],
            sum(counts[country].values()),
        )
        for country in sorted(members, key=str.casefold)
    ]
    totals = [sum(r.counts[i] for r in rows) for i in range(len(pg.STATUS_BUCKETS))]
    return [*rows, CountryStatus("All member states", sum(members.values()), totals, sum(totals))]


@dataclass(frozen=True)
class TrendYear:
    """Members, portfolio and active partnerships in one year (None: not yet counted)."""

    year: int
    members: int
    projects: int
    reported: int
    partnerships: int


def trends(
    ds: Dataset, first: int, last: int, by_status: Mapping[int, Counter[str]]
) -> list[TrendYear]:
    """Members, portfolio size, reported projects and partnerships for each year first..last.

    `by_status` is `progress.status_series(ds, first, last)`, which the caller also charts.
    """
    years = range(first, last + 1)
    joined = Counter(c.joined for c in ds.cities.values())
    members = {y: sum(n for j, n in joined.items() if j <= y) for y in years}
    active: Counter[int] = Counter()
    for _, p in pg.partnerships(ds):
        if p.since is not None:
            end = last if p.until is None else min(last, p.until)
            active.update(range(max(first, p.since), end + 1))
    return [
        TrendYear(
            y,
            members[y],
            sum(by_status[y].values()),
            sum(by_status[y].values()) - by_status[y][pg.NOT_REPORTED],
            active[y],
        )
        for y in years
    ]


class StatusChange(NamedTuple):
    """A project whose status in Y differs from its status in Y-1.

    A named tuple, like `cityview.ProjectLine`: thousands are built per report.
    """

    city: str
    title: str
    focus_area: str
    before: str
    after: str
    after_status: str


def status_changes(ds: Dataset, lines: Sequence[Timeline], year: int) -> list[StatusChange]:
    """Projects reported in both Y-1 and Y with a different status (none if Y-1 had none)."""
    changes = []
    for t in lines:
        now, before = t.statuses.get(year), t.statuses.get(year - 1)
        if now is None or before is None or now == before:
            continue
        changes.append(
            StatusChange(
                ds.city_name(t.plan.city),
                t.project.title,
                FOCUS_AREA_LABELS[t.project.focus_area],
                pg.BUCKET_SHORT[before],
                pg.BUCKET_SHORT[now],
                now,
            )
        )
    return sorted(changes, key=lambda c: (c.city.casefold(), c.title.casefold()))


@dataclass(frozen=True)
class PartnerRow:
    """One partner with its active partnerships: how many, and where (cities, network-wide)."""

    partner: str
    kind: str
    country: str
    count: int
    where: str


@dataclass(frozen=True)
class PartnerGroup:
    """Active partnerships of one group: external partners, or partners from member states."""

    key: str
    label: str
    partnerships: Sequence[cityview.PartnershipLine]
    partners: Sequence[PartnerRow]  # one row per partner, by name


def _partner_rows(lines: Sequence[cityview.PartnershipLine]) -> list[PartnerRow]:
    by_partner: dict[str, list[cityview.PartnershipLine]] = {}
    for line in lines:
        by_partner.setdefault(line.partner, []).append(line)
    return [
        PartnerRow(
            name,
            group[0].kind,
            group[0].partner_country,
            len(group),
            ", ".join(sorted({x.city for x in group}, key=str.casefold)),
        )
        for name, group in by_partner.items()
    ]


def _partner_order(line: cityview.PartnershipLine) -> tuple[str, int, str]:
    return (line.partner.casefold(), line.since or 0, line.id)


def partner_groups(ds: Dataset, year: int) -> list[PartnerGroup]:
    """Active partnerships split by whether the partner is from an ASEAN member state.

    Partners from a member state (national agencies above all) support their own network;
    external partners are those from outside ASEAN or international organisations.
    """
    external: list[cityview.PartnershipLine] = []
    national: list[cityview.PartnershipLine] = []
    for partner, p in pg.partnerships(ds):
        if pg.is_active(p, year):
            line = cityview.partnership_line(ds, partner, p)
            (national if partner.country in MEMBER_STATES else external).append(line)
    groups = []
    for key, label, lines in (
        ("external", "External partners", external),
        ("member-states", "Partners from ASEAN member states", national),
    ):
        ordered = sorted(lines, key=_partner_order)
        groups.append(PartnerGroup(key, label, ordered, _partner_rows(ordered)))
    return groups
