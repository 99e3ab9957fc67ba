"""What matching works on: a project with its city and year, and the candidates it ranks."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ascn.figures.progress import default_year, first_year_with, in_portfolio
from ascn.models import Dataset, Plan, Project
from ascn.problems import AscnError
from ascn.reference import Status


class UnknownRecord(AscnError):
    """The project, partner or city to match is not in the dataset."""


@dataclass(frozen=True)
class Target:
    """A project as matching sees it: the project, its city and country, and the year."""

    project: Project
    city_id: str
    city_name: str
    country: str | None
    year: int


@dataclass(frozen=True)
class Candidate:
    """A ranked match: a partner (or a project, for `match partner`), its score and why."""

    id: str
    name: str
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Filtered:
    """A partner the hard filters left out, and the reason from the record."""

    id: str
    name: str
    reason: str


@dataclass(frozen=True)
class Match:
    """The ranked candidates for one project, those filtered out, and the weights used."""

    target: Target
    candidates: tuple[Candidate, ...]
    filtered: tuple[Filtered, ...]
    weights: Mapping[str, int]


def is_open(project: Project, year: int) -> bool:
    """Whether the project is in the portfolio in `year` and not completed by then."""
    completed = first_year_with(project, Status.COMPLETED)
    return in_portfolio(project, year) and (completed is None or completed > year)


def _target(ds: Dataset, plan: Plan, project: Project, year: int) -> Target:
    city = ds.cities.get(plan.city)
    country = city.country if city else None
    return Target(project, plan.city, ds.city_name(plan.city), country, year)


def targets(ds: Dataset, year: int) -> Iterator[Target]:
    """Every project open in `year`, as a target, in file order."""
    for plan, _, project in ds.projects():
        if is_open(project, year):
            yield _target(ds, plan, project, year)


def target(ds: Dataset, project_id: str, year: int | None = None) -> Target:
    """The project with this id as a target (default year: the latest with statuses)."""
    for plan, _, project in ds.projects():
        if project.id == project_id:
            return _target(ds, plan, project, default_year(ds) if year is None else year)
    raise UnknownRecord(f"no project '{project_id}' in any plan")
