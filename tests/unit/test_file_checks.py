"""The file checks, run file by file over small datasets, give exactly the whole run's problems.

This is what proves the classification of `checks.FILE_CHECKS` (a record's problems depend
only on the record, the current year and its city's name), on which the result cache
relies to check again only the files that changed. Datasets: every case folder, and the
failing example of every documented code in the minimal dataset.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path

import pytest

from ascn.checks import CHECKS, FILE_CHECKS, perfile, run_all
from ascn.checks.base import all_records
from ascn.explain import CODES
from ascn.load import loader
from ascn.models import Dataset
from ascn.problems import Problem
from tests.cli.hostile import prepare
from tests.conftest import DatasetBuilder
from tests.unit.test_codes import _write

CASES = Path(__file__).resolve().parents[1] / "cases"
CASE_FOLDERS = sorted(p.parent for p in CASES.glob("*/*/data") if p.is_dir())
YEARS = (2019, 2026)  # 2019: many observed years and updates lie in the future


def _whole_run(ds: Dataset, year: int) -> dict[str, list[Problem]]:
    """The whole run's file-check problems by file (every record's file, empty or not)."""
    by_file: dict[str, list[Problem]] = {ds.file_of(k, s): [] for k, s, _ in all_records(ds)}
    for problem in run_all(ds, year):
        if problem.code in FILE_CHECKS:
            by_file[problem.file].append(problem)
    return by_file


def _in_groups(
    ds: Dataset, year: int, groups: Iterable[list[perfile.RecordKey]]
) -> dict[str, list[Problem]]:
    found: dict[str, list[Problem]] = {}
    for group in groups:
        found.update(perfile.problems_by_file(ds, year, group))
    return found


def _assert_file_by_file(ds: Dataset, year: int) -> set[str]:
    """File by file, in random groups and all at once: the whole run's problems, in order."""
    whole = _whole_run(ds, year)
    keys = [(kind, stem) for kind, stem, _ in all_records(ds)]
    assert _in_groups(ds, year, [[key] for key in keys]) == whole
    shuffled = random.Random(year).sample(keys, len(keys))
    assert _in_groups(ds, year, [shuffled[i::3] for i in range(3)]) == whole
    assert perfile.problems_by_file(ds, year, keys) == whole
    return {p.code for problems in whole.values() for p in problems}


def test_file_checks_are_checks() -> None:
    """Every file check is a registered check (the rest run over the whole dataset)."""
    assert not FILE_CHECKS - set(CHECKS)


@pytest.mark.parametrize("case", CASE_FOLDERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case_folders_file_by_file(case: Path, tmp_path: Path) -> None:
    """Every case folder: the file checks over one file at a time equal the whole run."""
    ds = loader.load(prepare(case, tmp_path) / "data").dataset
    if not perfile.independent(ds):  # then the cache runs the file checks over everything
        assert any(plan.city != stem for stem, plan in ds.plans.items())
        return
    for year in YEARS:
        _assert_file_by_file(ds, year)


@pytest.mark.parametrize("code", sorted(FILE_CHECKS))
def test_failing_example_file_by_file(make_dataset: DatasetBuilder, code: str) -> None:
    """The failing example of each file check (in the minimal dataset) gives its problem
    file by file as in the whole run: every code is seen at least once."""
    example = CODES[code].failing
    data = make_dataset(dict(example.others))
    _write(data, example)
    ds = loader.load(data).dataset
    assert code in set().union(*(_assert_file_by_file(ds, year) for year in YEARS))


def test_plan_messages_name_the_city_from_its_file(make_dataset: DatasetBuilder) -> None:
    """A plan checked alone still names its city as the whole run does (not by its id)."""
    plan = "city: da-nang\nperiod:\n  start: 2030\n  end: 2020\nprojects: []\n"
    ds = loader.load(make_dataset(**{"plans/da-nang.yaml": plan})).dataset
    (problem,) = perfile.problems_by_file(ds, 2026, [("plan", "da-nang")])[
        "data/plans/da-nang.yaml"
    ]
    assert problem.message.startswith("plan of Da Nang:")


def test_a_plan_named_for_another_city_is_not_independent(make_dataset: DatasetBuilder) -> None:
    """A plan whose city is not its file's name puts problems in another file: not split."""
    ds = loader.load(make_dataset(**{"plans/hue.yaml": "city: da-nang\nprojects: []\n"})).dataset
    assert not perfile.independent(ds)
