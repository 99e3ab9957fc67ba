"""Matchmaking on the shipped data: properties, never counts.

The acceptance of issue 14: for a real unpartnered project, `ascn match project` gives at
least three ranked candidates whose every reason can be traced to the records, the same on
every run; `ascn twinning --year 2025` lists exactly the member cities without an external
partner that year, computed here independently from the loaded dataset.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from typer.testing import CliRunner

from ascn.cli import app
from ascn.figures.progress import default_year, in_portfolio
from ascn.load.loader import load
from ascn.models import Dataset, Partner, Partnership, Project
from ascn.reference import MEMBER_STATES, PARTNER_KIND_LABELS, FocusArea, Status
from tests.conftest import REPO

DATA = REPO / "data"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    """The shipped dataset."""
    return load(DATA).dataset


def _run(args: list[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("COLUMNS", "100")
    result = CliRunner().invoke(app, [*args, "--data", "data"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _unpartnered(ds: Dataset) -> Project:
    """An open project no partner supports, preferring one that says what it seeks."""
    year = default_year(ds)
    supported = {pid for _, _, _, p in ds.partnerships() for pid in p.projects}
    open_ = [
        project
        for _, _, project in ds.projects()
        if in_portfolio(project, year)
        and Status.COMPLETED not in project.first_year_by_status
        and not project.partners
        and project.id not in supported
    ]
    assert open_, "the data has no open unpartnered project"
    return next((p for p in open_ if p.seeking is not None), open_[0])


def _names(ds: Dataset, works: list[Partnership]) -> set[str]:
    return {ds.city_name(p.city) for p in works if p.city}


def _split(names: str) -> set[str]:
    return set(re.split(r", | and ", names))


Verifier = Callable[[Dataset, Partner, Project, re.Match[str]], bool]


def _focus(ds: Dataset, partner: Partner, project: Project, m: re.Match[str]) -> bool:
    year = default_year(ds)
    works = [
        p
        for p in partner.partnerships
        if p.focus_area is FocusArea(m[1]) and p.since is not None and p.since <= year
    ]
    return _names(ds, works) == _split(m[2]) and str(min(p.since or 0 for p in works)) == m[3]


def _country(ds: Dataset, partner: Partner, project: Project, m: re.Match[str]) -> bool:
    works = [p for p in partner.partnerships if p.city and ds.city_name(p.city) in _split(m[2])]
    countries = {MEMBER_STATES[ds.cities[p.city].country] for p in works if p.city}
    return countries == {m[1]} and bool(works)


def _city(ds: Dataset, partner: Partner, project: Project, m: re.Match[str]) -> bool:
    return any(p.city and ds.city_name(p.city) == m[1] for p in partner.partnerships)


def _kind(ds: Dataset, partner: Partner, project: Project, m: re.Match[str]) -> bool:
    kinds = project.seeking.partner_kinds if project.seeking else []
    return PARTNER_KIND_LABELS[partner.kind].lower() == m[1] and partner.kind in kinds


def _interest(ds: Dataset, partner: Partner, project: Project, m: re.Match[str]) -> bool:
    return FocusArea(m[1]) in partner.focus_areas


def _offers(ds: Dataset, partner: Partner, project: Project, m: re.Match[str]) -> bool:
    return partner.offers is not None


REASONS: list[tuple[re.Pattern[str], Verifier]] = [
    (re.compile(r"worked on (\S+) projects with (.+) (?:since|from) (\d{4})"), _focus),
    (re.compile(r"has worked in (.+) \(with (.+) (?:since|from) \d{4}.*\)"), _country),
    (re.compile(r"already partners this city \((.+), since \d{4}\)"), _city),
    (re.compile(r"is a (.+) partner, the kind the city seeks"), _kind),
    (re.compile(r"names (\S+) among its focus areas"), _interest),
    (re.compile(r"offers .+"), _offers),
]


def _traced(ds: Dataset, partner: Partner, project: Project, reason: str) -> bool:
    for pattern, verify in REASONS:
        m = pattern.fullmatch(reason)
        if m is not None:
            return verify(ds, partner, project, m)
    return False


def test_a_real_unpartnered_project_gets_three_traced_candidates(
    ds: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At least three candidates, each reason traced back to the partner's records."""
    project = _unpartnered(ds)
    document = json.loads(_run(["match", "project", project.id, "--format", "json"], monkeypatch))
    candidates = document["candidates"]
    assert document["project"] == project.id and len(candidates) >= 3
    untraced = [
        (c["partner"], reason)
        for c in candidates
        for reason in c["reasons"]
        if not _traced(ds, ds.partners[c["partner"]], project, reason)
    ]
    assert untraced == []


def test_real_matches_are_identical_on_every_run(
    ds: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same data gives the same text, twice."""
    args = ["match", "project", _unpartnered(ds).id]
    assert _run(args, monkeypatch) == _run(args, monkeypatch)


def _expected_unpaired(ds: Dataset, year: int) -> list[str]:
    """Member cities in `year` with no active partnership with a non-member-state partner."""
    members = {c.id for c in ds.cities.values() if c.joined <= year}
    paired = {
        p.city
        for partner in ds.partners.values()
        if partner.country not in MEMBER_STATES
        for p in partner.partnerships
        if p.since is not None and p.since <= year and (p.until is None or p.until >= year)
    }
    return sorted(members - paired)


def test_twinning_2025_lists_the_cities_without_an_external_partner(
    ds: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The unpaired cities in JSON and in the text are those the records give."""
    expected = _expected_unpaired(ds, 2025)
    document = json.loads(_run(["twinning", "--year", "2025", "--format", "json"], monkeypatch))
    assert sorted(u["city"] for u in document["unpaired"]) == expected
    text = _run(["twinning", "--year", "2025"], monkeypatch).splitlines()
    start = next(i for i, line in enumerate(text) if line.startswith("Member cities without"))
    listed = [line for line in text[start + 1 :] if line and not line.startswith((" ", "Weights"))]
    assert sorted(listed) == sorted(ds.city_name(c) for c in expected)


def test_shipped_investment_records_cite_sources(ds: Dataset) -> None:
    """Every seeking and investment record in data/ names a source."""
    unsourced = [
        project.id
        for _, _, project in ds.projects()
        if (project.investment is not None and not project.investment.sources)
        or (project.seeking is not None and not project.seeking.sources)
    ]
    assert unsourced == []
