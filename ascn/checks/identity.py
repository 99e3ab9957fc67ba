"""Ids and years that must match their file or be unique."""

from __future__ import annotations

import dataclasses
from collections.abc import Container, Iterator, Sequence
from typing import TYPE_CHECKING

from ascn import examples as ex
from ascn.checks.base import Context
from ascn.problems import CodeDoc, Example, Pointer, Problem, Severity

if TYPE_CHECKING:
    from ascn.models import Dataset

if TYPE_CHECKING:
    from ascn.models import Dataset

ERROR, WARNING = Severity.ERROR, Severity.WARNING


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


def free_id(taken: Container[str], wanted: str) -> str:
    """The first of `wanted-2`, `wanted-3`, ... that no record uses yet."""
    number = 2
    while f"{wanted}-{number}" in taken:
        number += 1
    return f"{wanted}-{number}"


First = tuple[str, Pointer, str]  # file, pointer, title of the first use


def duplicate_id(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """Two projects, or two partnerships, share an id (ids are unique across the dataset)."""
    # Where each id is used is written out only if some id repeats: that was most of the check.
    if _repeats([p.id for _, _, p in ds.projects()]):
        projects = [
            (p.id, ds.file_of("plan", plan.city), ("projects", i, "id"), f'"{p.title}"')
            for plan, i, p in ds.projects()
        ]
        yield from _duplicates("project", projects)
    if _repeats([p.id for _, _, _, p in ds.partnerships()]):
        partnerships = [
            (p.id, ds.file_of("partner", stem), ("partnerships", i, "id"), f"of {partner.name}")
            for stem, partner, i, p in ds.partnerships()
        ]
        yield from _duplicates("partnership", partnerships)


def _repeats(ids: list[str]) -> bool:
    return len(set(ids)) < len(ids)


def _duplicates(what: str, uses: Sequence[tuple[str, str, Pointer, str]]) -> Iterator[Problem]:
    """A problem at each repeated id, naming the first use and suggesting a free id."""
    taken = {record_id for record_id, *_ in uses}
    first: dict[str, First] = {}
    for record_id, file, pointer, title in uses:
        if record_id not in first:
            first[record_id] = (file, pointer, title)
            continue
        first_file, first_pointer, first_title = first[record_id]
        message = f"{what} id '{record_id}' is already used at {{related}} ({first_title})"
        suggestion = free_id(taken, record_id)
        taken.add(suggestion)
        hint = f"give this {what} its own id, e.g. '{suggestion}'; never change a published id"
        problem = Problem.at_pointer("duplicate-id", message, file, pointer, hint=hint)
        yield dataclasses.replace(problem, related=(first_file, first_pointer))


def project_id_prefix(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A project id does not start with its city's id and a hyphen (`<city>-<short-name>`)."""
    taken: set[str] | None = None  # every id, gathered at the first problem only
    for plan, index, project in ds.projects():
        if project.id.startswith(f"{plan.city}-"):
            continue
        if taken is None:
            taken = {project.id for _, _, project in ds.projects()}
        suggestion = f"{plan.city}-{project.id}"
        if suggestion in taken:
            suggestion = free_id(taken, suggestion)
        taken.add(suggestion)
        message = f"project id '{project.id}' does not start with the city's id '{plan.city}-'"
        hint = f"a new project's id is <city>-<short-name>, e.g. '{suggestion}'"
        pointer = ("projects", index, "id")
        file = ds.file_of("plan", plan.city)
        yield Problem.at_pointer("project-id-prefix", message, file, pointer, hint=hint)


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


# The codes this module emits, documented beside it (`ascn explain CODE`; tests run the examples).
# The fixed example of both id rules: a free id that starts with the city's id.
_WATER_METERS = Example(
    ex.PLAN_PATH,
    ex.plan(
        "    first_listed: 2018\n  - id: da-nang-water-meters\n"
        "    title: Smart Water Meters\n    focus_area: quality-environment\n"
        "    first_listed: 2022\n"
    ),
)

DOCS: tuple[CodeDoc, ...] = (
    CodeDoc(
        "duplicate-id",
        ERROR,
        "two projects or two partnerships share an id",
        "Project ids and partnership ids are unique across the whole dataset, because "
        "partnerships, reports and history refer to them. The problem points at the second "
        "use, names the file, line and title of the first, and suggests a free id.",
        Example(
            ex.PLAN_PATH,
            ex.plan(
                "    first_listed: 2018\n  - id: da-nang-water\n    title: Smart Water Meters\n"
                "    focus_area: quality-environment\n    first_listed: 2022\n"
            ),
        ),
        _WATER_METERS,
        "Give the new project or partnership its own id: the city id, a hyphen and a short "
        "name (da-nang-water-meters). Never change the id of an existing project.",
    ),
    CodeDoc(
        "duplicate-year",
        ERROR,
        "the network lists the same year twice",
        "data/network.yaml has one entry per year (chair, shepherd, annual meeting); a year "
        "listed twice is usually a copied entry whose year was not changed.",
        Example(
            "network.yaml",
            ex.network("  - year: 2018\n    chair: SG\n  - year: 2018\n    chair: VN\n"),
        ),
        Example(
            "network.yaml",
            ex.network("  - year: 2018\n    chair: SG\n  - year: 2020\n    chair: VN\n"),
        ),
        "Correct the year of the copied entry, or merge the two entries.",
    ),
    CodeDoc(
        "project-id-prefix",
        ERROR,
        "a project id does not start with its city's id",
        "A project's id is its city's id, a hyphen and a short name (da-nang-water), so that "
        "ids stay unique across cities and a partnership's project shows whose it is. The "
        "hint suggests an id that follows the rule and is free.",
        Example(
            ex.PLAN_PATH,
            ex.plan(
                "    first_listed: 2018\n  - id: water-meters\n    title: Smart Water Meters\n"
                "    focus_area: quality-environment\n    first_listed: 2022\n"
            ),
        ),
        _WATER_METERS,
        "Start the id with the city's id and a hyphen. A published id never changes: fix it "
        "only before the project is merged.",
    ),
    CodeDoc(
        "id-mismatch",
        ERROR,
        "a record's id differs from its file name",
        "The file name is the record's id (cities/da-nang.yaml holds `id: da-nang`; a plan's "
        "`city:` and a country's `iso2:` follow the same rule). When they differ, references "
        "would point at the wrong record.",
        Example(ex.CITY_PATH, "id: danang\nname: Da Nang\ncountry: VN\njoined: 2018\n"),
        Example(ex.CITY_PATH, ex.CITY),
        "Make the id match the file name, or rename the file; the hint says which.",
    ),
)
