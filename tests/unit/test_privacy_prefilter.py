"""The personal-data prefilter skips records only when the full walk would find nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from ascn.checks import privacy
from ascn.checks.base import all_records
from ascn.models import City
from ascn.validate import validate
from tests.conftest import REPO

CASES = sorted((REPO / "tests" / "cases").glob("*/*/data"))
TEXTS = [
    "mail mr.an@danang.gov.vn",
    "call +84 236 3822 123",
    "tel (0236) 382-2123",
    'say "hi" \\ then 0236 3822 1234',
    "Direct\u00e9ur\u00a0\u2014 0236 382 2123",
]


@pytest.mark.parametrize("text", TEXTS)
def test_prefilter_keeps_every_contact(text: str) -> None:
    """A record with a contact in any text passes the prefilter and gets its warning."""
    city = City.model_validate(
        {"id": "hue", "name": "Hue", "country": "VN", "joined": 2018, "notes": text}
    )
    assert privacy._may_hold_contacts(city)
    assert [p.pointer for p in privacy.personal_data_in(city, "f.yaml")] == [("notes",)]


@pytest.mark.parametrize("data", CASES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_prefilter_changes_no_result(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On every case folder, personal-data gives the same problems with and without it."""
    dataset = validate(data, current_year=2025).dataset
    with_filter = [
        p for kind, stem, r in all_records(dataset) for p in privacy.personal_data_in(r, stem)
    ]
    monkeypatch.setattr(privacy, "_may_hold_contacts", lambda record: True)
    without = [
        p for kind, stem, r in all_records(dataset) for p in privacy.personal_data_in(r, stem)
    ]
    assert with_filter == without
