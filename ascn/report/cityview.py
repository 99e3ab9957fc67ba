"""Projects, partnerships and city pages as the annual report shows them (pure).

Each line is plain text for the templates, computed as of a year under the rules in
`progress`; lists come back sorted so that templates only lay them out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from ascn.figures import progress as pg
from ascn.figures.timeline import SLUGS, Timeline
from ascn.models import Dataset, Money, Partner, Partnership, Plan, Project
from ascn.reference import FOCUS_AREA_LABELS, MEMBER_STATES, PARTNER_KIND_LABELS


@dataclass(frozen=True)
class YearStatus:
    """One entry of a project's status history."""

    year: int
    status: str
    label: str


class ProjectLine(NamedTuple):
    """A project as the report shows it in year Y.

    A named tuple (immutable too) rather than a frozen dataclass: one is built per project,
    and a frozen dataclass's `__init__` (4 us, a field at a time through `object.__setattr__`)
    was half the cost of a line.
    """

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
    # The history as one line, "2023 Planning · 2024 Ongoing": the city pages show it so,
    # and one escaped value per row costs a tenth of a loop over the entries.
    history_text: str


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
    published: bool = True  # False: the city has published no Smart City Action Plan
    vision_year: int | None = None
    headings: Sequence[str] = ()  # the plan's own focus-area headings, as printed
    targets: Sequence[str] = ()  # strategic targets, each with its year where printed


def country_name(ds: Dataset, code: str | None) -> str:
    """A country's name from the dataset, the member states or ISO 3166; 'International'."""
    if code is None or code == pg.INTERNATIONAL:
        return "International"
    country = ds.countries.get(code.lower())
    if country is not None:
        return country.name
    return MEMBER_STATES.get(code) or _iso_name(code)


def _iso_name(code: str) -> str:
    """The ISO 3166-1 short name from pycountry (kept current upstream), else the code."""
    import pycountry  # noqa: PLC0415 - loads its country database only when a report needs it

    country = pycountry.countries.get(alpha_2=code)
    return country.name if country is not None else code


def _status_label(status: str) -> str:
    return pg.BUCKET_LABELS.get(status, status)


def _sort_key(line: ProjectLine) -> tuple[str, str, str]:
    return (line.city.casefold(), line.title.casefold(), line.id)


def project_line(
    ds: Dataset, line: Timeline, year: int, place: tuple[str, str] | None = None
) -> ProjectLine:
    """The project as of `year`: its status (or not reported, with the last known one).

    `place` is the plan's city name and country when the caller has them (`_place`).
    """
    project = line.project
    city, country = _place(ds, line.plan) if place is None else place
    update = line.update_for(year)
    status = line.bucket(year)
    # The key of `line.history(year)`, built in one list comprehension (a generator is slower).
    history, history_text = _history(
        tuple([(u.year, SLUGS[u.status]) for u in line.updates if u.year <= year])
    )
    last = ""
    if update is None and (before := line.last_known(year)) is not None:
        last = f"{_status_label(SLUGS[before.status])} ({before.year})"
    return ProjectLine(
        id=project.id,
        title=project.title,
        city=city,
        country=country,
        focus_area=FOCUS_AREA_LABELS[project.focus_area],
        first_listed=line.listed,
        status=status,
        status_label=_status_label(status),
        last_known=last,
        note=(update.note or "") if update else "",
        history=history,
        history_text=history_text,
    )


# Few distinct histories recur across projects (a few years, five statuses); their entries
# are frozen, so each distinct history is built once and shared (a tuple, never changed):
# building 40,000 entries and their texts was a fifth of the contents at 1,000 cities.
@lru_cache(maxsize=4096)
def _history(entries: tuple[tuple[int, str], ...]) -> tuple[tuple[YearStatus, ...], str]:
    history = tuple(YearStatus(year, slug, pg.BUCKET_SHORT[slug]) for year, slug in entries)
    return history, " · ".join(f"{h.year} {h.label}" for h in history)


def _place(ds: Dataset, plan: Plan) -> tuple[str, str]:
    """The plan's city name and its country's name (the city id when there is no city file)."""
    city = ds.cities.get(plan.city)
    return ds.city_name(plan.city), country_name(ds, city.country if city else None)


class ProjectLines:
    """Project lines as of one year, each built once and shared by every list that shows it.

    A project is on its city's page and often in a list of changes too (not reported,
    completed, new): building its line once saves a seventh of the contents.
    """

    def __init__(self, ds: Dataset, year: int) -> None:
        self._ds, self.year = ds, year
        # Keyed by the timeline's id; the timeline is kept beside its line, so the id stays its.
        self._built: dict[int, tuple[Timeline, ProjectLine]] = {}

    def line(self, t: Timeline, place: tuple[str, str] | None = None) -> ProjectLine:
        """The line of the project of `t` (`place` as for `project_line`)."""
        built = self._built.get(id(t))
        if built is None:
            built = self._built[id(t)] = (t, project_line(self._ds, t, self.year, place))
        return built[1]


def projects(
    made: ProjectLines, lines: Sequence[Timeline], keep: Callable[[Timeline], bool]
) -> list[ProjectLine]:
    """The projects `keep` selects, as of the year of `made`, by city and title."""
    return sorted((made.line(t) for t in lines if keep(t)), key=_sort_key)


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


def partnerships(ds: Dataset, keep: Callable[[Partnership], bool]) -> list[PartnershipLine]:
    """The partnerships `keep` selects, by partner, start year and id."""
    lines = [partnership_line(ds, partner, p) for partner, p in pg.partnerships(ds) if keep(p)]
    return sorted(lines, key=lambda p: (p.partner.casefold(), p.since or 0, p.id))


def _focus_areas(plan: Plan | None, projects: Sequence[Project]) -> tuple[list[str], bool]:
    recorded = bool(plan and plan.focus_areas)
    chosen = set(plan.focus_areas if plan and recorded else (p.focus_area for p in projects))
    return [label for area, label in FOCUS_AREA_LABELS.items() if area in chosen], recorded


def _active_by_city(ds: Dataset, year: int) -> dict[str, list[PartnershipLine]]:
    """Partnerships active in `year`, grouped by city in one pass (not one pass per city)."""
    by_city: dict[str, list[PartnershipLine]] = {}
    for line, city in _active_lines(ds, year):
        by_city.setdefault(city, []).append(line)
    return by_city


def _active_lines(ds: Dataset, year: int) -> list[tuple[PartnershipLine, str]]:
    pairs = [
        (partnership_line(ds, partner, p), p.city)
        for partner, p in pg.partnerships(ds)
        if p.city is not None and pg.is_active(p, year)
    ]
    return sorted(
        pairs, key=lambda pair: (pair[0].partner.casefold(), pair[0].since or 0, pair[0].id)
    )


def _plan_statement(plan: Plan | None) -> dict[str, Any]:
    """The plan as stated: published or not, vision year, own headings, strategic targets."""
    if plan is None:
        return {}
    return {
        "published": plan.published,
        "vision_year": plan.vision.year if plan.vision else None,
        "headings": list(plan.focus_area_headings),
        "targets": [f"{t.text} ({t.year})" if t.year else t.text for t in plan.strategic_targets],
    }


def _by_plan(lines: Sequence[Timeline]) -> dict[int, list[Timeline]]:
    """The timelines of each plan (keyed by the plan object's id), in file order."""
    by_plan: dict[int, list[Timeline]] = {}
    for t in lines:
        by_plan.setdefault(id(t.plan), []).append(t)
    return by_plan


def city_sections(ds: Dataset, lines: Sequence[Timeline], made: ProjectLines) -> list[CitySection]:
    """A page per member city in the year of `made`, ordered by country and city name."""
    year = made.year
    members = [c for c in ds.cities.values() if pg.is_member(c, year)]
    active = _active_by_city(ds, year)
    by_plan = _by_plan(lines)
    sections = []
    for city in members:
        plan = ds.plans.get(city.id)
        chosen = [t for t in by_plan.get(id(plan), []) if t.in_portfolio(year)] if plan else []
        areas, recorded = _focus_areas(plan, [t.project for t in chosen])
        place = _place(ds, plan) if plan else ("", "")
        sections.append(
            CitySection(
                id=city.id,
                name=city.name,
                country=country_name(ds, city.country),
                joined=city.joined,
                new=city.joined == year,
                vision=plan.vision.text if plan and plan.vision else "",
                focus_areas=areas,
                focus_areas_recorded=recorded,
                projects=sorted((made.line(t, place) for t in chosen), key=_sort_key),
                partnerships=active.get(city.id, []),
                **_plan_statement(plan),
            )
        )
    return sorted(sections, key=lambda s: (s.country.casefold(), s.name.casefold(), s.id))
