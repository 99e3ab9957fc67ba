"""One table per kind of record: what its columns are and how a record fills a row (pure)."""

from __future__ import annotations

from ascn.export.tables import (
    Column,
    Table,
    columns,
    enum_column,
    int_column,
    joined,
    key_column,
    make_table,
    money,
    number_column,
    role,
)
from ascn.models import Dataset
from ascn.reference import (
    FigureKind,
    FocusArea,
    Measure,
    MeetingMode,
    PartnerKind,
    SourceKind,
    Status,
)


def countries(ds: Dataset) -> Table:
    """The member states."""
    cols = columns(
        "iso2 name representative_role representative_organisation sources",
        iso2=key_column("iso2"),
        name=key_column("name"),
    )
    rows = (
        (c.iso2, c.name, *role(c.national_representative), joined(c.sources))
        for c in ds.countries.values()
    )
    return make_table("countries", "Member states", cols, "iso2", rows)


def cities(ds: Dataset) -> Table:
    """The member cities."""
    cols = columns(
        "id name country national_capital joined population population_note area_km2 lat lon"
        " geonames_id name_variants cso_role cso_organisation notes sources",
        id=key_column("id"),
        name=key_column("name"),
        country=key_column("country"),
        national_capital=Column("national_capital", "boolean"),
        joined=int_column("joined", True),
        population=int_column("population"),
        area_km2=number_column("area_km2"),
        lat=number_column("lat"),
        lon=number_column("lon"),
        geonames_id=int_column("geonames_id"),
    )
    rows = (
        (
            c.id,
            c.name,
            c.country,
            c.national_capital,
            c.joined,
            c.population.value if c.population else None,
            c.population.note if c.population else None,
            c.area_km2,
            c.location.lat if c.location else None,
            c.location.lon if c.location else None,
            c.geonames_id,
            joined(c.name_variants),
            *role(c.chief_smart_city_officer),
            c.notes,
            joined(c.sources),
        )
        for c in ds.cities.values()
    )
    return make_table(
        "cities", "Member cities", cols, "id", rows, refs=[("country", "countries", "iso2")]
    )


def plans(ds: Dataset) -> Table:
    """The Smart City Action Plans, one row per city that has a plan file."""
    cols = columns(
        "city published period_start period_end vision vision_year focus_areas"
        " focus_area_headings notes sources",
        city=key_column("city"),
        published=Column("published", "boolean", required=True),
        period_start=int_column("period_start"),
        period_end=int_column("period_end"),
        vision_year=int_column("vision_year"),
    )
    rows = (
        (
            p.city,
            p.published,
            p.period.start if p.period else None,
            p.period.end if p.period else None,
            p.vision.text if p.vision else None,
            p.vision.year if p.vision else None,
            joined(p.focus_areas),
            joined(p.focus_area_headings),
            p.notes,
            joined(p.sources),
        )
        for p in ds.plans.values()
    )
    return make_table(
        "plans", "Smart City Action Plans", cols, "city", rows, refs=[("city", "cities", "id")]
    )


def targets(ds: Dataset) -> Table:
    """The plans' strategic targets, numbered in the plan's order."""
    cols = columns(
        "city number text year",
        city=key_column("city"),
        number=int_column("number", True),
        text=key_column("text"),
        year=int_column("year"),
    )
    rows = (
        (p.city, n, t.text, t.year)
        for p in ds.plans.values()
        for n, t in enumerate(p.strategic_targets, 1)
    )
    return make_table(
        "targets", "Strategic targets", cols, "city number", rows, refs=[("city", "plans", "city")]
    )


def projects(ds: Dataset) -> Table:
    """The projects of every plan."""
    cols = columns(
        "id city title former_titles focus_area description first_listed budget_amount"
        " budget_currency partners sdgs status_note focus_area_note sources",
        id=key_column("id"),
        city=key_column("city"),
        title=key_column("title"),
        focus_area=enum_column("focus_area", FocusArea, True),
        first_listed=int_column("first_listed", True),
        budget_amount=number_column("budget_amount"),
    )
    rows = (
        (
            p.id,
            plan.city,
            p.title,
            joined(p.former_titles),
            p.focus_area.value,
            p.description,
            p.first_listed,
            *money(p.budget),
            joined(p.partners),
            joined(p.sdgs),
            p.status_note,
            p.focus_area_note,
            joined(p.sources),
        )
        for plan, _, p in ds.projects()
    )
    return make_table("projects", "Projects", cols, "id", rows, refs=[("city", "plans", "city")])


def statuses(ds: Dataset) -> Table:
    """The projects' yearly status updates, numbered in the project's order."""
    cols = columns(
        "project number year status percent_complete note",
        project=key_column("project"),
        number=int_column("number", True),
        year=int_column("year", True),
        status=enum_column("status", Status, True),
        percent_complete=int_column("percent_complete"),
    )
    rows = (
        (p.id, n, u.year, u.status.value, u.percent_complete, u.note)
        for _, _, p in ds.projects()
        for n, u in enumerate(p.updates, 1)
    )
    return make_table(
        "project_statuses",
        "Project statuses by year",
        cols,
        "project number",
        rows,
        refs=[("project", "projects", "id")],
    )


def partners(ds: Dataset) -> Table:
    """The external partners."""
    cols = columns(
        "id name kind country focus_areas notes sources",
        id=key_column("id"),
        name=key_column("name"),
        kind=enum_column("kind", PartnerKind, True),
    )
    rows = (
        (p.id, p.name, p.kind.value, p.country, joined(p.focus_areas), p.notes, joined(p.sources))
        for p in ds.partners.values()
    )
    return make_table("partners", "Partners", cols, "id", rows)


def partnerships(ds: Dataset) -> Table:
    """The partnerships; `city` is empty for one with the whole network."""
    cols = columns(
        "id partner city topic focus_area since until commitment_amount commitment_currency"
        " programme name_as_reported notes sources",
        id=key_column("id"),
        partner=key_column("partner"),
        topic=key_column("topic"),
        focus_area=enum_column("focus_area", FocusArea),
        since=int_column("since"),
        until=int_column("until"),
        commitment_amount=number_column("commitment_amount"),
    )
    rows = (
        (
            s.id,
            stem,
            s.city,
            s.topic,
            s.focus_area.value if s.focus_area else None,
            s.since,
            s.until,
            *money(s.commitment),
            s.programme,
            s.name_as_reported,
            s.notes,
            joined(s.sources),
        )
        for stem, _, _, s in ds.partnerships()
    )
    refs = [("partner", "partners", "id"), ("city", "cities", "id")]
    return make_table("partnerships", "Partnerships", cols, "id", rows, refs=refs)


def partnership_projects(ds: Dataset) -> Table:
    """Which projects each partnership supports."""
    cols = columns(
        "partnership project", partnership=key_column("partnership"), project=key_column("project")
    )
    rows = ((s.id, project) for _, _, _, s in ds.partnerships() for project in s.projects)
    refs = [("partnership", "partnerships", "id"), ("project", "projects", "id")]
    return make_table(
        "partnership_projects",
        "Partnership-project links",
        cols,
        "partnership project",
        rows,
        refs=refs,
    )


def network_years(ds: Dataset) -> Table:
    """The network's chair, shepherd and annual meeting by year."""
    cols = columns(
        "year chair shepherd meeting_date meeting_place meeting_mode notes sources",
        year=int_column("year", True),
        chair=key_column("chair"),
        meeting_date=Column("meeting_date", "date"),
        meeting_mode=enum_column("meeting_mode", MeetingMode),
    )
    years = ds.network.years if ds.network else []
    rows = (
        (
            y.year,
            y.chair,
            y.shepherd,
            y.annual_meeting.date.isoformat() if y.annual_meeting else None,
            y.annual_meeting.place if y.annual_meeting else None,
            y.annual_meeting.mode.value if y.annual_meeting else None,
            y.notes,
            joined(y.sources),
        )
        for y in years
    )
    return make_table("network_years", "Network years", cols, "year", rows)


def published_figures(ds: Dataset) -> Table:
    """What ASEAN printed or stated, numbered in network.yaml's order."""
    cols = columns(
        "number year as_of measure status focus_area value as_printed kind note sources",
        number=int_column("number", True),
        year=int_column("year", True),
        measure=enum_column("measure", Measure, True),
        status=enum_column("status", Status),
        focus_area=enum_column("focus_area", FocusArea),
        value=Column("value", "number", required=True),
        kind=enum_column("kind", FigureKind, True),
    )
    figures = ds.network.published_figures if ds.network else []
    rows = (
        (
            n,
            f.year,
            f.as_of,
            f.measure.value,
            f.status.value if f.status else None,
            f.focus_area.value if f.focus_area else None,
            f.value,
            f.as_printed,
            f.kind.value,
            f.note,
            joined(f.sources),
        )
        for n, f in enumerate(figures, 1)
    )
    return make_table("published_figures", "Published figures", cols, "number", rows)


def sources(ds: Dataset) -> Table:
    """The public documents the facts come from."""
    cols = columns(
        "id title url as_of kind notes",
        id=key_column("id"),
        title=key_column("title"),
        kind=enum_column("kind", SourceKind, True),
    )
    rows = ((s.id, s.title, s.url, s.as_of, s.kind.value, s.notes) for s in ds.sources.values())
    return make_table("sources", "Sources", cols, "id", rows)


BUILDERS = (
    countries,
    cities,
    plans,
    targets,
    projects,
    statuses,
    partners,
    partnerships,
    partnership_projects,
    network_years,
    published_figures,
    sources,
)


def all_tables(ds: Dataset) -> list[Table]:
    """Every table, referenced tables before the tables that reference them."""
    return [build(ds) for build in BUILDERS]
