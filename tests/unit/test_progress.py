"""The year rules of DESIGN.md section 3 on small hand-made datasets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ascn.figures import progress as pg
from ascn.load.loader import load
from ascn.models import City, Dataset, Network, Partner, Partnership, Plan, Project
from ascn.problems import YearOutOfRange


def city(city_id: str, joined: int = 2018, country: str = "VN") -> City:
    """A city record."""
    return City(id=city_id, name=city_id.title(), country=country, joined=joined)


def project(
    project_id: str,
    first: int = 2018,
    updates: dict[int, str] | None = None,
    area: str = "quality-environment",
) -> Project:
    """A project with updates given as {year: status}."""
    return Project(
        id=project_id,
        title=project_id,
        focus_area=area,
        first_listed=first,
        updates=[{"year": y, "status": s} for y, s in sorted((updates or {}).items())],
    )


def partnership(pid: str, since: int | None, until: int | None = None) -> Partnership:
    """A network-wide partnership."""
    return Partnership(id=pid, topic=pid, since=since, until=until)


def dataset(
    cities: list[City] | None = None,
    projects: dict[str, list[Project]] | None = None,
    partnerships: list[Partnership] | None = None,
    **network: Any,
) -> Dataset:
    """A dataset founded in 2018 (unless `founded` is given) from records."""
    cities = cities if cities is not None else [city("hue")]
    plans = {c: Plan(city=c, projects=ps) for c, ps in (projects or {}).items()}
    partner = Partner(
        id="agency", name="Agency", kind="government", partnerships=partnerships or []
    )
    return Dataset(
        network=Network(name="ASCN", founded=network.get("founded", 2018)),
        cities={c.id: c for c in cities},
        plans=plans,
        partners={"agency": partner},
    )


def test_city_is_member_from_the_year_it_joined() -> None:
    """A city counts as a member in its joining year and after, not before."""
    ds = dataset([city("hue", 2018), city("dili", 2020)])
    assert [pg.year_figures(ds, y).cities for y in (2019, 2020, 2021)] == [1, 2, 2]


def test_new_cities_count_only_the_joining_year() -> None:
    """A city is new only in the year it joined."""
    ds = dataset([city("hue", 2018), city("dili", 2020)])
    assert [pg.year_figures(ds, y).new_cities for y in (2019, 2020, 2021)] == [0, 1, 0]


def test_project_enters_the_portfolio_in_its_first_listed_year() -> None:
    """A project is in the portfolio from its first listed year on and new only then."""
    ds = dataset(projects={"hue": [project("hue-a", first=2020)]})
    figures = [pg.project_figures(ds, y) for y in (2019, 2020, 2021)]
    assert [(f.total, f.new) for f in figures] == [(0, 0), (1, 1), (1, 0)]


def test_removed_project_leaves_the_portfolio_in_its_removal_year() -> None:
    """A project removed in 2022 is in the 2021 portfolio and in none from 2022 on."""
    ds = dataset(projects={"hue": [project("hue-a", updates={2021: "ongoing", 2022: "removed"})]})
    assert [pg.project_figures(ds, y).total for y in (2021, 2022, 2023)] == [1, 0, 0]


def test_removals_are_counted_in_the_removal_year() -> None:
    """`removed` counts projects whose removal update is for the year."""
    ds = dataset(projects={"hue": [project("hue-a", updates={2022: "removed"})]})
    assert [pg.project_figures(ds, y).removed for y in (2021, 2022, 2023)] == [0, 1, 0]


def test_project_without_an_update_for_the_year_is_not_reported() -> None:
    """A portfolio project with no update for Y counts as not-reported, not as its old status."""
    ds = dataset(projects={"hue": [project("hue-a", updates={2022: "ongoing"})]})
    figures = pg.project_figures(ds, 2023)
    assert (figures.reported, figures.by_status["not-reported"], figures.by_status["ongoing"]) == (
        0,
        1,
        0,
    )


def test_last_known_status_is_the_latest_update_before_the_year() -> None:
    """The last known status of a not-reported project is its latest earlier update."""
    p = project("hue-a", updates={2022: "planning", 2023: "ongoing"})
    known = pg.last_known(p, 2025)
    assert known is not None
    assert (known.year, known.status.value) == (2023, "ongoing")


def test_open_status_is_counted_in_its_own_bucket() -> None:
    """planning-or-ongoing is neither planning nor ongoing."""
    ds = dataset(projects={"hue": [project("hue-a", updates={2023: "planning-or-ongoing"})]})
    assert pg.project_figures(ds, 2023).by_status == {
        "completed": 0,
        "not-reported": 0,
        "ongoing": 0,
        "planning": 0,
        "planning-or-ongoing": 1,
    }


def test_a_completion_carries_forward_to_later_years() -> None:
    """Completed in 2025 and not re-recorded: completed (not not-reported) in 2026 and on."""
    ds = dataset(projects={"hue": [project("hue-a", updates={2024: "ongoing", 2025: "completed"})]})
    statuses = [pg.bucket(ds.plans["hue"].projects[0], y) for y in (2024, 2025, 2026, 2030)]
    assert statuses == ["ongoing", "completed", "completed", "completed"]


def test_carried_completion_counts_in_the_status_breakdown_not_as_new() -> None:
    """In 2026 the 2025 completion is in by_status['completed'] but not in `completed` (new)."""
    ds = dataset(projects={"hue": [project("hue-a", updates={2025: "completed"})]})
    figures = pg.project_figures(ds, 2026)
    assert (figures.by_status["completed"], figures.by_status["not-reported"]) == (1, 0)
    assert figures.completed == 0


def test_status_series_carries_completions_forward() -> None:
    """The one-pass series counts a 2024 completion as completed in 2025 and 2026."""
    ds = dataset(projects={"hue": [project("hue-a", updates={2024: "completed"})]})
    series = pg.status_series(ds, 2023, 2026)
    assert [series[y]["completed"] for y in (2023, 2024, 2025, 2026)] == [0, 1, 1, 1]


def test_a_removal_stays_out_after_a_completion() -> None:
    """Completed in 2023, removed in 2025: in the portfolio as completed in 2024, gone in 2026."""
    ds = dataset(projects={"hue": [project("hue-a", updates={2023: "completed", 2025: "removed"})]})
    assert [pg.project_figures(ds, y).total for y in (2024, 2026)] == [1, 0]
    assert pg.project_figures(ds, 2024).by_status["completed"] == 1


def test_an_ended_partnership_is_not_active_after_its_until() -> None:
    """A partnership 2019-2025 is active in 2025 and not in 2026."""
    ds = dataset(partnerships=[partnership("p", 2019, 2025)])
    assert [pg.partnership_figures(ds, y).total for y in (2025, 2026)] == [1, 0]


def test_completed_counts_only_the_first_completed_year() -> None:
    """A project completed in 2023 and still completed in 2024 is completed-in-Y only in 2023."""
    ds = dataset(
        projects={"hue": [project("hue-a", updates={2023: "completed", 2024: "completed"})]}
    )
    assert [pg.project_figures(ds, y).completed for y in (2022, 2023, 2024)] == [0, 1, 0]


def test_partnership_is_active_from_since_to_until_inclusive() -> None:
    """A 2020-2022 partnership is active in 2020, 2021 and 2022 only."""
    ds = dataset(partnerships=[partnership("p", 2020, 2022)])
    totals = [pg.partnership_figures(ds, y).total for y in range(2019, 2024)]
    assert totals == [0, 1, 1, 1, 0]


def test_partnership_is_new_only_in_its_first_year() -> None:
    """`new` counts partnerships that began in the year."""
    ds = dataset(partnerships=[partnership("p", 2020)])
    assert [pg.partnership_figures(ds, y).new for y in (2020, 2021)] == [1, 0]


def test_partnership_without_start_year_is_in_no_total() -> None:
    """A partnership without `since` is counted as undated and never as active."""
    ds = dataset(partnerships=[partnership("p", None)])
    figures = [pg.partnership_figures(ds, y) for y in (2018, 2025)]
    assert [(f.total, f.undated) for f in figures] == [(0, 1), (0, 1)]


def test_partnerships_are_counted_by_partner_kind_and_country() -> None:
    """Active partnerships are broken down by their partner's kind and country."""
    ds = dataset(partnerships=[partnership("p", 2019)])
    figures = pg.partnership_figures(ds, 2019)
    assert (figures.by_partner_kind["government"], figures.by_partner_country) == (
        1,
        {"international": 1},
    )


def test_projects_are_counted_by_their_city_country() -> None:
    """by_country counts portfolio projects under their city's ISO code, member countries at 0."""
    ds = dataset(
        [city("hue", country="VN"), city("bangkok", country="TH")],
        projects={"hue": [project("hue-a"), project("hue-b")]},
    )
    assert pg.project_figures(ds, 2018).by_country == {"TH": 0, "VN": 2}


def test_year_before_the_founding_is_out_of_range() -> None:
    """Asking for a year before the network existed raises YearOutOfRange."""
    with pytest.raises(YearOutOfRange, match=r"no figures for 2017: the data covers 2018"):
        pg.progress(dataset(), 2017)


def test_year_after_the_last_data_year_is_out_of_range() -> None:
    """The last valid year is the latest year any record names."""
    ds = dataset([city("hue", 2018), city("dili", 2026)])
    with pytest.raises(YearOutOfRange, match=r"to 2026 \(the latest year in the data\)"):
        pg.progress(ds, 2027)


def test_latest_year_named_by_a_city_is_in_range() -> None:
    """A city joining in 2026 makes 2026 a valid year even without statuses."""
    ds = dataset([city("hue", 2018), city("dili", 2026)])
    assert pg.progress(ds, 2026).current.cities == 2


def test_default_year_is_the_latest_with_a_reported_status() -> None:
    """Without --year the figures are for the latest year with a (non-removal) status."""
    ds = dataset(
        [city("hue", 2018), city("dili", 2026)],
        projects={"hue": [project("hue-a", updates={2024: "ongoing", 2025: "removed"})]},
    )
    assert pg.progress(ds).year == 2024


def test_previous_is_absent_in_the_founding_year() -> None:
    """There is no year before the founding year to compare with."""
    assert pg.progress(dataset(), 2018).previous is None


def test_previous_holds_the_year_before() -> None:
    """`previous` has the figures of Y-1."""
    previous = pg.progress(dataset([city("hue", 2018), city("dili", 2020)]), 2020).previous
    assert previous is not None
    assert previous.year == 2019


def test_status_change_is_not_shown_after_a_year_without_statuses() -> None:
    """Status rows have no previous count when Y-1 had no reported status at all."""
    ds = dataset(projects={"hue": [project("hue-a", updates={2022: "ongoing"})]})
    rows = pg.rows(ds, pg.progress(ds, 2022), "status")
    assert {r.previous for r in rows} == {None}


def test_focus_area_rows_follow_the_framework_order() -> None:
    """Focus areas are listed in the framework's order with every area present."""
    ds = dataset([city("hue", 2018), city("dili", 2019)], projects={"hue": [project("hue-a")]})
    rows = pg.rows(ds, pg.progress(ds, 2019), "focus-area")
    assert [(r.key, r.value, r.previous) for r in rows] == [
        ("civic-and-social", 0, 0),
        ("health-and-well-being", 0, 0),
        ("safety-and-security", 0, 0),
        ("quality-environment", 1, 1),
        ("built-infrastructure", 0, 0),
        ("industry-and-innovation", 0, 0),
    ]


def test_json_document_has_the_contract_shape() -> None:
    """The progress document carries version, year, the blocks, and previous with the same keys."""
    ds = dataset([city("hue", 2018), city("dili", 2019)])
    document = pg.progress_document(pg.progress(ds, 2019))
    assert sorted(document) == [
        "cities",
        "new_cities",
        "partnerships",
        "previous",
        "projects",
        "version",
        "year",
    ]
    assert sorted(document["projects"]) == [
        "by_city",
        "by_country",
        "by_focus_area",
        "by_status",
        "completed",
        "new",
        "removed",
        "reported",
        "total",
    ]
    assert sorted(document["partnerships"]) == [
        "by_partner_country",
        "by_partner_kind",
        "new",
        "total",
        "undated",
    ]
    assert sorted(document["previous"]) == sorted(set(document) - {"version", "previous"})


def test_json_document_has_null_previous_in_the_founding_year() -> None:
    """In the founding year `previous` is null."""
    assert pg.progress_document(pg.progress(dataset(), 2018))["previous"] is None


@pytest.mark.parametrize(("change", "text"), [(3, "+3"), (-2, "-2"), (0, "0"), (None, "\u2013")])
def test_signed_changes(change: int | None, text: str) -> None:
    """Changes print with their sign; no comparison prints an en dash."""
    assert pg.signed(change) == text


@pytest.mark.parametrize(
    ("part", "whole", "text"), [(1, 8, "13%"), (1, 3, "33%"), (0, 0, "\u2013")]
)
def test_percent_rounds_halves_up(part: int, whole: int, text: str) -> None:
    """Shares are whole percentages, halves rounded up; no total prints an en dash."""
    assert pg.percent(part, whole) == text


def test_status_series_agrees_with_project_figures_every_year() -> None:
    """The one-pass series gives each year's by_status counts of project_figures."""
    ds = load(Path(__file__).resolve().parents[2] / "data").dataset
    series = pg.status_series(ds, 2018, 2026)
    for year, counts in series.items():
        expected = {k: v for k, v in pg.project_figures(ds, year).by_status.items() if v}
        assert {k: v for k, v in counts.items() if v} == expected
