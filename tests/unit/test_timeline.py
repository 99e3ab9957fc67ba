"""A project's timeline gives the same answers as the year rules asked of the model."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from ascn.figures import progress as pg
from ascn.figures.timeline import timeline, timelines
from ascn.models import Dataset, Network, Plan, Project
from ascn.reference import FOCUS_AREA_LABELS, Status
from ascn.report import cityview, exhibits

YEARS = range(2016, 2029)
updates = st.lists(
    st.fixed_dictionaries(
        {
            "year": st.integers(2017, 2027),
            "status": st.sampled_from([s.value for s in Status]),
            "note": st.sampled_from([None, "a", "b"]),
        }
    ),
    max_size=8,
)
projects = st.builds(
    lambda first, ups, n: Project(
        id=f"p{n}", title=f"p{n}", focus_area="quality-environment", first_listed=first, updates=ups
    ),
    st.integers(2017, 2027),
    updates,
    st.integers(0, 10**6),
)


@settings(max_examples=300, deadline=None)
@given(projects)
def test_timeline_answers_like_the_model(project: Project) -> None:
    """Portfolio, bucket, update, last known and history agree for every year, any updates."""
    line = timeline(Plan(city="hue", projects=[project]), project)
    assert line.completed == pg.first_year_with(project, Status.COMPLETED)
    assert line.removed == pg.first_year_with(project, Status.REMOVED)
    for year in YEARS:
        assert line.in_portfolio(year) == pg.in_portfolio(project, year)
        assert line.bucket(year) == pg.bucket(project, year)
        assert line.update_for(year) is pg.status_for(project, year)
        assert line.last_known(year) is pg.last_known(project, year)
        assert [id(u) for u in line.history(year)] == [id(u) for u in pg.history(project, year)]


@settings(max_examples=100, deadline=None)
@given(st.lists(projects, max_size=6))
def test_status_series_counts_like_bucket(plan_projects: list[Project]) -> None:
    """The one-pass series equals counting `bucket` year by year; the years agree too."""
    plan = Plan(city="hue", projects=plan_projects)
    ds = Dataset(network=Network(name="ASCN", founded=2017), plans={"hue": plan})
    series = pg.status_series(ds, 2017, 2027, timelines(ds))
    assert pg.data_years(ds, timelines(ds)) == pg.data_years(ds)
    for year in range(2017, 2028):
        expected = Counter(pg.bucket(p, year) for p in plan_projects if pg.in_portfolio(p, year))
        assert series[year] == expected


statuses = st.sampled_from([*pg.STATUS_BUCKETS, "removed"])
areas = st.sampled_from(list(FOCUS_AREA_LABELS.values()))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.tuples(areas, statuses), max_size=12), max_size=8))
def test_overview_counts_like_a_counter_per_cell(cities: list[list[tuple[str, str]]]) -> None:
    """Exhibit 2 with shared cells equals counting each city's cells with a Counter."""
    sections = [_section(i, projects) for i, projects in enumerate(cities)]
    for row, section in zip(exhibits.overview(sections), sections, strict=True):
        for cell, label in zip(row.cells, FOCUS_AREA_LABELS.values(), strict=True):
            counts = Counter(p.status for p in section.projects if p.focus_area == label)
            expected = [(s, counts[s]) for s in pg.STATUS_BUCKETS if counts[s]]
            assert [(m.status, len(m.shapes)) for m in cell.marks] == expected


def _section(number: int, projects: list[tuple[str, str]]) -> cityview.CitySection:
    lines = [
        cityview.ProjectLine(f"p{i}", "t", "c", "VN", area, 2020, status, "", "", "", [], "")
        for i, (area, status) in enumerate(projects)
    ]
    return cityview.CitySection(f"c{number}", "C", "VN", 2020, False, "", [], False, lines, [])


@settings(max_examples=100, deadline=None)
@given(st.lists(projects, max_size=6), st.integers(2017, 2027))
def test_project_figures_count_like_the_year_rules(plan_projects: list[Project], year: int) -> None:
    """Totals from timelines equal counting with the per-project year rules."""
    ds = Dataset(
        network=Network(name="ASCN", founded=2017),
        plans={"hue": Plan(city="hue", projects=plan_projects)},
    )
    figures = pg.project_figures(ds, year, timelines(ds))
    portfolio = [p for p in plan_projects if pg.in_portfolio(p, year)]
    buckets = [pg.bucket(p, year) for p in portfolio]
    assert figures.total == len(portfolio)
    assert figures.reported == sum(1 for b in buckets if b != pg.NOT_REPORTED)
    assert figures.new == sum(1 for p in portfolio if p.first_listed == year)
    completed = [pg.first_year_with(p, Status.COMPLETED) for p in portfolio]
    assert figures.completed == completed.count(year)
    removed = [pg.first_year_with(p, Status.REMOVED) for p in plan_projects]
    assert figures.removed == removed.count(year)
    assert {k: v for k, v in figures.by_status.items() if v} == Counter(buckets)
