"""The whole site as files (relative path -> bytes), from a validated dataset (pure).

Pages come from the Jinja templates in templates/site/; beside each record's page lies its
JSON; downloads/ holds the exports; reports/ holds each year's annual report as `ascn report`
builds it. Nothing depends on the clock: the same data gives byte-identical files.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2

from ascn.export import formats as exports
from ascn.figures import progress as pg
from ascn.load import parallel
from ascn.models import Dataset
from ascn.problems import AscnError, Problem, TemplateNotFound
from ascn.reference import FocusArea
from ascn.report import contents
from ascn.report.environment import Templates, strict
from ascn.report.provenance import Provenance
from ascn.report.render import render_all
from ascn.site import links, maps, overview, searchindex, views
from ascn.site.links import Related

Files = dict[str, bytes]
STATIC = ("site.css", "search.js")  # shipped as <name>.j2 (package data), copied as is
AREAS = [a.value for a in FocusArea]


def environment(template_dir: Path | None) -> jinja2.Environment:
    """Strict, autoescaping Jinja over `template_dir`/site, or the packaged site templates."""
    loader: jinja2.BaseLoader = (
        jinja2.FileSystemLoader(template_dir / "site")
        if template_dir is not None
        else jinja2.PackageLoader("ascn", "templates/site")
    )
    return strict(loader)


class SiteTemplateInvalid(AscnError):
    """A site template has a syntax error or uses a value the page does not have."""


class Site:
    """Renders pages with the shared context (provenance, years) into `files`."""

    def __init__(self, ds: Dataset, prov: Provenance, template_dir: Path | None) -> None:
        self.ds = ds
        self.env = environment(template_dir)
        self.first, self.last = pg.data_years(ds)
        self.latest = pg.default_year(ds)
        # Counted once: the home page, the years list and each year's page all show them.
        self.by_year = {y: pg.year_figures(ds, y) for y in range(self.first, self.last + 1)}
        self.shared: dict[str, Any] = {
            "provenance": prov,
            "network_name": "ASEAN Smart Cities Network",
            "source_titles": {k: v.title for k, v in ds.sources.items()},
        }
        if ds.network:
            self.shared["network_name"] = ds.network.name
        self.files: Files = {}

    def page(self, path: str, template: str, view: dict[str, Any], record: Any = None) -> None:
        """Render `template` to `path`; with `record`, write its JSON beside the page."""
        self.files.update(self.render(path, template, view, record))

    def render(
        self, path: str, template: str, view: dict[str, Any], record: Any = None
    ) -> dict[str, bytes]:
        """The page at `path` from `template`, and the record's JSON beside it if given."""
        context = {**self.shared, **view, "root": links.root_of(path), "here": path}
        try:
            text = self.env.get_template(template).render(context)
        except jinja2.TemplateNotFound as e:
            raise TemplateNotFound(f"site template {e.name} not found") from e
        except jinja2.TemplateSyntaxError as e:
            raise SiteTemplateInvalid(f"site/{e.name}, line {e.lineno}: {e.message}") from e
        except jinja2.TemplateError as e:
            raise SiteTemplateInvalid(f"site/{template}: {e.message}") from e
        files = {path: text.encode()}
        if record is not None:
            files[links.json_of(path)] = exports.dumps(record).encode()
        return files


def _record_json(kind: str, record: Any, **related: Any) -> dict[str, Any]:
    return {"version": 1, "kind": kind, "record": views.mirror(record), **related}


def _record_page(site: Site, rel: Related, job: tuple[str, str, int]) -> dict[str, bytes]:
    """The page and JSON of one city, project (by plan and index) or partner."""
    ds = site.ds
    kind, key, index = job
    if kind == "city":
        city, plan = ds.cities[key], ds.plans.get(key)
        record = _record_json("city", city, plan=views.mirror(plan) if plan else None)
        return site.render(links.city(key), "city.html.j2", views.city_view(ds, rel, city), record)
    if kind == "project":
        plan = ds.plans[key]
        item = plan.projects[index]
        view = views.project_view(ds, rel, plan, item)
        record = _record_json("project", item, city=plan.city)
        return site.render(links.project(item.id), "project.html.j2", view, record)
    owner = ds.partners[key]
    view = views.partner_view(ds, key, owner)
    return site.render(links.partner(key), "partner.html.j2", view, _record_json("partner", owner))


def _records(site: Site, rel: Related) -> None:
    """Every city, project and partner page, rendered on both cores for a large dataset."""
    ds = site.ds
    jobs = [("city", c, 0) for c in ds.cities]
    jobs += [
        ("project", stem, i) for stem, plan in ds.plans.items() for i in range(len(plan.projects))
    ]
    jobs += [("partner", p, 0) for p in ds.partners]
    for files in parallel.split_map(lambda job: _record_page(site, rel, job), jobs):
        site.files.update(files)


def _groups(site: Site, rel: Related, countries: Sequence[str]) -> None:
    ds = site.ds
    for iso2 in countries:
        view = overview.country_view(ds, rel, iso2)
        view["map"] = maps.city_map(ds, site.last, "../", f"Member cities in {view['title']}", iso2)
        record = ds.countries.get(iso2.lower())
        site.page(
            links.country(iso2),
            "country.html.j2",
            view,
            _record_json("country", record) if record else None,
        )
    for slug in AREAS:
        site.page(links.focus_area(slug), "focus_area.html.j2", overview.focus_area_view(ds, slug))
    for year in range(site.first, site.last + 1):
        view = overview.year_view(ds, site.by_year[year])
        site.page(links.year(year), "year.html.j2", view)


def _lists(site: Site, rel: Related, countries: Sequence[str]) -> None:
    ds = site.ds
    rows = views.city_rows(ds, rel, sorted(ds.cities, key=lambda c: ds.cities[c].name.casefold()))
    site.page("cities/index.html", "cities.html.j2", {"title": "Member cities", "rows": rows})
    projects = [views.project_row(ds, plan, p) for plan, _, p in ds.projects()]
    projects.sort(key=lambda r: (r["city"].casefold(), r["title"].casefold(), r["href"]))
    site.page("projects/index.html", "projects.html.j2", {"title": "Projects", "rows": projects})
    partners = sorted(ds.partners.items(), key=lambda kv: kv[1].name.casefold())
    site.page(
        "partners/index.html",
        "partners.html.j2",
        {
            "title": "Partners",
            "rows": [
                views.partner_view(ds, s, o) | {"href": links.partner(s)} for s, o in partners
            ],
        },
    )
    states = [
        {
            "name": views.country_name(c),
            "href": links.country(c),
            "cities": len(rel.cities_by_country.get(c, [])),
        }
        for c in countries
    ]
    site.page(
        "countries/index.html", "countries.html.j2", {"title": "Member states", "rows": states}
    )
    areas = [{"name": views.area_label(a), "href": links.focus_area(a)} for a in AREAS]
    site.page(
        "focus-areas/index.html", "focus_areas.html.j2", {"title": "Focus areas", "rows": areas}
    )
    years = overview.trend_rows(site.by_year)
    site.page("years/index.html", "years.html.j2", {"title": "Years", "rows": years})


def _network(site: Site, countries: Sequence[str], rel: Related) -> None:
    ds = site.ds
    home = overview.home_view(ds, site.latest, site.by_year)
    home["map"] = maps.city_map(ds, site.last, "", f"Member cities of the network, {site.last}")
    site.page("index.html", "home.html.j2", home)
    years = ds.network.years if ds.network else []
    meetings = [overview.meeting_row(y) for y in sorted(years, key=lambda y: y.year)]
    site.page(
        "network.html",
        "network.html.j2",
        {"title": "Meetings and chairs", "rows": meetings},
        views.mirror(ds.network) if ds.network else None,
    )
    listed = sorted(ds.sources.values(), key=lambda s: s.id)
    site.page(
        "sources.html",
        "sources.html.j2",
        {"title": "Sources", "rows": listed},
        {"version": 1, "sources": [views.mirror(s) for s in listed]},
    )
    site.page(
        "search.html",
        "search.html.j2",
        {
            "title": "Search",
            "countries": [{"code": c, "name": views.country_name(c)} for c in countries],
            "areas": [{"slug": a, "name": views.area_label(a)} for a in AREAS],
            "statuses": [
                {"slug": s, "name": pg.BUCKET_SHORT[s]} for s in (*pg.STATUS_BUCKETS, "removed")
            ],
        },
    )
    found = searchindex.entries(ds, rel, list(countries), AREAS)
    site.files["assets/search-index.js"] = searchindex.script(found).encode()


def downloads(ds: Dataset, prov: Provenance) -> Files:
    """The exports under downloads/: CSV for Excel, Data Package, JSON, SQLite, GeoJSON."""
    files: Files = {}
    for folder, fmt, excel in (("csv", "csv", True), ("datapackage", "datapackage", False)):
        for name, data in exports.build(ds, fmt, prov, excel=excel).items():
            files[f"downloads/{folder}/{name}"] = data
    for fmt in ("json", "sqlite", "geojson"):
        for name, data in exports.build(ds, fmt, prov).items():
            files[f"downloads/{name}"] = data
    return files


def reports(
    ds: Dataset, problems: Sequence[Problem], prov: Provenance, years: range, templates: Path | None
) -> Files:
    """Each year's annual report in HTML, built by the report's own core (as `ascn report`).

    The years are rendered on both cores (ascn.load.parallel): a report takes most of the
    site's build time.
    """

    def one(year: int) -> dict[str, str | bytes]:
        view = contents.build(ds, problems, year, prov)
        return render_all(view, ["html"], Templates(templates))

    rendered = parallel.split_map(one, list(years), min_items=2)
    return {
        f"reports/{name}": text.encode() if isinstance(text, str) else text
        for texts in rendered
        for name, text in texts.items()
    }


def build(
    ds: Dataset,
    problems: Sequence[Problem],
    prov: Provenance,
    site_templates: Path | None = None,
    report_templates: Path | None = None,
) -> Files:
    """Every file of the site, keyed by its path relative to the site's root."""
    site = Site(ds, prov, site_templates)
    rel = links.related(ds)
    countries = sorted(
        {c.country for c in ds.cities.values()} | {c.iso2 for c in ds.countries.values()}
    )
    _records(site, rel)
    _groups(site, rel, countries)
    _lists(site, rel, countries)
    _network(site, countries, rel)
    downloaded = downloads(ds, prov)
    files = site.files | downloaded
    site.page(
        "downloads.html",
        "downloads.html.j2",
        {
            "title": "Downloads",
            "sizes": {k.removeprefix("downloads/"): len(v) for k, v in downloaded.items()},
        },
    )
    files |= site.files
    files |= reports(ds, problems, prov, range(site.first, site.last + 1), report_templates)
    files |= {f"assets/{name}": static(site.env, name) for name in STATIC}
    files[".nojekyll"] = b""
    return dict(sorted(files.items()))


def static(env: jinja2.Environment, name: str) -> bytes:
    """A static asset shipped beside the templates (read through the template loader)."""
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, f"{name}.j2")
    return source.encode()


def record_count(files: Files) -> dict[str, int]:
    """How many JSON record files each folder holds (for tests and the CLI summary)."""
    counts: dict[str, int] = {}
    for path in files:
        if (
            path.endswith(".json")
            and "/" in path
            and not path.startswith(("downloads/", "reports/"))
        ):
            folder = path.split("/", 1)[0]
            counts[folder] = counts.get(folder, 0) + 1
    return dict(sorted(counts.items()))
