"""Rules that need more than one field or file, registered by problem code in CHECKS.

Each check is a small generator over a loaded Dataset that yields problems with a
pointer into the offending file; the loader turns pointers into lines and columns.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from ascn.models import Dataset, Plan, Project
from ascn.problems import Pointer, Problem
from ascn.reference import ISO_COUNTRIES, Status


@dataclass(frozen=True)
class Context:
    """What checks may know beyond the data: the current year, for 'in the future'."""

    current_year: int


Check = Callable[[Dataset, Context], Iterator[Problem]]


def _did_you_mean(given: str, known: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(given, sorted(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def _project_label(plan: Plan, project: Project, ds: Dataset) -> str:
    return f'{ds.city_name(plan.city)}, project "{project.title}"'


def id_mismatch(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A record's id differs from its file name (FAIL: cities/hue.yaml with `id: da-nang`)."""
    for kind, records, field in (
        ("source", ds.sources, "id"),
        ("country", ds.countries, "iso2"),
        ("city", ds.cities, "id"),
        ("plan", ds.plans, "city"),
        ("partner", ds.partners, "id"),
    ):
        for stem, record in records.items():
            value = str(getattr(record, field))
            if value.lower() != stem:
                message = f"{field} '{value}' does not match the file name '{stem}.yaml'"
                hint = f"rename the file to {value.lower()}.yaml or set {field} to '{stem}'"
                yield Problem.at_pointer(
                    "id-mismatch", message, ds.file_of(kind, stem), (field,), hint=hint
                )


def duplicate_id(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """Two projects, or two partnerships, share an id (ids are unique across the dataset)."""
    seen: dict[str, str] = {}
    for plan, index, project in ds.projects():
        file = ds.file_of("plan", plan.city)
        if project.id in seen:
            message = f"project id '{project.id}' is already used in {seen[project.id]}"
            yield Problem.at_pointer("duplicate-id", message, file, ("projects", index, "id"))
        seen.setdefault(project.id, file)
    seen.clear()
    for partner_id, partner in ds.partners.items():
        file = ds.file_of("partner", partner_id)
        for index, partnership in enumerate(partner.partnerships):
            if partnership.id in seen:
                message = (
                    f"partnership id '{partnership.id}' is already used in {seen[partnership.id]}"
                )
                yield Problem.at_pointer(
                    "duplicate-id", message, file, ("partnerships", index, "id")
                )
            seen.setdefault(partnership.id, file)


def duplicate_year(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """The network lists the same year twice."""
    if ds.network is None:
        return
    seen: set[int] = set()
    for index, year in enumerate(ds.network.years):
        if year.year in seen:
            message = f"year {year.year} is listed twice"
            yield Problem.at_pointer(
                "duplicate-year",
                message,
                ds.file_of("network", "network"),
                ("years", index, "year"),
            )
        seen.add(year.year)


def plan_without_city(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A plan file for a city that has no file in data/cities/."""
    cities = ds.known_ids("city", ds.cities)
    for stem in ds.plans:
        if stem not in cities:
            message = f"plan for '{stem}', but there is no data/cities/{stem}.yaml"
            hint = _did_you_mean(stem, ds.cities) or "add the city file first (ascn new city)"
            yield Problem.at_pointer(
                "plan-without-city", message, ds.file_of("plan", stem), ("city",), hint=hint
            )


def ref_unknown_city(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A partnership names a city id that no file in data/cities/ defines."""
    cities = ds.known_ids("city", ds.cities)
    for partner_id, partner in ds.partners.items():
        for index, partnership in enumerate(partner.partnerships):
            if partnership.city is not None and partnership.city not in cities:
                who = f"{partner.name}: partnership {partnership.id}"
                message = f"{who} names unknown city '{partnership.city}'"
                yield Problem.at_pointer(
                    "ref-unknown-city",
                    message,
                    ds.file_of("partner", partner_id),
                    ("partnerships", index, "city"),
                    hint=_did_you_mean(partnership.city, ds.cities),
                )


def ref_unknown_partner(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A project names a partner id that no file in data/partners/ defines."""
    partners = ds.known_ids("partner", ds.partners)
    for plan, index, project in ds.projects():
        for position, partner_id in enumerate(project.partners):
            if partner_id not in partners:
                message = (
                    f"{_project_label(plan, project, ds)} names unknown partner '{partner_id}'"
                )
                yield Problem.at_pointer(
                    "ref-unknown-partner",
                    message,
                    ds.file_of("plan", plan.city),
                    ("projects", index, "partners", position),
                    hint=_did_you_mean(partner_id, ds.partners),
                )


def _project_cities(ds: Dataset) -> dict[str, str]:
    return {project.id: plan.city for plan, _, project in ds.projects()}


def ref_unknown_project(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A partnership names a project id that no plan defines."""
    project_city = _project_cities(ds)
    # Project ids start with their city's id: a project of a plan that failed to load is
    # not reported as unknown.
    broken_plans = tuple(f"{stem}-" for kind, stem in ds.unloaded if kind == "plan")
    for partner_id, partner in ds.partners.items():
        for index, partnership in enumerate(partner.partnerships):
            for position, project_id in enumerate(partnership.projects):
                if project_id not in project_city and not project_id.startswith(broken_plans):
                    who = f"{partner.name}: partnership {partnership.id}"
                    message = f"{who} names unknown project '{project_id}'"
                    yield Problem.at_pointer(
                        "ref-unknown-project",
                        message,
                        ds.file_of("partner", partner_id),
                        ("partnerships", index, "projects", position),
                        hint=_did_you_mean(project_id, project_city),
                    )


def partnership_foreign_project(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A city's partnership names a project of another city."""
    project_city = _project_cities(ds)
    for partner_id, partner in ds.partners.items():
        for index, partnership in enumerate(partner.partnerships):
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


def _source_refs(model: BaseModel, pointer: Pointer) -> Iterator[tuple[Pointer, str]]:
    """Every entry of every `sources:` list inside a record, with its pointer."""
    # The instance __dict__ holds the fields in order, at a third of the cost of
    # getattr over model_fields (this walk is over every record).
    for name, value in model.__dict__.items():
        if name == "sources":
            yield from (((*pointer, name, index), ref) for index, ref in enumerate(value))
        elif isinstance(value, BaseModel):
            yield from _source_refs(value, (*pointer, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _source_refs(item, (*pointer, name, index))


def _all_records(ds: Dataset) -> Iterator[tuple[str, str, BaseModel]]:
    if ds.network is not None:
        yield "network", "network", ds.network
    for kind, records in (
        ("source", ds.sources),
        ("country", ds.countries),
        ("city", ds.cities),
        ("plan", ds.plans),
        ("partner", ds.partners),
    ):
        for stem, record in records.items():
            yield kind, stem, record


def ref_unknown_source(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A `sources:` entry is neither a web address nor a file in data/sources/."""
    sources = ds.known_ids("source", ds.sources)
    for kind, stem, record in _all_records(ds):
        for pointer, ref in _source_refs(record, ()):
            if not ref.startswith(("http://", "https://")) and ref not in sources:
                message = f"unknown source '{ref}': no data/sources/{ref}.yaml"
                yield Problem.at_pointer(
                    "ref-unknown-source",
                    message,
                    ds.file_of(kind, stem),
                    pointer,
                    hint=_did_you_mean(ref, ds.sources),
                )


def project_outside_period(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A project is first listed, or updated, in a year outside its plan's period."""
    for plan, index, project in ds.projects():
        if plan.period is None:
            continue
        start, end = plan.period.start, plan.period.end
        years: list[tuple[Pointer, int]] = [
            (("projects", index, "first_listed"), project.first_listed)
        ]
        years += [
            (("projects", index, "updates", n, "year"), u.year)
            for n, u in enumerate(project.updates)
        ]
        for pointer, year in years:
            if not start <= year <= end:
                label = _project_label(plan, project, ds)
                message = f"{label}: {year} is outside the plan period {start}-{end}"
                yield Problem.at_pointer(
                    "project-outside-period", message, ds.file_of("plan", plan.city), pointer
                )


def bad_period(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A period ends before it starts (a plan's period, a partnership's since/until)."""
    for stem, plan in ds.plans.items():
        if plan.period and plan.period.end < plan.period.start:
            start, end = plan.period.start, plan.period.end
            message = (
                f"plan of {ds.city_name(stem)}: period ends ({end}) before it starts ({start})"
            )
            yield Problem.at_pointer(
                "bad-period", message, ds.file_of("plan", stem), ("period", "end")
            )
    for partner_id, partner in ds.partners.items():
        for index, p in enumerate(partner.partnerships):
            if p.since is not None and p.until is not None and p.until < p.since:
                who = f"{partner.name}: partnership {p.id}"
                message = f"{who} ends ({p.until}) before it begins ({p.since})"
                yield Problem.at_pointer(
                    "bad-period",
                    message,
                    ds.file_of("partner", partner_id),
                    ("partnerships", index, "until"),
                )


def update_order(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A project's yearly updates are not in increasing year order, or repeat a year."""
    for plan, index, project in ds.projects():
        for n in range(1, len(project.updates)):
            before, year = project.updates[n - 1].year, project.updates[n].year
            if year <= before:
                what = "repeats" if year == before else "comes after"
                message = (
                    f"{_project_label(plan, project, ds)}: update {year} {what} update {before}"
                )
                hint = "list one update per year, oldest first"
                yield Problem.at_pointer(
                    "update-order",
                    message,
                    ds.file_of("plan", plan.city),
                    ("projects", index, "updates", n, "year"),
                    hint=hint,
                )


def update_in_future(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A status update is for a year that has not begun yet."""
    for plan, index, project in ds.projects():
        for n, update in enumerate(project.updates):
            if update.year > ctx.current_year:
                label = _project_label(plan, project, ds)
                message = f"{label}: update for {update.year} is in the future"
                yield Problem.at_pointer(
                    "update-in-future",
                    message,
                    ds.file_of("plan", plan.city),
                    ("projects", index, "updates", n, "year"),
                )


def update_before_listed(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A status update is for a year before the project was first listed."""
    for plan, index, project in ds.projects():
        for n, update in enumerate(project.updates):
            if update.year < project.first_listed:
                label = _project_label(plan, project, ds)
                first = project.first_listed
                message = f"{label}: update {update.year} is before it was first listed ({first})"
                yield Problem.at_pointer(
                    "update-before-listed",
                    message,
                    ds.file_of("plan", plan.city),
                    ("projects", index, "updates", n, "year"),
                )


_AFTER_COMPLETED = {Status.COMPLETED, Status.REMOVED}


def status_regression(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A status goes back from completed, or an update follows a removal."""
    for plan, index, project in ds.projects():
        previous: Status | None = None
        for n, update in enumerate(project.updates):
            if previous is Status.REMOVED or (
                previous is Status.COMPLETED and update.status not in _AFTER_COMPLETED
            ):
                label = _project_label(plan, project, ds)
                change = f"{update.status.value} in {update.year} after {previous.value}"
                message = f"{label}: {change}"
                hint = "a completed project stays completed; a removed one gets no further updates"
                yield Problem.at_pointer(
                    "status-regression",
                    message,
                    ds.file_of("plan", plan.city),
                    ("projects", index, "updates", n, "status"),
                    hint=hint,
                )
            previous = update.status


def focus_area_not_in_plan(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """Warning: a project's focus area is not among the focus areas its plan chose."""
    for plan, index, project in ds.projects():
        if plan.focus_areas and project.focus_area not in plan.focus_areas:
            label = _project_label(plan, project, ds)
            area = project.focus_area.value
            message = f"{label}: focus area {area} is not among the plan's focus areas"
            yield Problem.warning(
                "focus-area-not-in-plan",
                message,
                ds.file_of("plan", plan.city),
                ("projects", index, "focus_area"),
            )


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"(?<![\w/.-])\+?\(?\d[\d ()-]{7,}\d(?![\w/.-])")
_NOT_PHONE = re.compile(r"\d{4}-\d{2}(-\d{2})?|\d{4}\s*-\s*\d{4}")


def _looks_like_phone(text: str) -> bool:
    """Nine or more digits grouped like a phone number, and not a date or a range of years."""
    for match in _PHONE.finditer(text):
        number = match.group()
        digits = sum(char.isdigit() for char in number)
        grouped = number.startswith("+") or any(sep in number for sep in " ()-")
        if digits >= 9 and grouped and not _NOT_PHONE.search(number):
            return True
    return False


def _texts(value: object, pointer: Pointer) -> Iterator[tuple[Pointer, str]]:
    # Exact types: enum members (str subclasses) cannot hold contact details, and
    # skipping them and None halves this walk over every record.
    if type(value) is str:
        yield pointer, value
    elif isinstance(value, BaseModel):
        for name, item in value.__dict__.items():
            if item is not None:
                yield from _texts(item, (*pointer, name))
    elif type(value) is list:
        for index, item in enumerate(value):
            yield from _texts(item, (*pointer, index))


def _personal_kind(text: str) -> str | None:
    """What kind of contact detail the text seems to hold, if any."""
    if text.startswith(("http://", "https://")):
        return None
    if _EMAIL.search(text):
        return "an e-mail address"
    return "a phone number" if _looks_like_phone(text) else None


def personal_data(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """Warning: text that looks like an e-mail address or a phone number (never echoed)."""
    hint = "data is public: name roles and organisations, never people or their contacts"
    for kind, stem, record in _all_records(ds):
        for pointer, text in _texts(record, ()):
            what = _personal_kind(text)
            if what:
                message = f"{pointer[-1] if pointer else 'value'} looks like it holds {what}"
                file = ds.file_of(kind, stem)
                yield Problem.warning("personal-data", message, file, pointer, hint=hint)


CHECKS: dict[str, Check] = {
    "bad-period": bad_period,
    "duplicate-id": duplicate_id,
    "duplicate-year": duplicate_year,
    "focus-area-not-in-plan": focus_area_not_in_plan,
    "id-mismatch": id_mismatch,
    "partnership-foreign-project": partnership_foreign_project,
    "personal-data": personal_data,
    "plan-without-city": plan_without_city,
    "project-outside-period": project_outside_period,
    "ref-unknown-city": ref_unknown_city,
    "ref-unknown-country": ref_unknown_country,
    "ref-unknown-partner": ref_unknown_partner,
    "ref-unknown-project": ref_unknown_project,
    "ref-unknown-source": ref_unknown_source,
    "status-regression": status_regression,
    "update-before-listed": update_before_listed,
    "update-in-future": update_in_future,
    "update-order": update_order,
}


def run_all(ds: Dataset, current_year: int | None = None) -> Iterator[Problem]:
    """Every check over the dataset, in code order."""
    ctx = Context(current_year if current_year is not None else dt.date.today().year)
    for code in sorted(CHECKS):
        yield from CHECKS[code](ds, ctx)
