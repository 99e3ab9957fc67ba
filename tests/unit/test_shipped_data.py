"""Properties of the shipped data/ that must hold whatever focal points add to it.

These tests pin no counts (a new city or project must not break them): the data
validates against today's clock, is in the canonical layout, and cites its sources.
"""

from __future__ import annotations

import pytest

from ascn.checks.base import all_records
from ascn.load.loader import load
from ascn.problems import Severity
from ascn.validate import validate
from tests.conftest import REPO

DATA = REPO / "data"


def test_shipped_data_has_no_errors_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The data validates against the real clock (it records only what has happened)."""
    monkeypatch.delenv("ASCN_NOW")
    errors = [p for p in validate(DATA).problems if p.severity is Severity.ERROR]
    assert errors == []


def test_every_city_country_and_the_network_cite_a_source() -> None:
    """Records that state facts of their own name the document they come from."""
    dataset = load(DATA).dataset
    kinds = {"network", "country", "city"}
    uncited = [
        stem for kind, stem, record in all_records(dataset) if kind in kinds and not record.sources
    ]  # type: ignore[attr-defined]
    assert uncited == []


def test_every_project_and_partnership_cites_a_source() -> None:
    """Each project and each partnership names the document it is listed in."""
    dataset = load(DATA).dataset
    projects = [p.id for _, _, p in dataset.projects() if not p.sources]
    partnerships = [p.id for _, _, _, p in dataset.partnerships() if not p.sources]
    assert (projects, partnerships) == ([], [])
