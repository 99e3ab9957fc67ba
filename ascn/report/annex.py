"""The report's data-quality annex and the sources it cites (pure).

The annex says what the year's totals leave out and why, which statuses the sources leave
open, and lists validation warnings, so that no figure in the report hides a gap.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ascn.figures import progress as pg
from ascn.figures.timeline import Timeline
from ascn.models import Dataset, Partner, Partnership
from ascn.problems import Problem, Severity
from ascn.reference import Status


@dataclass(frozen=True)
class AnnexItem:
    """A data-quality note: its title, what was done and why, and the records concerned."""

    title: str
    text: str
    items: list[str]


@dataclass(frozen=True)
class WarningLine:
    """A validation warning with its place as file:line:column."""

    where: str
    code: str
    message: str


@dataclass(frozen=True)
class SourceLine:
    """A document that facts in the report come from."""

    id: str
    title: str
    url: str
    as_of: str


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _partnership(ds: Dataset, partner: Partner, p: Partnership) -> str:
    where = ds.city_name(p.city) if p.city else "network-wide"
    return f"{partner.name}: {p.topic} ({where}; {p.id})"


def _sorted(lines: Iterable[str]) -> list[str]:
    """By `(line.casefold(), line)`: sorted by the line, then (stably) by its casefold, which
    needs no key tuple per line."""
    return sorted(sorted(lines), key=str.casefold)


def _left_out_projects(ds: Dataset, lines: Sequence[Timeline], year: int) -> Iterator[AnnexItem]:
    removed = [
        f"{ds.city_name(t.plan.city)}: {t.project.title} (removed in {y})"
        for t in lines
        if (y := t.removed) is not None and y <= year
    ]
    if removed:
        yield AnnexItem(
            f"Projects removed from the plans in or before {year}",
            "Not in the portfolio from the year they were removed on.",
            _sorted(removed),
        )
    later = sum(1 for t in lines if t.listed > year)
    if later:
        yield AnnexItem(
            f"Projects first listed after {year}",
            f"{_plural(later, 'project was', 'projects were')} first listed after {year} "
            "and not counted.",
            [],
        )


def _left_out_members(ds: Dataset, year: int) -> Iterator[AnnexItem]:
    later = sorted((c for c in ds.cities.values() if c.joined > year), key=lambda c: c.joined)
    if later:
        yield AnnexItem(
            f"Cities that joined after {year}",
            "Not members yet in this year, so not counted.",
            [f"{c.name} (joined {c.joined})" for c in later],
        )


def _left_out_partnerships(ds: Dataset, year: int) -> Iterator[AnnexItem]:
    every = list(pg.partnerships(ds))
    undated = _sorted(_partnership(ds, partner, p) for partner, p in every if p.since is None)
    if undated:
        yield AnnexItem(
            "Partnerships without a start year",
            "Left out of every yearly total: without a start year a partnership cannot be "
            "placed in a year.",
            undated,
        )
    later = sum(1 for _, p in every if p.since is not None and p.since > year)
    if later:
        yield AnnexItem(
            f"Partnerships begun after {year}",
            f"{_plural(later, 'partnership begins', 'partnerships begin')} after {year} "
            "and not counted.",
            [],
        )
    ended = [(partner, p) for partner, p in every if p.until is not None and p.until < year]
    if ended:
        yield AnnexItem(
            f"Partnerships that ended before {year}",
            "Not active in this year, so not counted.",
            _sorted(_partnership(ds, partner, p) for partner, p in ended),
        )


def _statuses(ds: Dataset, lines: Sequence[Timeline], year: int) -> Iterator[AnnexItem]:
    buckets = [(t, t.bucket(year)) for t in lines if t.in_portfolio(year)]
    open_status = _sorted(
        f"{ds.city_name(t.plan.city)}: {t.project.title}"
        for t, status in buckets
        if status == Status.PLANNING_OR_ONGOING.value
    )
    if open_status:
        yield AnnexItem(
            "Statuses the sources leave open",
            "Counted in their own bucket, planning or ongoing, and never guessed.",
            open_status,
        )
    missing = sum(1 for _, status in buckets if status == pg.NOT_REPORTED)
    if missing:
        are = "is" if missing == 1 else "are"
        yield AnnexItem(
            f"Projects without a status for {year}",
            f"{_plural(missing, 'project', 'projects')} of the portfolio {are} counted as "
            f"not reported: the data has no status update for {year} for "
            f"{'it' if missing == 1 else 'them'}.",
            [],
        )


def annex(ds: Dataset, year: int, lines: Sequence[Timeline]) -> list[AnnexItem]:
    """What the totals for `year` leave out and why, and the statuses left open.

    `lines` are the dataset's timelines (`ascn.figures.timeline.timelines`).
    """
    return [
        *_left_out_partnerships(ds, year),
        *_left_out_projects(ds, lines, year),
        *_left_out_members(ds, year),
        *_statuses(ds, lines, year),
    ]


def warnings(problems: Iterable[Problem]) -> list[WarningLine]:
    """The validation warnings, in file, line and column order."""
    return [
        WarningLine(f"{p.file}:{p.line}:{p.column}", p.code, p.message)
        for p in sorted(problems)
        if p.severity is Severity.WARNING
    ]


def _cited(ds: Dataset, year: int) -> set[str]:
    refs: set[str] = set()
    if ds.network:
        refs.update(ds.network.sources)
        refs.update(s for y in ds.network.years if y.year <= year for s in y.sources)
    for city in ds.cities.values():
        if pg.is_member(city, year):
            country = ds.countries.get(city.country.lower())
            refs.update(city.sources + (country.sources if country else []))
    for plan in ds.plans.values():
        listed = [p for p in plan.projects if p.first_listed <= year]
        if listed:
            refs.update(plan.sources)
        refs.update(s for p in listed for s in p.sources)
    for partner, partnership in pg.partnerships(ds):
        if pg.is_active(partnership, year):
            refs.update(partner.sources + partnership.sources)
    return refs


def sources(ds: Dataset, year: int) -> list[SourceLine]:
    """The documents cited by the records the report for `year` draws on, by id."""
    lines = []
    for ref in sorted(_cited(ds, year)):
        source = ds.sources.get(ref)
        if source is None:  # a public URL given in place of a source id
            lines.append(SourceLine(ref, ref, ref if ref.startswith("http") else "", ""))
        else:
            lines.append(SourceLine(ref, source.title, source.url or "", source.as_of or ""))
    return lines
