"""JSON Schema for each record kind, generated from the models for editors' completion.

Pydantic's `model_json_schema()` gives the shape (types, patterns, ranges, required fields,
`additionalProperties: false`); this module adds what a focal point sees while typing: a
readable title and a description for every field, one example where it helps, and the label
of each focus area, status and partner kind (`enumDescriptions`, which VS Code's YAML
extension shows in completion). The files are committed under schema/ and `ascn schema
--check` fails when they differ from what the models give now.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ascn import models
from ascn.edit.yamlout import SCHEMA_DIR
from ascn.load.loader import KIND_BY_NAME, KINDS, display_path
from ascn.reference import (
    FOCUS_AREA_LABELS,
    INSTRUMENT_LABELS,
    PARTNER_KIND_LABELS,
    PARTY_TYPE_LABELS,
    READINESS_DIMENSION_LABELS,
    SEEKING_LABELS,
    STAGE_LABELS,
    STATUS_LABELS,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"

ENUM_LABELS: dict[str, Mapping[Any, str]] = {
    "FocusArea": FOCUS_AREA_LABELS,
    "Status": STATUS_LABELS,
    "PartnerKind": PARTNER_KIND_LABELS,
    "SeekingKind": SEEKING_LABELS,
    "Stage": STAGE_LABELS,
    "Instrument": INSTRUMENT_LABELS,
    "PartyType": PARTY_TYPE_LABELS,
    "ReadinessDimension": READINESS_DIMENSION_LABELS,
}

# Fields whose name alone makes a poor title.
TITLES = {
    "iso2": "ISO code",
    "area_km2": "Area (km²)",
    "geonames_id": "GeoNames id",
    "sdgs": "SDGs",
    "lat": "Latitude",
    "lon": "Longitude",
    "as_of": "As of",
    "url": "Web address",
}

# Descriptions of fields that have none in models.py; `*` applies to every model.
FIELD_DOCS = {
    "*.sources": "Ids of files in data/sources/, or web addresses, of public documents "
    "that support this record.",
    "*.notes": "Free text for reviewers: caveats, how a value was read. Public: no personal data.",
    "*.name": "The name as the ASEAN documents write it.",
    "Source.title": "The document's title.",
    "Source.url": "Where the document can be read.",
    "Source.kind": "What kind of document it is.",
    "Meeting.date": "The first day of the meeting, YYYY-MM-DD.",
    "Meeting.place": "City and venue.",
    "Meeting.mode": "Held in person or online.",
    "NetworkYear.year": "The year.",
    "NetworkYear.shepherd": "ISO code of the ASCN Shepherd's member state.",
    "NetworkYear.annual_meeting": "The annual meeting of that year.",
    "Network.founded": "The year the network was founded.",
    "Network.years": "One entry per year: chair, shepherd, annual meeting.",
    "Country.national_representative": "The ASCN National Representative, by role.",
    "Population.value": "The number of inhabitants.",
    "Location.lat": "Latitude in degrees, north positive.",
    "Location.lon": "Longitude in degrees, east positive.",
    "City.national_capital": "Whether the city is its country's capital.",
    "City.population": "The population and what the figure refers to.",
    "City.area_km2": "The area in square kilometres.",
    "City.location": "The city centre's coordinates.",
    "City.geonames_id": "The city's id in the GeoNames gazetteer.",
    "City.name_variants": "Other spellings of the name, e.g. in the national language.",
    "City.chief_smart_city_officer": "The Chief Smart City Officer, by role.",
    "Period.start": "The first year the plan covers.",
    "Period.end": "The last year the plan covers.",
    "Money.amount": "The amount, in units of the currency.",
    "Money.currency": "ISO 4217 currency code, e.g. USD.",
    "StatusUpdate.year": "The year the status was monitored.",
    "StatusUpdate.status": "The status in that year.",
    "StatusUpdate.percent_complete": "How far the project is, 0-100, where reported.",
    "StatusUpdate.note": "What the source says beyond the status.",
    "TitleInYear.year": "The year of the document.",
    "TitleInYear.title": "The title that document gives.",
    "Project.title": "The project's current title.",
    "Project.former_titles": "Titles the project had in earlier documents.",
    "Project.title_history": "The title each year's document gives.",
    "Project.focus_area": "The focus area the project serves.",
    "Project.description": "What the project does.",
    "Project.updates": "One status per monitored year, oldest first.",
    "Project.budget": "The budget, where a source gives one.",
    "Project.sdgs": "Numbers (1-17) of the Sustainable Development Goals served.",
    "Project.match_basis": "Why entries of different years are taken as this one project.",
    "Project.status_note": "How the statuses were read from the sources.",
    "Project.focus_area_note": "How the focus area was read from the sources.",
    "Plan.period": "The years the plan covers.",
    "Plan.vision": "The plan's vision statement and the year it names.",
    "Plan.earlier": "Earlier statements of the plan, each with its year and source.",
    "PlanStatement.focus_areas": "The framework's focus areas, only where the source states them.",
    "PlanStatement.focus_area_headings": "The plan's own focus-area headings, as printed.",
    "PlanStatement.strategic_targets": "The strategic targets as that document states them.",
    "PlanStatement.vision": "The vision as that document states it.",
    "Network.published_figures": "Figures ASEAN printed or stated, beside which reports show "
    "the dataset's own counts.",
    "PublishedFigure.measure": "What the figure counts; status-share and focus-area-share "
    "are percentages of all projects.",
    "Vision.text": "The vision as printed.",
    "Target.text": "The target as printed.",
    "Plan.strategic_targets": "The plan's strategic targets, one per item.",
    "Plan.projects": "The plan's projects.",
    "Partnership.id": "Partnership id, unique across the dataset: <city>-<partner>-<year>.",
    "Partnership.topic": "What the partnership is about.",
    "Partnership.focus_area": "The focus area it serves.",
    "Partnership.since": "The year it began.",
    "Partnership.until": "The year it ended, if it has.",
    "Partnership.commitment": "The amount committed, where a source gives one.",
    "Partnership.programme": "The partner's programme it belongs to.",
    "Partner.kind": "What kind of organisation the partner is.",
    "Partner.focus_areas": "The focus areas the partner works in.",
    "Partner.partnerships": "The partner's engagements with cities or the network.",
    "Partner.offers": "What the partner states it offers cities (used by `ascn match`).",
    "Project.seeking": "What the city looks for to carry the project forward, where a source "
    "says so.",
    "Project.investment": "The project's investment profile: stage, cost, funding, readiness.",
    "Seeking.amount": "How much the city looks for, where stated.",
    "Seeking.note": "What the source says, in its words where possible.",
    "CapitalCost.amount": "The capital cost, in units of the currency.",
    "CapitalCost.currency": "ISO 4217 currency code, e.g. USD.",
    "FundingSource.party": "What kind of party the funding comes from.",
    "FundingSource.amount": "The amount, where a source gives one.",
    "FundingSource.state": "committed (signed or approved) or pipeline (being arranged).",
    "FundingSource.instrument": "How the money comes: grant, loan, PPP, green bond ...",
    "ReadinessItem.dimension": "The G20 project-preparation dimension.",
    "ReadinessItem.answer": "yes, partial or no.",
    "Investment.stage": "Where the project stands, from identification to completion.",
    "Investment.capital_cost": "The estimated capital cost, with its currency and year.",
    "Investment.funding": "Each funding source, committed or in the pipeline; the gap is "
    "derived from the cost and the committed amounts.",
    "Investment.instruments": "The instruments the project will use (budget, loan, PPP ...).",
    "Investment.readiness": "The G20 readiness checklist, one item per dimension.",
    "TicketSize.min": "The smallest amount per project.",
    "TicketSize.max": "The largest amount per project.",
    "TicketSize.currency": "ISO 4217 currency code of both amounts.",
    "Offer.focus_areas": "The focus areas the offer covers (empty: any).",
    "Offer.instruments": "What the partner provides: grants, loans, technical assistance ...",
    "Offer.ticket_size": "The range of amounts per project.",
    "Offer.stages": "The project stages the partner supports (empty: any).",
    "Offer.countries": "The member states the offer covers, ISO codes (empty: any).",
}

EXAMPLES: dict[str, list[Any]] = {
    "*.sources": [["me-2024"]],
    "*.notes": ["What a reviewer should know about this record."],
    "Source.title": ["ASCN Monitoring and Evaluation Report 2024"],
    "Source.notes": ["Appendix tables list the projects by city."],
    "Meeting.place": ["Vientiane, Lao PDR"],
    "NetworkYear.shepherd": ["SG"],
    "Network.founded": [2018],
    "Population.note": ["2019 census"],
    "City.national_capital": [False],
    "City.geonames_id": [1583992],
    "StatusUpdate.note": ["Phase 1 finished; phase 2 tendered."],
    "TitleInYear.year": [2018],
    "TitleInYear.title": ["Smart Water Management"],
    "Project.former_titles": [["Smart Water Management"]],
    "Project.description": ["Sensors and a control centre to cut water losses."],
    "Project.partners": [["jica"]],
    "Project.match_basis": ["same project; title wording only"],
    "Project.status_note": ["The 2023 report gives no status; 2024 says ongoing."],
    "Project.focus_area_note": ["Mapped from the plan's 'Smart Environment' pillar."],
    "Plan.published": [False],
    "Plan.vision": [{"text": "A liveable, green and smart city by 2030.", "year": 2030}],
    "Plan.focus_area_headings": [["Smart Governance", "Smart Environment"]],
    "Plan.earlier": [
        [{"as_of": 2018, "vision": {"text": "A liveable city."}, "sources": ["scap-2018"]}]
    ],
    "Plan.strategic_targets": [[{"text": "Cut water losses to 15% by 2025.", "year": 2025}]],
    "PublishedFigure.as_of": ["2022-09-21"],
    "PublishedFigure.as_printed": ["65 projects in 2021"],
    "PublishedFigure.note": ["Six projects of the announced 65 are named in no public list."],
    "Network.published_figures": [
        [
            {
                "year": 2021,
                "measure": "projects",
                "value": 65,
                "as_printed": "65 projects in 2021",
                "kind": "report",
                "sources": ["me-2022"],
            }
        ]
    ],
    "Partnership.topic": ["Water supply"],
    "Partnership.projects": [["da-nang-smart-water-management"]],
    "Partnership.until": [2024],
    "Partnership.programme": ["Technical Cooperation Project"],
    "Partnership.name_as_reported": ["JICA"],
    "Source.id": ["me-2024"],
    "Source.url": ["https://asean.org/our-communities/asean-smart-cities-network/"],
    "Source.as_of": ["2024-10"],
    "Meeting.date": ["2024-10-17"],
    "NetworkYear.year": [2024],
    "NetworkYear.chair": ["LA"],
    "Country.iso2": ["VN"],
    "Country.name": ["Viet Nam"],
    "Role.role": ["Director"],
    "Role.organisation": ["Department of Information and Communications"],
    "Population.value": [1200000],
    "Location.lat": [16.0678],
    "Location.lon": [108.2208],
    "City.id": ["da-nang"],
    "City.name": ["Da Nang"],
    "City.country": ["VN"],
    "City.joined": [2018],
    "City.area_km2": [1285],
    "City.name_variants": [["Đà Nẵng"]],
    "Period.start": [2018],
    "Period.end": [2025],
    "Money.amount": [2500000],
    "Money.currency": ["USD"],
    "StatusUpdate.year": [2024],
    "StatusUpdate.percent_complete": [60],
    "Project.id": ["da-nang-smart-water-management"],
    "Project.title": ["Smart Water Management System"],
    "Project.first_listed": [2018],
    "Project.sdgs": [[6, 11]],
    "Plan.city": ["da-nang"],
    "Partnership.id": ["da-nang-jica-2019"],
    "Partnership.city": ["da-nang"],
    "Partnership.since": [2019],
    "Partner.id": ["jica"],
    "Partner.name": ["Japan International Cooperation Agency"],
    "Partner.country": ["JP"],
    "Project.seeking": [
        {
            "what": ["funding"],
            "focus": "private investment for construction",
            "sources": ["me-2025"],
        }
    ],
    "Project.investment": [
        {
            "stage": "feasibility",
            "as_of": 2025,
            "capital_cost": {"amount": 25000000, "currency": "USD", "year": 2024},
            "funding": [
                {
                    "party": "city",
                    "amount": {"amount": 5000000, "currency": "USD"},
                    "state": "committed",
                }
            ],
            "sources": ["me-2025"],
        }
    ],
    "Seeking.what": [["funding", "technical-assistance"]],
    "Seeking.focus": ["feasibility study"],
    "Seeking.partner_kinds": [["private-sector"]],
    "Seeking.as_of": [2025],
    "FundingSource.name": ["Asian Development Bank"],
    "FundingSource.partner": ["adb"],
    "ReadinessItem.evidence": ["Feasibility study approved by the city council, March 2024."],
    "Investment.as_of": [2025],
    "Investment.instruments": [["loan", "ppp"]],
    "Investment.feasibility_study": ["Feasibility study for the water network, 2024"],
    "CapitalCost.year": [2024],
    "Partner.offers": [
        {
            "instruments": ["grant", "technical-assistance"],
            "stages": ["feasibility"],
            "sources": ["me-2024"],
        }
    ],
    "Offer.countries": [["KH", "LA"]],
    "TicketSize.min": [100000],
    "TicketSize.max": [5000000],
}


def build(kind: str) -> dict[str, Any]:
    """The JSON Schema of one record kind (network, source, country, city, plan, partner)."""
    model = KIND_BY_NAME[kind].model
    schema = model.model_json_schema()
    for name, node in _model_nodes(schema, model):
        _enrich_fields(name, node, getattr(models, name))
    for name, node in schema.get("$defs", {}).items():
        if "enum" in node:
            _enrich_enum(name, node)
    return {"$schema": DIALECT, **schema}


def _enrich_enum(name: str, node: dict[str, Any]) -> None:
    node["title"] = _words(name)
    labels = ENUM_LABELS.get(name)
    if labels is not None:
        enum = getattr(models, name)
        node["enumDescriptions"] = [labels[enum(value)] for value in node["enum"]]


def _model_nodes(schema: dict[str, Any], model: type[BaseModel]) -> list[tuple[str, Any]]:
    """The root and every model in `$defs`, by class name."""
    nodes = [(model.__name__, schema)]
    for name, node in schema.get("$defs", {}).items():
        if isinstance(getattr(models, name, None), type) and "properties" in node:
            nodes.append((name, node))
    return nodes


def _enrich_fields(name: str, node: dict[str, Any], model: type[BaseModel]) -> None:
    for field, prop in node["properties"].items():
        prop["title"] = TITLES.get(field, field.replace("_", " ").capitalize())
        doc = FIELD_DOCS.get(f"{name}.{field}") or FIELD_DOCS.get(f"*.{field}")
        if doc and "description" not in prop:
            prop["description"] = doc
        examples = examples_of(name, field)
        if examples is not None:
            prop["examples"] = examples
    node["title"] = _words(model.__name__)


def examples_of(model_name: str, field: str) -> list[Any] | None:
    """The examples of a field: its own, or those every model's field of that name shares."""
    return EXAMPLES.get(f"{model_name}.{field}") or EXAMPLES.get(f"*.{field}")


def description_of(model: type[BaseModel], field: str) -> str | None:
    """A field's description: the model's own, else the one written here."""
    own = model.model_fields[field].description
    return own or FIELD_DOCS.get(f"{model.__name__}.{field}") or FIELD_DOCS.get(f"*.{field}")


def _words(class_name: str) -> str:
    """`StatusUpdate` -> `Status update`."""
    spaced = "".join(f" {c.lower()}" if c.isupper() else c for c in class_name).strip()
    return spaced[0].upper() + spaced[1:]


def render(kind: str) -> str:
    """The schema of one kind as the text of its file (field order kept for completion)."""
    return json.dumps(build(kind), indent=2, ensure_ascii=False) + "\n"


def default_folder(data_dir: Path) -> Path:
    """Where the schema files live: schema/ beside the data folder, as the modelines say."""
    return data_dir.parent / SCHEMA_DIR


def file_name(kind: str) -> str:
    """The schema file's name, as the data files' modelines give it."""
    return f"{kind}.schema.json"


def expected_files() -> dict[str, str]:
    """Every schema file's name and the text the models give it now."""
    return {file_name(kind.name): render(kind.name) for kind in KINDS}


def stale_files(out_dir: Path) -> list[str]:
    """Names of the schema files in `out_dir` that are missing or differ from the models."""
    stale = []
    for name, text in expected_files().items():
        path = out_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


def check_message(folder: Path, stale: list[str]) -> str:
    """What `ascn schema --check` says: which files are out of date, or that none is."""
    if not stale:
        return f"The {len(KINDS)} schema files in {display_path(folder)} are up to date.\n"
    lines = [f"{display_path(folder / name)} {_staleness(folder / name)}" for name in stale]
    return "\n".join([*lines, "Run `ascn schema` to update the schema files."]) + "\n"


def _staleness(path: Path) -> str:
    return "is out of date with the models" if path.exists() else "is missing"


def write_message(folder: Path, written: list[str]) -> str:
    """What `ascn schema` says after writing: the files it wrote, or that none changed."""
    if not written:
        return f"The {len(KINDS)} schema files in {display_path(folder)} were already up to date.\n"
    return "".join(f"wrote {display_path(folder / name)}\n" for name in written)
