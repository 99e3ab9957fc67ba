"""Pydantic models of the ASCN records: field rules only, no I/O.

The models are the single source of truth for the data format: the loader
validates files against them, `ascn schema` exports them as JSON Schema and
`ascn new` scaffolds from them. Cross-record rules live in `checks`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StringConstraints

from ascn.ids import SLUG_PATTERN
from ascn.reference import (
    FigureKind,
    FocusArea,
    FundingState,
    Instrument,
    Measure,
    MeetingMode,
    PartnerKind,
    PartyType,
    Readiness,
    ReadinessDimension,
    SeekingKind,
    SourceKind,
    Stage,
    Status,
)

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=100)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=5000)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=300)]
# A source is named by the id of a file in data/sources/ or by a public URL.
SourceRef = Annotated[str, StringConstraints(pattern=r"^([a-z0-9]+(-[a-z0-9]+)*|https?://\S+)$")]
Year = Annotated[StrictInt, Field(ge=1900, le=2100)]


class Record(BaseModel):
    """Base of every model: unknown fields are errors and values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Role(Record):
    """A position held by someone, named by role and organisation, never by person."""

    role: Line = Field(description="The role, e.g. 'Director of Smart City Office'.")
    organisation: Line = Field(description="The organisation the role belongs to.")


class Source(Record):
    """A public document that facts in the dataset come from (data/sources/<id>.yaml)."""

    id: Slug = Field(description="Source id; equals the file name.")
    title: Text
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    as_of: str | None = Field(
        default=None,
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="Date of the information: YYYY, YYYY-MM or YYYY-MM-DD.",
    )
    kind: SourceKind
    notes: Text | None = None


class Meeting(Record):
    """The network's annual meeting in one year."""

    date: dt.date
    place: Line
    mode: MeetingMode


class NetworkYear(Record):
    """Who chaired and shepherded the network in a year, and its annual meeting."""

    year: Year
    chair: CountryCode = Field(description="ISO code of the ASCN Chair's member state.")
    shepherd: CountryCode | None = None
    annual_meeting: Meeting | None = None
    notes: Text | None = None
    sources: list[SourceRef] = Field(default_factory=list)


class PublishedFigure(Record):
    """A figure ASEAN printed or stated about the network, set beside the dataset's own count."""

    year: Year = Field(description="The year the figure is for.")
    as_of: str | None = Field(
        default=None,
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="The 'as of' date printed with the figure: YYYY, YYYY-MM or YYYY-MM-DD.",
    )
    measure: Measure
    status: Status | None = Field(
        default=None, description="For projects-by-status and status-share only."
    )
    focus_area: FocusArea | None = Field(default=None, description="For focus-area-share only.")
    value: Annotated[float, Field(ge=0)] = Field(
        description="The value as a number: a count, or a percentage for the two shares."
    )
    as_printed: Line | None = Field(
        default=None, description="The value as printed, if it differs."
    )
    kind: FigureKind = Field(description="report (an official report) or statement (a speech).")
    note: Text | None = Field(
        default=None, description="Why the figure differs from the records, where it does."
    )
    sources: list[SourceRef] = Field(min_length=1)


class ReportSettings(Record):
    """How the annual report names its publisher and asks to be cited."""

    publisher: Line | None = Field(default=None, description="Who publishes the report.")
    citation: Text | None = Field(
        default=None,
        description="Suggested citation; {year}, {title}, {publisher} and {cutoff} are filled in.",
    )


class Network(Record):
    """The ASEAN Smart Cities Network itself (data/network.yaml)."""

    name: Line
    founded: Year
    years: list[NetworkYear] = Field(default_factory=list)
    published_figures: list[PublishedFigure] = Field(default_factory=list)
    report: ReportSettings | None = Field(
        default=None, description="The annual report's publisher and suggested citation."
    )
    notes: Text | None = None
    sources: list[SourceRef] = Field(default_factory=list)


class Country(Record):
    """An ASEAN member state (data/countries/<iso2>.yaml)."""

    iso2: CountryCode = Field(description="ISO 3166-1 alpha-2 code; the file name in lowercase.")
    name: Line
    national_representative: Role | None = None
    sources: list[SourceRef] = Field(default_factory=list)


class Population(Record):
    """A population figure and what it refers to."""

    value: Annotated[StrictInt, Field(ge=0)]
    note: Text | None = Field(default=None, description="What the figure refers to, its year.")


class Location(Record):
    """A point (WGS84)."""

    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]


class City(Record):
    """A member city of the network (data/cities/<id>.yaml)."""

    id: Slug = Field(description="City id; equals the file name.")
    name: Line
    country: CountryCode = Field(description="ISO code of the member state.")
    national_capital: StrictBool | None = None
    joined: Year = Field(description="Year the city joined the network.")
    population: Population | None = None
    area_km2: Annotated[float, Field(gt=0)] | None = None
    location: Location | None = None
    geonames_id: Annotated[StrictInt, Field(gt=0)] | None = None
    name_variants: list[Line] = Field(default_factory=list)
    chief_smart_city_officer: Role | None = None
    notes: Text | None = None
    sources: list[SourceRef] = Field(default_factory=list)


class Period(Record):
    """The years a plan covers, inclusive."""

    start: Year
    end: Year


class Money(Record):
    """An amount of money in an ISO 4217 currency."""

    amount: Annotated[float, Field(ge=0)]
    currency: CurrencyCode


class StatusUpdate(Record):
    """A project's status as monitored in one year."""

    year: Year
    status: Status
    percent_complete: Annotated[StrictInt, Field(ge=0, le=100)] | None = None
    note: Text | None = None


class TitleInYear(Record):
    """The exact title a document of that year gives the project."""

    year: Year
    title: Line


class Seeking(Record):
    """What the city looks for to carry a project forward, as a source states it."""

    what: list[SeekingKind] = Field(min_length=1, description="Partner, funding, assistance.")
    focus: Line | None = Field(default=None, description="What for, in a few words.")
    partner_kinds: list[PartnerKind] = Field(
        default_factory=list, description="The kinds of partner the city looks for."
    )
    amount: Money | None = None
    as_of: Year | None = Field(default=None, description="The year the source says so.")
    note: Text | None = None
    sources: list[SourceRef] = Field(min_length=1)


class CapitalCost(Record):
    """A project's capital cost, in a currency, as estimated in a year."""

    amount: Annotated[float, Field(ge=0)]
    currency: CurrencyCode
    year: Year | None = Field(default=None, description="The year of the estimate.")


class FundingSource(Record):
    """One source of a project's funding: who, how much, and whether it is committed."""

    party: PartyType
    name: Line | None = Field(default=None, description="Who, as the source names them.")
    partner: Slug | None = Field(default=None, description="Partner id, if it has a file.")
    amount: Money | None = None
    state: FundingState
    instrument: Instrument | None = None
    sources: list[SourceRef] = Field(default_factory=list)


class ReadinessItem(Record):
    """One G20 dimension of project preparation: how far it is met, and what shows it."""

    dimension: ReadinessDimension
    answer: Readiness
    evidence: Text | None = Field(default=None, description="What shows it, in the source's words.")
    sources: list[SourceRef] = Field(default_factory=list)


class Investment(Record):
    """A project's investment profile; the funding gap is derived, never stored."""

    stage: Stage
    as_of: Year | None = Field(default=None, description="The year the stage was stated.")
    capital_cost: CapitalCost | None = None
    funding: list[FundingSource] = Field(default_factory=list)
    instruments: list[Instrument] = Field(default_factory=list)
    feasibility_study: Text | None = Field(
        default=None, description="The feasibility study: title, date or where it is published."
    )
    readiness: list[ReadinessItem] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)


class Project(Record):
    """A project of a city's Smart City Action Plan."""

    id: Slug = Field(description="Project id, unique across the dataset: <city>-<slug>.")
    title: Line
    former_titles: list[Line] = Field(default_factory=list)
    title_history: list[TitleInYear] = Field(default_factory=list)
    focus_area: FocusArea
    description: Text | None = None
    first_listed: Year = Field(description="Year of the first document listing the project.")
    updates: list[StatusUpdate] = Field(default_factory=list)
    budget: Money | None = None
    partners: list[Slug] = Field(default_factory=list, description="Partner ids.")
    sdgs: list[Annotated[StrictInt, Field(ge=1, le=17)]] = Field(default_factory=list)
    match_basis: Text | None = None
    status_note: Text | None = None
    focus_area_note: Text | None = None
    seeking: Seeking | None = None
    investment: Investment | None = None
    sources: list[SourceRef] = Field(default_factory=list)

    # Year lookups, computed once per project: the report asks them for every year.
    @cached_property
    def update_by_year(self) -> dict[int, StatusUpdate]:
        """The first update recorded for each year."""
        by_year: dict[int, StatusUpdate] = {}
        for update in self.updates:
            by_year.setdefault(update.year, update)
        return by_year

    @cached_property
    def first_year_by_status(self) -> dict[Status, int]:
        """The year of the first update with each status the project has had."""
        first: dict[Status, int] = {}
        for update in self.updates:
            first[update.status] = min(update.year, first.get(update.status, update.year))
        return first


class Vision(Record):
    """A plan's vision statement, and the year it names if any ("by 2030")."""

    text: Text
    year: Year | None = Field(default=None, description="The year the vision names, if any.")


class Target(Record):
    """One strategic target of a plan, as printed, with the year it names if any."""

    text: Text
    year: Year | None = Field(default=None, description="The target year, where printed.")


class PlanStatement(Record):
    """The plan as one document states it: an earlier edition kept beside the current one."""

    as_of: Year = Field(description="The year of the document (2018: the SCAP, 2019: the report).")
    vision: Vision | None = None
    focus_areas: list[FocusArea] = Field(default_factory=list)
    focus_area_headings: list[Line] = Field(default_factory=list)
    strategic_targets: list[Target] = Field(default_factory=list)
    notes: Text | None = None
    sources: list[SourceRef] = Field(default_factory=list)


class Plan(Record):
    """A city's Smart City Action Plan (data/plans/<city>.yaml).

    The top-level vision, focus areas and targets are the plan as currently stated;
    `earlier` keeps the statements it replaced, each with its year and source.
    """

    city: Slug = Field(description="City id; equals the file name.")
    published: StrictBool = Field(
        default=True,
        description="False for a member city without a published SCAP (then no vision or targets).",
    )
    period: Period | None = None
    vision: Vision | None = None
    focus_areas: list[FocusArea] = Field(
        default_factory=list,
        description="The framework's focus areas, only where the source states them.",
    )
    focus_area_headings: list[Line] = Field(
        default_factory=list, description="The plan's own focus-area headings, as printed."
    )
    strategic_targets: list[Target] = Field(default_factory=list)
    earlier: list[PlanStatement] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    notes: Text | None = None
    sources: list[SourceRef] = Field(default_factory=list)


class Partnership(Record):
    """One engagement of a partner with a city, or with the whole network."""

    id: Slug
    city: Slug | None = Field(default=None, description="City id; absent for the network.")
    topic: Text
    focus_area: FocusArea | None = None
    projects: list[Slug] = Field(default_factory=list, description="Project ids supported.")
    since: Year | None = None
    until: Year | None = None
    commitment: Money | None = None
    programme: Line | None = None
    name_as_reported: Line | None = Field(
        default=None, description="The partner's name as the sources give it here, if different."
    )
    notes: Text | None = None
    sources: list[SourceRef] = Field(default_factory=list)


class TicketSize(Record):
    """The range of amounts a partner commits to one project."""

    min: Annotated[float, Field(ge=0)] | None = None
    max: Annotated[float, Field(ge=0)] | None = None
    currency: CurrencyCode


class Offer(Record):
    """What a partner states it offers cities; an empty list means any."""

    focus_areas: list[FocusArea] = Field(default_factory=list)
    instruments: list[Instrument] = Field(default_factory=list)
    ticket_size: TicketSize | None = None
    stages: list[Stage] = Field(default_factory=list)
    countries: list[CountryCode] = Field(default_factory=list)
    sources: list[SourceRef] = Field(min_length=1)


class Partner(Record):
    """An external partner and its partnerships (data/partners/<id>.yaml)."""

    id: Slug = Field(description="Partner id; equals the file name.")
    name: Line
    kind: PartnerKind
    country: CountryCode | None = Field(
        default=None, description="ISO code; absent if international."
    )
    focus_areas: list[FocusArea] = Field(default_factory=list)
    partnerships: list[Partnership] = Field(default_factory=list)
    offers: Offer | None = None
    notes: Text | None = None
    sources: list[SourceRef] = Field(default_factory=list)


@dataclass(frozen=True)
class Dataset:
    """All records that loaded, keyed by the id their file name gives, and where each lives."""

    network: Network | None = None
    sources: Mapping[str, Source] = field(default_factory=dict)
    countries: Mapping[str, Country] = field(default_factory=dict)  # keyed by lowercase iso2
    cities: Mapping[str, City] = field(default_factory=dict)
    plans: Mapping[str, Plan] = field(default_factory=dict)
    partners: Mapping[str, Partner] = field(default_factory=dict)
    files: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> path
    # Records whose file exists but did not load: references to them are not reported
    # as unknown, so one broken file gives one problem, not one per reference.
    unloaded: frozenset[tuple[str, str]] = frozenset()
    # Records whose file's text cannot hold an e-mail address or a phone number
    # (ascn.load.contacts), by (kind, id), with the record itself: the personal-data check
    # skips a record only if it is that very object, so a record replaced since (a writer's
    # new text, `dataclasses.replace`) is walked. Only a shortcut: any other record is walked.
    contact_free: Mapping[tuple[str, str], object] = field(default_factory=dict)

    @classmethod
    def from_records(
        cls,
        records: Mapping[str, Mapping[str, Any]],
        files: Mapping[tuple[str, str], str],
        unloaded: frozenset[tuple[str, str]] = frozenset(),
        contact_free: Mapping[tuple[str, str], object] | None = None,
    ) -> Dataset:
        """A dataset from records grouped by kind name (network, source, ...) and id."""
        network = next(iter(records.get("network", {}).values()), None)
        return cls(
            network=network,
            sources=dict(records.get("source", {})),
            countries=dict(records.get("country", {})),
            cities=dict(records.get("city", {})),
            plans=dict(records.get("plan", {})),
            partners=dict(records.get("partner", {})),
            files=dict(files),
            unloaded=unloaded,
            contact_free=dict(contact_free or {}),
        )

    def known_ids(self, kind: str, loaded: Mapping[str, object]) -> set[str]:
        """Ids of a kind that references may name: loaded records and files that failed."""
        return set(loaded) | {stem for k, stem in self.unloaded if k == kind}

    def file_of(self, kind: str, record_id: str) -> str:
        """The path of the file that holds a record, as shown in messages."""
        return self.files.get((kind, record_id), f"<{kind} {record_id}>")

    def projects(self) -> Iterator[tuple[Plan, int, Project]]:
        """Every project with its plan and its index in the plan, in file order."""
        for plan in self.plans.values():
            for index, project in enumerate(plan.projects):
                yield plan, index, project

    def partnerships(self) -> Iterator[tuple[str, Partner, int, Partnership]]:
        """Every partnership with its partner's file id, its partner and index, in file order."""
        for stem, partner in self.partners.items():
            for index, partnership in enumerate(partner.partnerships):
                yield stem, partner, index, partnership

    def city_name(self, city_id: str) -> str:
        """The city's name, or its id when there is no city file."""
        city = self.cities.get(city_id)
        return city.name if city else city_id
