"""Plans built when first read (a warm `validate`): the same records as built at load time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ascn import models
from ascn.checks.base import all_records, record_keys, record_of
from ascn.load import incremental
from tests.cli.hostile import prepare

CASES = Path(__file__).resolve().parents[1] / "cases"
FOLDERS = sorted(p.parent for p in CASES.glob("*/*/data") if p.is_dir())
PLAN = {
    "city": "hue",
    "projects": [
        {"id": "hue-a", "title": "A", "focus_area": "quality-environment", "first_listed": 2019}
    ],
}


def _stored(value: object) -> object:
    return incremental._Stored(models.Plan, json.dumps(value))


def test_reading_builds_once_and_only_what_is_read() -> None:
    """Keys, length and membership build nothing; a read builds once and keeps the model."""
    plans = incremental.BuiltOnRead({"hue": _stored(PLAN), "vinh": _stored({"city": 1})})
    assert (list(plans), len(plans), "hue" in plans, "x" in plans) == (
        ["hue", "vinh"],
        2,
        True,
        False,
    )
    assert type(plans._records["hue"]) is incremental._Stored
    first = plans["hue"]
    assert first == models.Plan.model_validate(PLAN)
    assert plans["hue"] is first
    assert type(plans._records["vinh"]) is incremental._Stored


def test_values_that_do_not_build_raise_stale_entry() -> None:
    """A stored plan that no longer builds is reported when read (the caller parses again)."""
    plans = incremental.BuiltOnRead({"vinh": _stored({"city": 1})})
    with pytest.raises(incremental.StaleEntry):
        plans["vinh"]
    with pytest.raises(incremental.StaleEntry):
        list(plans.values())


@pytest.mark.parametrize("case", FOLDERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_load_with_plans_on_read_equals_load(case: Path, tmp_path: Path) -> None:
    """Every case folder, from a filled store: the same problems, records and order."""
    data = prepare(case, tmp_path) / "data"
    filled, entries = incremental.load(incremental.scan(data), {})
    eager, _ = incremental.load(incremental.scan(data), entries)
    lazy, _ = incremental.load(incremental.scan(data), entries, plans_on_read=True)
    assert lazy.problems == eager.problems == filled.problems
    # Built from the stored JSON text (model_validate_json) as from the parsed values.
    assert list(all_records(eager.dataset)) == list(all_records(filled.dataset))
    assert list(record_keys(lazy.dataset)) == [(k, s) for k, s, _ in all_records(eager.dataset)]
    for kind, stem, record in all_records(eager.dataset):
        assert record_of(lazy.dataset, kind, stem) == record
    assert dict(lazy.dataset.plans) == dict(eager.dataset.plans)
