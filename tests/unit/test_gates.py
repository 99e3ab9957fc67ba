"""A cross-file check that the plans' facts rule out finds nothing (ascn/checks/gates.py).

The result cache skips such checks on a warm run; a gate that ruled out a check with a
problem would hide it. Datasets: every case folder, the real data, the failing example
of every gated code (which must not be ruled out), and generated ones.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ascn import models
from ascn.checks import CHECKS, Context, gates
from ascn.explain import CODES
from ascn.load import loader
from ascn.models import Dataset
from tests.cli.hostile import prepare
from tests.conftest import REPO, DatasetBuilder
from tests.unit.test_codes import _write

CASES = Path(__file__).resolve().parents[1] / "cases"
FOLDERS = [*sorted(p.parent for p in CASES.glob("*/*/data") if p.is_dir()), REPO]


def _facts(ds: Dataset) -> dict[str, gates.PlanFacts]:
    return {stem: gates.plan_facts(plan) for stem, plan in ds.plans.items()}


def _assert_ruled_out_find_nothing(ds: Dataset) -> frozenset[str]:
    ruled_out = gates.ruled_out(ds, _facts(ds))
    for code in ruled_out:
        assert list(CHECKS[code](ds, Context(2026))) == [], code
    return ruled_out


def test_gated_codes_are_checks() -> None:
    assert not gates.GATED - set(CHECKS)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_ruled_out_checks_find_nothing_in_the_case_folders(folder: Path, tmp_path: Path) -> None:
    """Every case folder and the real data: each ruled-out check reports nothing."""
    ds = loader.load(prepare(folder, tmp_path) / "data").dataset
    _assert_ruled_out_find_nothing(ds)


@pytest.mark.parametrize("code", sorted(gates.GATED))
def test_failing_example_is_not_ruled_out(make_dataset: DatasetBuilder, code: str) -> None:
    """The failing example of each gated code: the gate lets its check run."""
    example = CODES[code].failing
    data = make_dataset(dict(example.others))
    _write(data, example)
    ds = loader.load(data).dataset
    assert code not in _assert_ruled_out_find_nothing(ds)


def test_clean_minimal_dataset_rules_out_every_gated_check(make_dataset: DatasetBuilder) -> None:
    """On clean data the gates spare every gated check (else they would gain nothing)."""
    ds = loader.load(make_dataset()).dataset
    assert _assert_ruled_out_find_nothing(ds) == gates.GATED


def test_stored_facts_round_trip_and_bad_shapes_are_refused(make_dataset: DatasetBuilder) -> None:
    """Facts survive JSON as they are; any other shape is recomputed (None)."""
    ds = loader.load(make_dataset()).dataset
    facts = gates.plan_facts(ds.plans["da-nang"])
    assert gates.facts_from_json(json.loads(json.dumps(facts))) == facts
    for bad in (None, [], {**facts, "prefixed": 1}, {**facts, "first": []}, {**facts, "ids": [1]}):
        assert gates.facts_from_json(bad) is None


# Generated datasets: three cities, their plans, one partner, with ids, years and
# references drawn so that every gated check sometimes has a problem.
_IDS = st.sampled_from(["a-x", "a-y", "b-x", "x", "c-z"])
_YEARS = st.integers(2016, 2021)
_PARTNER_IDS = st.sampled_from(["p", "q"])


def _project(project_id: str, first: int, partners: list[str], funder: str | None) -> Any:
    investment = {"stage": "feasibility", "funding": [{"party": "city", "state": "pipeline"}]}
    if funder is not None:
        investment["funding"][0]["partner"] = funder
    return {
        "id": project_id,
        "title": "T",
        "focus_area": "quality-environment",
        "first_listed": first,
        "partners": partners,
        "investment": investment,
    }


_PROJECTS = st.lists(
    st.builds(_project, _IDS, _YEARS, st.lists(_PARTNER_IDS, max_size=2), st.none() | _PARTNER_IDS),
    max_size=3,
)
_PARTNERSHIPS = st.lists(
    st.fixed_dictionaries(
        {
            "id": st.sampled_from(["s1", "s2", "s3"]),
            "city": st.none() | st.sampled_from(["a", "b", "c", "d"]),
            "topic": st.just("T"),
            "projects": st.lists(_IDS, max_size=2),
            "until": st.none() | _YEARS,
        }
    ),
    max_size=3,
)


@settings(max_examples=300, deadline=None)
@given(
    joined=st.fixed_dictionaries(dict.fromkeys("abc", _YEARS)),
    plans=st.fixed_dictionaries(dict.fromkeys("abc", _PROJECTS)),
    partnerships=_PARTNERSHIPS,
)
def test_ruled_out_checks_find_nothing_in_generated_datasets(
    joined: dict[str, int], plans: dict[str, list[Any]], partnerships: list[Any]
) -> None:
    """Random ids, years and references: each ruled-out check reports nothing."""
    cities = {
        c: models.City.model_validate({"id": c, "name": c, "country": "VN", "joined": y})
        for c, y in joined.items()
    }
    partner = {"id": "p", "name": "P", "kind": "government", "partnerships": partnerships}
    ds = Dataset(
        cities=cities,
        plans={
            c: models.Plan.model_validate({"city": c, "projects": ps}) for c, ps in plans.items()
        },
        partners={"p": models.Partner.model_validate(partner)},
    )
    _assert_ruled_out_find_nothing(ds)
