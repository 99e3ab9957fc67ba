"""Published figures beside the dataset's own values (ascn.figures.reconcile)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ascn.figures.reconcile import Comparison, reconcile
from ascn.models import City, Dataset, Network, Plan
from ascn.reference import FigureKind, FocusArea, Measure, Status


def _project(pid: str, area: str, status: str | None) -> dict[str, Any]:
    updates = [{"year": 2022, "status": status}] if status else []
    return {"id": pid, "title": pid, "focus_area": area, "first_listed": 2018, "updates": updates}


def dataset(*figures: dict[str, Any]) -> Dataset:
    """Da Nang with three projects (two ongoing, one not reported in 2022) and the figures."""
    plan = Plan.model_validate(
        {
            "city": "da-nang",
            "projects": [
                _project("da-nang-a", "quality-environment", "ongoing"),
                _project("da-nang-b", "quality-environment", "ongoing"),
                _project("da-nang-c", "built-infrastructure", None),
            ],
        }
    )
    city = City(id="da-nang", name="Da Nang", country="VN", joined=2018)
    network = Network.model_validate(
        {
            "name": "ASEAN Smart Cities Network",
            "founded": 2018,
            "years": [{"year": 2022, "chair": "KH"}],
            "published_figures": [{"kind": "report", "sources": ["me-2022"], **f} for f in figures],
        }
    )
    return Dataset(network=network, cities={"da-nang": city}, plans={"da-nang": plan})


def test_count_figure_sits_beside_the_portfolio_with_the_difference() -> None:
    """A project total is compared with the portfolio; difference is computed minus published."""
    ds = dataset({"year": 2022, "measure": "projects", "value": 4, "note": "One is unlisted."})
    assert reconcile(ds, 2022) == [
        Comparison(
            year=2022,
            measure=Measure.PROJECTS,
            status=None,
            focus_area=None,
            published=4,
            as_printed=None,
            kind=FigureKind.REPORT,
            as_of=None,
            computed=3,
            difference=-1,
            note="One is unlisted.",
            sources=("me-2022",),
        )
    ]


def test_status_count_uses_the_year_bucket() -> None:
    """projects-by-status counts the portfolio's bucket of that status in the year."""
    ds = dataset({"year": 2022, "measure": "projects-by-status", "status": "ongoing", "value": 2})
    [row] = reconcile(ds, 2022)
    assert (row.status, row.computed, row.difference, row.agrees) == (Status.ONGOING, 2, 0, True)


def test_share_agrees_within_the_printed_precision() -> None:
    """67% printed agrees with 66.67% computed (half a unit of the last printed digit)."""
    ds = dataset(
        {"year": 2022, "measure": "focus-area-share", "focus_area": "quality-environment",
         "value": 67},
    )  # fmt: skip
    [row] = reconcile(ds, 2022)
    assert (row.focus_area, row.computed, row.difference, row.agrees) == (
        FocusArea.QUALITY_ENVIRONMENT, 66.67, -0.33, True
    )  # fmt: skip


def test_share_printed_with_decimals_is_held_to_them() -> None:
    """66.6% printed with one decimal does not agree with 66.67% computed."""
    ds = dataset({"year": 2022, "measure": "status-share", "status": "ongoing", "value": 66.6})
    [row] = reconcile(ds, 2022)
    assert (row.computed, row.difference, row.agrees) == (66.67, 0.07, False)


def test_figure_for_a_year_outside_the_data_has_no_computed_value() -> None:
    """A figure the dataset cannot compute (a year it does not cover) keeps None beside it."""
    ds = dataset({"year": 2030, "measure": "member-cities", "value": 40})
    [row] = reconcile(ds, 2030)
    assert (row.published, row.computed, row.difference, row.agrees) == (40, None, None, None)


def test_share_of_an_empty_portfolio_has_no_computed_value() -> None:
    """A share in a year without projects in the portfolio cannot be computed."""
    ds = dataset({"year": 2022, "measure": "status-share", "status": "ongoing", "value": 50})
    [row] = reconcile(replace(ds, plans={}), 2022)
    assert (row.computed, row.difference, row.agrees) == (None, None, None)


def test_reconcile_keeps_only_the_year_in_file_order() -> None:
    """Figures of other years are left out; the year's figures keep their file order."""
    ds = dataset(
        {"year": 2022, "measure": "partnerships", "value": 5},
        {"year": 2021, "measure": "projects", "value": 3},
        {"year": 2022, "measure": "member-cities", "value": 1},
    )
    rows = reconcile(ds, 2022)
    assert [(r.measure, r.computed) for r in rows] == [
        (Measure.PARTNERSHIPS, 0),
        (Measure.MEMBER_CITIES, 1),
    ]


def test_dataset_without_figures_reconciles_to_nothing() -> None:
    """No published figures: an empty list, not an error."""
    assert reconcile(dataset(), 2022) == []
