"""Where each page of the site lives, relative to the site's root (pure).

Every link in the site is relative, so the same files work from file:// and from any
sub-path of a web host (GitHub Pages serves a project site under /<repository>/).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from ascn.models import Dataset, Partner, Partnership, Plan, Project


def city(city_id: str) -> str:
    """The page of a city."""
    return f"cities/{city_id}.html"


def project(project_id: str) -> str:
    """The page of a project."""
    return f"projects/{project_id}.html"


def partner(partner_id: str) -> str:
    """The page of a partner."""
    return f"partners/{partner_id}.html"


def country(iso2: str) -> str:
    """The page of a member state."""
    return f"countries/{iso2.lower()}.html"


def focus_area(slug: str) -> str:
    """The page of a focus area."""
    return f"focus-areas/{slug}.html"


def year(value: int) -> str:
    """The page of a year."""
    return f"years/{value}.html"


def report(value: int) -> str:
    """The annual report of a year, as `ascn report` writes it."""
    return f"reports/ascn-report-{value}.html"


def source(source_id: str) -> str:
    """A source's entry on the sources page; a URL source is its own link."""
    return source_id if "://" in source_id else f"sources.html#{source_id}"


def json_of(page: str) -> str:
    """The JSON file beside a page."""
    return page.removesuffix(".html") + ".json"


def root_of(page: str) -> str:
    """The relative prefix from a page back to the site's root ('' or '../')."""
    return "../" * page.count("/")


@dataclass(frozen=True)
class Related:
    """Records by the records they belong to, computed once for the whole site."""

    projects_by_city: Mapping[str, list[tuple[Plan, Project]]] = field(default_factory=dict)
    by_city: Mapping[str, list[tuple[str, Partner, Partnership]]] = field(default_factory=dict)
    by_project: Mapping[str, list[tuple[str, Partner, Partnership]]] = field(default_factory=dict)
    cities_by_country: Mapping[str, list[str]] = field(default_factory=dict)


def related(ds: Dataset) -> Related:
    """Group projects by city, partnerships by city and project, cities by country."""
    projects: defaultdict[str, list[tuple[Plan, Project]]] = defaultdict(list)
    for plan, _, item in ds.projects():
        projects[plan.city].append((plan, item))
    by_city: defaultdict[str, list[tuple[str, Partner, Partnership]]] = defaultdict(list)
    by_project: defaultdict[str, list[tuple[str, Partner, Partnership]]] = defaultdict(list)
    for stem, owner, _, ship in ds.partnerships():
        if ship.city:
            by_city[ship.city].append((stem, owner, ship))
        for project_id in ship.projects:
            by_project[project_id].append((stem, owner, ship))
    countries: defaultdict[str, list[str]] = defaultdict(list)
    for city_id in sorted(ds.cities):
        countries[ds.cities[city_id].country].append(city_id)
    return Related(dict(projects), dict(by_city), dict(by_project), dict(countries))
