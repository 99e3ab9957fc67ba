"""Ids and years that must match their file or be unique."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ascn import examples as ex
from ascn.checks.base import Context
from ascn.problems import CodeDoc, Example, Problem, Severity

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
    for partner_id, _, index, partnership in ds.partnerships():
        file = ds.file_of("partner", partner_id)
        if partnership.id in seen:
            message = f"partnership id '{partnership.id}' is already used in {seen[partnership.id]}"
            yield Problem.at_pointer("duplicate-id", message, file, ("partnerships", index, "id"))
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


# The codes this module emits, documented beside it (`ascn explain CODE`; tests run the examples).
DOCS: tuple[CodeDoc, ...] = (
    CodeDoc(
        "duplicate-id",
        ERROR,
        "two projects or two partnerships share an id",
        "Project ids and partnership ids are unique across the whole dataset, because "
        "partnerships, reports and history refer to them. The problem points at the second "
        "use and names the file of the first.",
        Example(
            ex.PLAN_PATH,
            ex.plan(
                "    first_listed: 2018\n  - id: da-nang-water\n    title: Smart Water Meters\n"
                "    focus_area: quality-environment\n    first_listed: 2022\n"
            ),
        ),
        Example(
            ex.PLAN_PATH,
            ex.plan(
                "    first_listed: 2018\n  - id: da-nang-water-meters\n"
                "    title: Smart Water Meters\n    focus_area: quality-environment\n"
                "    first_listed: 2022\n"
            ),
        ),
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
