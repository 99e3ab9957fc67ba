"""References from one record to another: cities, partners, projects, countries, sources."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from ascn import examples as ex
from ascn.checks.base import (
    Context,
    all_records,
    did_you_mean,
    did_you_mean_record,
    fields_holding,
    is_model,
    project_label,
)
from ascn.problems import CodeDoc, Example, Pointer, Problem, Severity
from ascn.reference import ISO_COUNTRIES

if TYPE_CHECKING:
    from pydantic import BaseModel

    from ascn.models import City, Dataset, Partner

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def plan_without_city(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A plan file for a city that has no file in data/cities/."""
    cities = ds.known_ids("city", ds.cities)
    for stem in ds.plans:
        if stem not in cities:
            message = f"plan for '{stem}', but there is no data/cities/{stem}.yaml"
            hint = did_you_mean(stem, ds.cities) or "add the city file first (ascn new city)"
            yield Problem.at_pointer(
                "plan-without-city", message, ds.file_of("plan", stem), ("city",), hint=hint
            )


def ref_unknown_city(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A partnership names a city id that no file in data/cities/ defines."""
    cities = ds.known_ids("city", ds.cities)
    for partner_id, partner, index, partnership in ds.partnerships():
        if partnership.city is not None and partnership.city not in cities:
            who = f"{partner.name}: partnership {partnership.id}"
            message = f"{who} names unknown city '{partnership.city}'"
            yield Problem.at_pointer(
                "ref-unknown-city",
                message,
                ds.file_of("partner", partner_id),
                ("partnerships", index, "city"),
                hint=did_you_mean_record(partnership.city, _names(ds.cities)),
            )


def ref_unknown_partner(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A project names a partner id that no file in data/partners/ defines."""
    partners = ds.known_ids("partner", ds.partners)
    for plan, index, project in ds.projects():
        for position, partner_id in enumerate(project.partners):
            if partner_id not in partners:
                message = f"{project_label(plan, project, ds)} names unknown partner '{partner_id}'"
                yield Problem.at_pointer(
                    "ref-unknown-partner",
                    message,
                    ds.file_of("plan", plan.city),
                    ("projects", index, "partners", position),
                    hint=did_you_mean_record(partner_id, _names(ds.partners)),
                )


def _names(records: Mapping[str, City | Partner]) -> dict[str, str]:
    return {record_id: record.name for record_id, record in records.items()}


def _project_cities(ds: Dataset) -> dict[str, str]:
    return {project.id: plan.city for plan, _, project in ds.projects()}


def ref_unknown_project(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A partnership names a project id that no plan defines."""
    project_city = _project_cities(ds)
    # Project ids start with their city's id: a project of a plan that failed to load is
    # not reported as unknown.
    broken_plans = tuple(f"{stem}-" for kind, stem in ds.unloaded if kind == "plan")
    for partner_id, partner, index, partnership in ds.partnerships():
        for position, project_id in enumerate(partnership.projects):
            if project_id not in project_city and not project_id.startswith(broken_plans):
                who = f"{partner.name}: partnership {partnership.id}"
                message = f"{who} names unknown project '{project_id}'"
                yield Problem.at_pointer(
                    "ref-unknown-project",
                    message,
                    ds.file_of("partner", partner_id),
                    ("partnerships", index, "projects", position),
                    hint=did_you_mean(project_id, project_city),
                )


def partnership_foreign_project(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A city's partnership names a project of another city."""
    project_city = _project_cities(ds)
    for partner_id, partner, index, partnership in ds.partnerships():
        for position, project_id in enumerate(partnership.projects):
            owner = project_city.get(project_id)
            if partnership.city and owner and owner != partnership.city:
                message = (
                    f"{partner.name}: partnership {partnership.id} "
                    f"is with {ds.city_name(partnership.city)} "
                    f"but project '{project_id}' belongs to {ds.city_name(owner)}"
                )
                yield Problem.at_pointer(
                    "partnership-foreign-project",
                    message,
                    ds.file_of("partner", partner_id),
                    ("partnerships", index, "projects", position),
                )


_NOT_MEMBER = "is not a member state with a file in data/countries/"


def ref_unknown_country(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A city, chair or shepherd names no member state; a partner names no ISO country."""
    members = {code.upper() for code in ds.known_ids("country", ds.countries)}
    for city_id, city in ds.cities.items():
        if city.country not in members:
            message = f"city {city.name}: '{city.country}' {_NOT_MEMBER}"
            yield Problem.at_pointer(
                "ref-unknown-country", message, ds.file_of("city", city_id), ("country",)
            )
    for index, year in enumerate(ds.network.years if ds.network else ()):
        for field in ("chair", "shepherd"):
            code = getattr(year, field)
            if code is not None and code not in members:
                message = f"{year.year} {field} '{code}' {_NOT_MEMBER}"
                yield Problem.at_pointer(
                    "ref-unknown-country",
                    message,
                    ds.file_of("network", "network"),
                    ("years", index, field),
                )
    for partner_id, partner in ds.partners.items():
        if partner.country is not None and partner.country not in ISO_COUNTRIES:
            message = f"partner {partner.name}: '{partner.country}' is not an ISO 3166 country code"
            yield Problem.at_pointer(
                "ref-unknown-country", message, ds.file_of("partner", partner_id), ("country",)
            )
    yield from _offer_countries(ds, members)


def _offer_countries(ds: Dataset, members: set[str]) -> Iterator[Problem]:
    """A partner's offer names a country that is not a member state."""
    for partner_id, partner in ds.partners.items():
        for n, code in enumerate(partner.offers.countries if partner.offers else ()):
            if code not in members:
                message = f"partner {partner.name}: offers in '{code}', which {_NOT_MEMBER}"
                pointer = ("offers", "countries", n)
                yield Problem.at_pointer(
                    "ref-unknown-country", message, ds.file_of("partner", partner_id), pointer
                )


def _source_refs(model: BaseModel, pointer: Pointer) -> Iterator[tuple[Pointer, str]]:
    """Every entry of every `sources:` list inside a record, with its pointer."""
    values = model.__dict__  # a third of the cost of getattr (see base.fields_of)
    for name in fields_holding(type(model), "sources"):
        value = values[name]
        if name == "sources":
            yield from (((*pointer, name, index), ref) for index, ref in enumerate(value))
        elif is_model(value):
            yield from _source_refs(value, (*pointer, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if is_model(item):
                    yield from _source_refs(item, (*pointer, name, index))


_WEB = ("http://", "https://")


def ref_unknown_source(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A `sources:` entry is neither a web address nor a file in data/sources/."""
    sources = ds.known_ids("source", ds.sources)
    for kind, stem, record in all_records(ds):
        yield from unknown_sources_in(ds, sources, kind, stem, record)


def unknown_sources_in(
    ds: Dataset, sources: set[str], kind: str, stem: str, record: BaseModel
) -> Iterator[Problem]:
    """ref-unknown-source for one record, given the source ids that references may name."""
    for pointer, ref in _source_refs(record, ()):
        if not ref.startswith(_WEB) and ref not in sources:
            message = f"unknown source '{ref}': no data/sources/{ref}.yaml"
            yield Problem.at_pointer(
                "ref-unknown-source",
                message,
                ds.file_of(kind, stem),
                pointer,
                hint=did_you_mean(ref, ds.sources),
            )


def source_ids(record: BaseModel) -> list[str]:
    """The distinct `sources:` entries of a record that are not web addresses, sorted.

    ref-unknown-source reports a record only if one of these is not a known source id:
    the result cache keeps them per file, so that a warm run walks only such records
    (the walk over every record was 0.38 s at 10,000 cities).
    """
    return sorted({ref for _, ref in _source_refs(record, ()) if not ref.startswith(_WEB)})


# The codes this module emits, documented beside it (`ascn explain CODE`; tests run the examples).
DOCS: tuple[CodeDoc, ...] = (
    CodeDoc(
        "partnership-foreign-project",
        ERROR,
        "a partnership names a project of another city",
        "A partnership with a city may only name that city's projects. The project exists, "
        "but in another city's plan: either the project id or the partnership's city is "
        "wrong.",
        Example(
            ex.PARTNER_PATH,
            ex.partnership("    city: da-nang\n    projects:\n      - hue-smart-lighting\n"),
            others=(("cities/hue.yaml", ex.HUE_CITY), ("plans/hue.yaml", ex.HUE_PLAN)),
            note="Hue's plan has the project hue-smart-lighting",
        ),
        Example(
            ex.PARTNER_PATH,
            ex.partnership("    city: hue\n    projects:\n      - hue-smart-lighting\n"),
            others=(("cities/hue.yaml", ex.HUE_CITY), ("plans/hue.yaml", ex.HUE_PLAN)),
        ),
        "Correct the partnership's city, or name a project of that city.",
    ),
    CodeDoc(
        "plan-without-city",
        ERROR,
        "a plan for a city that has no city file",
        "data/plans/<city>.yaml belongs to the city with the same id in data/cities/. The "
        "city file is missing, or the plan's file name is misspelt.",
        Example("plans/hue.yaml", ex.HUE_PLAN),
        Example("cities/hue.yaml", ex.HUE_CITY, others=(("plans/hue.yaml", ex.HUE_PLAN),)),
        "Add the city first (`ascn new city`), or rename the plan to the city's id.",
    ),
    CodeDoc(
        "ref-unknown-city",
        ERROR,
        "a partnership names a city that has no file",
        "A partnership's `city:` must be the id of a file in data/cities/ (its file name "
        "without .yaml).",
        Example(ex.PARTNER_PATH, ex.partnership("    city: danang\n")),
        Example(ex.PARTNER_PATH, ex.partnership("    city: da-nang\n")),
        "Use the city's id as the hint suggests; leave `city:` out for a partnership with the "
        "whole network.",
    ),
    CodeDoc(
        "ref-unknown-country",
        ERROR,
        "a country code that is not a member state (or not a country)",
        "A city's country and the network's chair and shepherd must be member states with a "
        "file in data/countries/; a partner's country must be an ISO 3166 country code.",
        Example(ex.CITY_PATH, "id: da-nang\nname: Da Nang\ncountry: NV\njoined: 2018\n"),
        Example(ex.CITY_PATH, ex.CITY),
        "Use the two-letter ISO code: BN, KH, ID, LA, MY, MM, PH, SG, TH, TL or VN.",
    ),
    CodeDoc(
        "ref-unknown-partner",
        ERROR,
        "a project names a partner that has no file",
        "A project's `partners:` list holds ids of files in data/partners/.",
        Example(
            ex.PLAN_PATH, ex.plan("    first_listed: 2018\n    partners:\n      - jica-japan\n")
        ),
        Example(ex.PLAN_PATH, ex.plan("    first_listed: 2018\n    partners:\n      - jica\n")),
        "Use the partner's id as the hint suggests, or add the partner (`ascn new partner`).",
    ),
    CodeDoc(
        "ref-unknown-project",
        ERROR,
        "a partnership names a project that no plan has",
        "A partnership's `projects:` list holds ids of projects in the plans.",
        Example(
            ex.PARTNER_PATH,
            ex.partnership("    city: da-nang\n    projects:\n      - da-nang-water-supply\n"),
        ),
        Example(
            ex.PARTNER_PATH,
            ex.partnership("    city: da-nang\n    projects:\n      - da-nang-water\n"),
        ),
        "Use the project's id as the hint suggests, or add the project to the city's plan "
        "(`ascn new project`).",
    ),
    CodeDoc(
        "ref-unknown-source",
        ERROR,
        "a source that is neither a web address nor a file in data/sources/",
        "Every `sources:` entry is the id of a file in data/sources/ or a web address "
        "starting with http:// or https://.",
        Example(ex.CITY_PATH, ex.CITY + "sources:\n  - me2024\n"),
        Example(ex.CITY_PATH, ex.CITY + "sources:\n  - me-2024\n"),
        "Use the source's id as the hint suggests, give the full web address, or add the "
        "source to data/sources/.",
    ),
)
