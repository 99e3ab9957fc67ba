"""What each record's page shows, as plain data for the templates (pure).

Values stay unescaped text (the templates autoescape); lists are sorted here. Links are
relative to the site's root; each template prefixes them with its page's `root`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ascn.figures import progress as pg
from ascn.models import City, Dataset, Money, Partner, Partnership, Plan, Project, Record
from ascn.reference import FOCUS_AREA_LABELS, MEMBER_STATES, PARTNER_KIND_LABELS, FocusArea
from ascn.site import links
from ascn.site.links import Related

View = dict[str, Any]


def mirror(record: Record) -> dict[str, Any]:
    """The record as its YAML file states it (no defaults added)."""
    return record.model_dump(mode="json", exclude_unset=True)


def area_label(slug: str) -> str:
    """A focus area's label."""
    return FOCUS_AREA_LABELS[FocusArea(slug)]


def country_name(iso2: str | None) -> str:
    """A country's name (member states by name, others by code, none: International)."""
    if iso2 is None:
        return "International"
    return MEMBER_STATES.get(iso2, iso2)


def money(amount: Money | None) -> str:
    """An amount as '150,000 USD', or '' for none."""
    return f"{amount.amount:,.0f} {amount.currency}" if amount else ""


def sources(refs: Iterable[str]) -> list[View]:
    """Source references as links: ids to the sources page, URLs as themselves."""
    return [{"label": ref, "href": links.source(ref)} for ref in refs]


def status_history(item: Project) -> list[View]:
    """The project's yearly statuses, oldest first."""
    return [
        {
            "year": u.year,
            "status": u.status.value,
            "label": pg.BUCKET_SHORT[u.status.value],
            "percent": u.percent_complete,
            "note": u.note or "",
        }
        for u in sorted(item.updates, key=lambda u: u.year)
    ]


def latest_status(item: Project) -> str:
    """The project's last recorded status, or not-reported if it has none."""
    history = sorted(item.updates, key=lambda u: u.year)
    return history[-1].status.value if history else pg.NOT_REPORTED


def project_row(ds: Dataset, plan: Plan, item: Project) -> View:
    """A project as one line of a table."""
    status = latest_status(item)
    return {
        "title": item.title,
        "href": links.project(item.id),
        "city": ds.city_name(plan.city),
        "city_href": links.city(plan.city),
        "focus_area": area_label(item.focus_area.value),
        "focus_area_href": links.focus_area(item.focus_area.value),
        "first_listed": item.first_listed,
        "status": status,
        "status_label": pg.BUCKET_SHORT[status],
        "history": status_history(item),
    }


def partnership_row(ds: Dataset, stem: str, owner: Partner, ship: Partnership) -> View:
    """A partnership as one line of a table."""
    since = "" if ship.since is None else str(ship.since)
    until = "" if ship.until is None else str(ship.until)
    return {
        "partner": owner.name,
        "partner_href": links.partner(stem),
        "city": ds.city_name(ship.city) if ship.city else "The whole network",
        "city_href": links.city(ship.city) if ship.city and ship.city in ds.cities else "",
        "topic": ship.topic,
        "years": f"{since}\u2013{until}" if until else (f"since {since}" if since else "not dated"),
        "commitment": money(ship.commitment),
        "programme": ship.programme or "",
        "projects": [{"id": p, "href": links.project(p)} for p in ship.projects],
    }


def _plan(plan: Plan | None) -> View | None:
    if plan is None:
        return None
    return {
        "published": plan.published,
        "period": f"{plan.period.start}\u2013{plan.period.end}" if plan.period else "",
        "vision": plan.vision.text if plan.vision else "",
        "vision_year": plan.vision.year if plan.vision else None,
        "focus_areas": [
            {"label": area_label(a.value), "href": links.focus_area(a.value)}
            for a in plan.focus_areas
        ],
        "headings": list(plan.focus_area_headings),
        "targets": [{"text": t.text, "year": t.year} for t in plan.strategic_targets],
        "earlier": [
            {
                "as_of": e.as_of,
                "vision": e.vision.text if e.vision else "",
                "headings": list(e.focus_area_headings),
                "targets": [{"text": t.text, "year": t.year} for t in e.strategic_targets],
                "sources": sources(e.sources),
            }
            for e in sorted(plan.earlier, key=lambda e: e.as_of)
        ],
        "notes": plan.notes or "",
        "sources": sources(plan.sources),
    }


def city_view(ds: Dataset, rel: Related, place: City) -> View:
    """A city's page: facts, plan, projects with their status history, partnerships."""
    plan = ds.plans.get(place.id)
    projects = [project_row(ds, p, item) for p, item in rel.projects_by_city.get(place.id, [])]
    ships = [partnership_row(ds, *s) for s in rel.by_city.get(place.id, [])]
    return {
        "title": place.name,
        "city": place,
        "country": country_name(place.country),
        "country_href": links.country(place.country),
        "population": f"{place.population.value:,}" if place.population else "",
        "population_note": place.population.note or "" if place.population else "",
        "plan": _plan(plan),
        "projects": sorted(projects, key=lambda r: (r["title"].casefold(), r["href"])),
        "partnerships": sorted(ships, key=lambda r: (r["partner"].casefold(), r["topic"])),
        "sources": sources(place.sources),
    }


def project_view(ds: Dataset, rel: Related, plan: Plan, item: Project) -> View:
    """A project's page: its city, focus area, status history, partners and partnerships."""
    ships = [partnership_row(ds, *s) for s in rel.by_project.get(item.id, [])]
    return {
        "title": item.title,
        "project": item,
        "row": project_row(ds, plan, item),
        "budget": money(item.budget),
        "partners": [
            {"name": ds.partners[p].name if p in ds.partners else p, "href": links.partner(p)}
            for p in item.partners
        ],
        "partnerships": ships,
        "sources": sources(item.sources),
    }


def partner_view(ds: Dataset, stem: str, owner: Partner) -> View:
    """A partner's page: kind, country, focus areas and partnerships."""
    ships = [partnership_row(ds, stem, owner, s) for s in owner.partnerships]
    return {
        "title": owner.name,
        "partner": owner,
        "kind": PARTNER_KIND_LABELS[owner.kind],
        "country": country_name(owner.country),
        "focus_areas": [
            {"label": area_label(a.value), "href": links.focus_area(a.value)}
            for a in owner.focus_areas
        ],
        "partnerships": sorted(ships, key=lambda r: (r["city"].casefold(), r["topic"])),
        "sources": sources(owner.sources),
    }


def city_rows(ds: Dataset, rel: Related, city_ids: Sequence[str]) -> list[View]:
    """Cities as table rows with their country and project counts."""
    return [
        {
            "name": ds.cities[c].name,
            "href": links.city(c),
            "country": country_name(ds.cities[c].country),
            "country_href": links.country(ds.cities[c].country),
            "joined": ds.cities[c].joined,
            "projects": len(rel.projects_by_city.get(c, [])),
        }
        for c in city_ids
    ]
