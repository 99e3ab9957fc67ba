"""Ids and years that must match their file or be unique."""

from __future__ import annotations

from collections.abc import Iterator

from ascn.checks.base import Context
from ascn.models import Dataset
from ascn.problems import Problem


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
