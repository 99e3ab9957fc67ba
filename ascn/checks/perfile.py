"""The file checks (`FILE_CHECKS`) for a few files: over a small dataset of their records.

A file check's problems in a file depend only on that file's record, the current year
and the name of the city a plan's messages quote. The result cache (ascn/validate.py)
keeps them per file, so a warm run computes them again only for the files that changed
(they were 1.6 s of 2.6 s of checks at 10,000 cities) and runs the cross-file checks over
the whole dataset. tests/unit/test_file_checks.py runs them file by file over every case
folder and compares with the whole run: that proves the classification.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from ascn.checks import CHECKS, FILE_CHECKS, run_all
from ascn.checks.base import record_keys
from ascn.models import Dataset  # pydantic: only validation with the cache imports this module
from ascn.problems import Problem

RecordKey = tuple[str, str]  # (kind, file stem), as `all_records` names a record
T = TypeVar("T")

_OTHER_CHECKS = frozenset(CHECKS) - FILE_CHECKS


def independent(ds: Dataset) -> bool:
    """Whether every record's file-check problems lie in its own file.

    A plan whose `city` is not its file's name (an id-mismatch) puts its projects'
    problems in the file of the plan that `city` names: those files' problems then
    depend on each other, and only a whole run gives them (in the whole run's order).
    """
    return all(plan.city == stem for stem, plan in ds.plans.items())


def quoted_name(ds: Dataset, kind: str, stem: str) -> str | None:
    """The one value from another file that a record's file-check messages quote.

    A plan's messages name its city (`project_label`, bad-period); for an independent
    dataset that city is the one of the plan's file name. Other records quote their own.
    """
    return ds.city_name(stem) if kind == "plan" else None


def problems_by_file(
    ds: Dataset, current_year: int, records: Collection[RecordKey]
) -> dict[str, list[Problem]]:
    """The file checks' problems of the named records, by file, in the whole run's order.

    Run over a dataset of just those records that knows the names of their plans' cities
    (over `ds` itself when all records are named: a cache-filling run). Only for an
    `independent` dataset: otherwise a record's problems may lie in another record's file.
    """
    wanted = set(records)
    whole = len(wanted) == sum(1 for _ in record_keys(ds))
    small = ds if whole else _subset(ds, wanted)
    by_file: dict[str, list[Problem]] = {ds.file_of(kind, stem): [] for kind, stem in wanted}
    for problem in run_all(small, current_year, _OTHER_CHECKS):
        by_file[problem.file].append(problem)
    return by_file


@dataclass(frozen=True)
class _NamesOnly(Dataset):
    """A few records of a dataset, which knows the other files' cities by name only.

    A file check that read anything else of another file's city (its joined year, say)
    would see no city: tests/unit/test_file_checks.py would then find a difference.
    """

    names: Mapping[str, str] = field(default_factory=dict)  # city id -> name, from `ds`

    def city_name(self, city_id: str) -> str:
        """The name the whole dataset gives the city (its id when there is no city file)."""
        name = self.names.get(city_id)
        return name if name is not None else super().city_name(city_id)


def _subset(ds: Dataset, wanted: set[RecordKey]) -> Dataset:
    """The wanted records of `ds`, and the names of the cities whose plans are among them.

    The mapping of files stays whole: `file_of` gives the same paths as in `ds`.
    """
    whole = {f.name: getattr(ds, f.name) for f in dataclasses.fields(ds)}
    return _NamesOnly(
        **{
            **whole,
            "network": ds.network if ("network", "network") in wanted else None,
            "sources": _kept(wanted, "source", ds.sources),
            "countries": _kept(wanted, "country", ds.countries),
            "cities": _kept(wanted, "city", ds.cities),
            "plans": _kept(wanted, "plan", ds.plans),
            "partners": _kept(wanted, "partner", ds.partners),
        },
        names={stem: ds.city_name(stem) for kind, stem in wanted if kind == "plan"},
    )


def _kept(wanted: set[RecordKey], kind: str, records: Mapping[str, T]) -> dict[str, T]:
    # By key: the plans mapping may build each plan read (ascn.load.incremental).
    return {stem: records[stem] for stem in records if (kind, stem) in wanted}
