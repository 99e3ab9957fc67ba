"""Properties of the shipped plans and published figures (not a copy of any table).

Every plan statement and published figure cites a source, values agree with their printed
form, no text holds personal data, and every report figure that differs from the records
says why.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from ascn.checks import CHECKS, Context
from ascn.load.loader import load
from ascn.models import Dataset, PlanStatement, PublishedFigure
from ascn.reference import Measure

DATA = Path(__file__).resolve().parents[2] / "data"
# Honorifics that would introduce a person's name; roles and organisations never need them.
HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Dr|Datuk|Dato'|Tan Sri|H\.E)\.? [A-Z]")
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@functools.cache
def shipped() -> Dataset:
    """The dataset in data/, loaded once."""
    return load(DATA).dataset


def figures() -> list[PublishedFigure]:
    network = shipped().network
    return list(network.published_figures) if network else []


def statements() -> list[tuple[str, PlanStatement | None]]:
    """Each plan's earlier statements (None stands for the plan's current statement)."""
    out: list[tuple[str, PlanStatement | None]] = []
    for city, plan in sorted(shipped().plans.items()):
        out.append((city, None))
        out.extend((city, earlier) for earlier in plan.earlier)
    return out


def test_pilot_plans_have_vision_targets_and_sources() -> None:
    """Every founding member's plan is published with a vision, targets, period and sources."""
    ds = shipped()
    assert ds.network is not None
    for city in ds.cities.values():
        plan = ds.plans.get(city.id)
        if city.joined == ds.network.founded:
            assert plan is not None and plan.published, city.id
            assert plan.vision and plan.strategic_targets and plan.period, city.id
            assert plan.sources, city.id


def test_unpublished_plans_hold_no_statement() -> None:
    """A plan marked unpublished has no vision, focus areas or targets, and says why."""
    for city, plan in shipped().plans.items():
        if not plan.published:
            assert plan.vision is None and not plan.strategic_targets, city
            assert not plan.focus_areas and not plan.focus_area_headings, city
            assert plan.notes and plan.sources, city


def test_earlier_statements_have_year_and_sources() -> None:
    """Every earlier statement cites its document and is older than the plan's period end."""
    for city, statement in statements():
        if statement is not None:
            assert statement.sources and statement.notes, city
            plan = shipped().plans[city]
            assert plan.period is None or statement.as_of <= plan.period.end, city


def test_target_years_are_printed_in_their_text() -> None:
    """A target's year is one the text prints (never inferred)."""
    for city, plan in shipped().plans.items():
        for target in plan.strategic_targets:
            assert target.year is None or str(target.year) in target.text, (city, target.text)
        if plan.vision and plan.vision.year:
            assert str(plan.vision.year) in plan.vision.text, city


def test_every_published_figure_has_a_source_and_a_printed_value() -> None:
    """Each figure cites a source; its value is a number its printed form shows, or noted."""
    for figure in figures():
        assert figure.sources
        if figure.as_printed:
            printed = {float(n.replace(",", "")) for n in NUMBER.findall(figure.as_printed)}
            assert figure.value in printed or figure.note, figure.as_printed


@pytest.mark.parametrize("measure", list(Measure))
def test_figure_keys_fit_the_measure(measure: Measure) -> None:
    """Status only on status measures, focus area only on focus-area shares."""
    for figure in (f for f in figures() if f.measure is measure):
        by_status = measure in (Measure.PROJECTS_BY_STATUS, Measure.STATUS_SHARE)
        assert (figure.status is not None) == by_status
        assert (figure.focus_area is not None) == (measure is Measure.FOCUS_AREA_SHARE)


def test_no_report_figure_differs_without_a_note() -> None:
    """The shipped record explains every difference between a report figure and the data."""
    problems = list(CHECKS["figure-unexplained"](shipped(), Context(2026)))
    assert [p.message for p in problems] == []


def test_no_personal_data_in_the_records() -> None:
    """No e-mail address or phone number (the privacy check), and no honorific before a name."""
    problems = list(CHECKS["personal-data"](shipped(), Context(2026)))
    assert [p.message for p in problems] == []
    for path in sorted(DATA.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert not HONORIFIC.search(text), path
