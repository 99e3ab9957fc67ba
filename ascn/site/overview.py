"""The pages above single records: home, years, member states, focus areas, lists (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ascn.figures import progress as pg
from ascn.figures import reconcile
from ascn.models import Dataset, NetworkYear
from ascn.reference import FOCUS_AREA_LABELS, Measure
from ascn.site import links
from ascn.site.links import Related
from ascn.site.views import View, area_label, city_rows, country_name, project_row, sources

MODE_LABELS = {"in-person": "in person", "online": "online"}
MEASURE_LABELS = {
    Measure.PROJECTS: "Projects",
    Measure.PROJECTS_BY_STATUS: "Projects by status",
    Measure.STATUS_SHARE: "Share of a status",
    Measure.FOCUS_AREA_SHARE: "Share of a focus area",
    Measure.PARTNERSHIPS: "Partnerships",
    Measure.MEMBER_CITIES: "Member cities",
}
SHARES = (Measure.STATUS_SHARE, Measure.FOCUS_AREA_SHARE)


def network_year(ds: Dataset, year: int) -> NetworkYear | None:
    """The network's record for `year`, if network.yaml has one."""
    years = ds.network.years if ds.network else []
    return next((y for y in years if y.year == year), None)


def meeting_row(entry: NetworkYear) -> View:
    """Chair, shepherd and annual meeting of one year."""
    meeting = entry.annual_meeting
    return {
        "year": entry.year,
        "href": links.year(entry.year),
        "chair": country_name(entry.chair),
        "chair_href": links.country(entry.chair),
        "shepherd": country_name(entry.shepherd) if entry.shepherd else "",
        "date": meeting.date.isoformat() if meeting else "",
        "place": meeting.place if meeting else "",
        "mode": MODE_LABELS[meeting.mode.value] if meeting else "",
        "notes": entry.notes or "",
        "sources": sources(entry.sources),
    }


def trend_rows(by_year: Mapping[int, pg.YearFigures]) -> list[View]:
    """Members, portfolio, completed projects and active partnerships per year."""
    rows = []
    for year, figures in sorted(by_year.items()):
        rows.append(
            {
                "year": year,
                "href": links.year(year),
                "cities": figures.cities,
                "projects": figures.projects.total,
                "completed": figures.projects.by_status.get("completed", 0),
                "partnerships": figures.partnerships.total,
            }
        )
    return rows


def published_rows(ds: Dataset, figures: pg.YearFigures) -> list[View]:
    """The figures ASEAN published for the year, beside the dataset's counts (as `reconcile`)."""
    rows = []
    for comparison in reconcile.reconcile(ds, figures.year):
        detail = pg.BUCKET_SHORT[comparison.status.value] if comparison.status else ""
        detail = area_label(comparison.focus_area.value) if comparison.focus_area else detail
        rows.append(
            {
                "measure": MEASURE_LABELS[comparison.measure],
                "detail": detail,
                "published": comparison.as_printed or f"{comparison.published:g}",
                "as_of": comparison.as_of or "",
                "kind": comparison.kind.value,
                "counted": _counted(comparison),
                "note": comparison.note or "",
                "sources": sources(list(comparison.sources)),
            }
        )
    return rows


def _labelled(counts: Mapping[str, int], labels: Mapping[str, str]) -> list[View]:
    """Non-zero counts in the order of `labels` (the reporting order), then any others."""
    keys = [k for k in labels if k in counts] + sorted(k for k in counts if k not in labels)
    return [{"label": labels.get(k, k), "value": counts[k]} for k in keys if counts[k]]


def year_view(ds: Dataset, figures: pg.YearFigures) -> View:
    """A year's page: members, portfolio by status and focus area, partnerships, meeting."""
    year = figures.year
    entry = network_year(ds, year)
    areas = {a.value: label for a, label in FOCUS_AREA_LABELS.items()}
    return {
        "title": f"The network in {year}",
        "year": year,
        "figures": figures,
        "by_status": _labelled(figures.projects.by_status, pg.BUCKET_LABELS),
        "by_focus_area": _labelled(figures.projects.by_focus_area, areas),
        "meeting": meeting_row(entry) if entry else None,
        "published": published_rows(ds, figures),
        "report_href": links.report(year),
        "new_cities": [
            {"name": c.name, "href": links.city(c.id)}
            for c in sorted(ds.cities.values(), key=lambda c: c.name.casefold())
            if c.joined == year
        ],
    }


def country_view(ds: Dataset, rel: Related, iso2: str) -> View:
    """A member state's page: its cities and the years it chaired the network."""
    record = ds.countries.get(iso2.lower())
    years = ds.network.years if ds.network else []
    representative = record.national_representative if record else None
    return {
        "title": country_name(iso2),
        "iso2": iso2,
        "representative": representative,
        "cities": city_rows(ds, rel, rel.cities_by_country.get(iso2, [])),
        "chaired": [{"year": y.year, "href": links.year(y.year)} for y in years if y.chair == iso2],
        "sources": sources(record.sources if record else []),
    }


def focus_area_view(ds: Dataset, slug: str) -> View:
    """A focus area's page: its projects and the partnerships in it."""
    rows = [project_row(ds, plan, p) for plan, _, p in ds.projects() if p.focus_area == slug]
    partners = sorted(
        {
            (o.name, links.partner(stem))
            for stem, o, _, s in ds.partnerships()
            if s.focus_area == slug
        }
    )
    return {
        "title": area_label(slug),
        "slug": slug,
        "projects": sorted(rows, key=lambda r: (r["city"].casefold(), r["title"].casefold())),
        "partners": [{"name": n, "href": h} for n, h in partners],
    }


def home_view(ds: Dataset, year: int, by_year: Mapping[int, pg.YearFigures]) -> dict[str, Any]:
    """The home page: key figures of `year`, trends up to it, its annual report."""
    figures = by_year[year]
    entry = network_year(ds, year)
    return {
        "title": ds.network.name if ds.network else "ASEAN Smart Cities Network",
        "year": year,
        "figures": figures,
        "chair": meeting_row(entry) if entry else None,
        "trends": trend_rows({y: f for y, f in by_year.items() if y <= year}),
        "report_href": links.report(year),
        "counts": {
            "cities": len(ds.cities),
            "projects": sum(1 for _ in ds.projects()),
            "partners": len(ds.partners),
            "sources": len(ds.sources),
        },
    }


def _counted(comparison: reconcile.Comparison) -> str:
    """The dataset's own value; shares to the two decimals the reports print them with."""
    if comparison.computed is None:
        return "\u2013"
    if comparison.measure in SHARES:
        return f"{comparison.computed:.2f}%"
    return f"{comparison.computed:g}"
