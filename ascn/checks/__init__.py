"""Rules that need more than one field or file, registered by problem code in CHECKS.

Each check is a small generator over a loaded Dataset that yields problems with a
pointer into the offending file; the loader turns pointers into lines and columns.
The checks live in modules by theme (as yamllint's rules do): `identity`,
`references`, `timeline`, `years`, `privacy`, `investment` and `record` (published figures).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ascn import clock
from ascn.checks import identity, investment, privacy, record, references, timeline, years
from ascn.checks.base import Check, Context
from ascn.checks.identity import duplicate_id, duplicate_year, id_mismatch, project_id_prefix
from ascn.checks.investment import (
    currency_mismatch,
    funding_above_cost,
    funding_unknown_partner,
    stage_without_feasibility,
)
from ascn.checks.privacy import personal_data, personal_data_in
from ascn.checks.record import figure_unexplained
from ascn.checks.references import (
    partnership_foreign_project,
    plan_without_city,
    ref_unknown_city,
    ref_unknown_country,
    ref_unknown_partner,
    ref_unknown_project,
    ref_unknown_source,
)
from ascn.checks.timeline import (
    bad_period,
    focus_area_not_in_plan,
    project_outside_period,
    status_regression,
    update_before_listed,
    update_in_future,
    update_order,
)
from ascn.checks.years import (
    before_joined,
    partnership_before_joined,
    partnership_ended,
    year_in_future,
)
from ascn.problems import Problem

if TYPE_CHECKING:
    from pydantic import BaseModel

    from ascn.models import Dataset

__all__ = ["CHECKS", "DOCS", "FILE_CHECKS", "RECORD_CHECKS", "Check", "Context", "run_all"]

CHECKS: dict[str, Check] = {
    "bad-period": bad_period,
    "before-joined": before_joined,
    "currency-mismatch": currency_mismatch,
    "duplicate-id": duplicate_id,
    "duplicate-year": duplicate_year,
    "figure-unexplained": figure_unexplained,
    "focus-area-not-in-plan": focus_area_not_in_plan,
    "funding-above-cost": funding_above_cost,
    "funding-unknown-partner": funding_unknown_partner,
    "id-mismatch": id_mismatch,
    "partnership-before-joined": partnership_before_joined,
    "partnership-ended": partnership_ended,
    "partnership-foreign-project": partnership_foreign_project,
    "personal-data": personal_data,
    "plan-without-city": plan_without_city,
    "project-id-prefix": project_id_prefix,
    "project-outside-period": project_outside_period,
    "ref-unknown-city": ref_unknown_city,
    "ref-unknown-country": ref_unknown_country,
    "ref-unknown-partner": ref_unknown_partner,
    "ref-unknown-project": ref_unknown_project,
    "ref-unknown-source": ref_unknown_source,
    "stage-without-feasibility": stage_without_feasibility,
    "status-regression": status_regression,
    "update-before-listed": update_before_listed,
    "update-in-future": update_in_future,
    "update-order": update_order,
    "year-in-future": year_in_future,
}

# Checks that look at one record only, as (record, its file) -> problems: the result
# cache keeps their problems per file (ascn.load.cache), so an unchanged file is not
# checked again. Each is also in CHECKS, which runs it over the whole dataset.
RECORD_CHECKS: dict[str, Callable[[BaseModel, str], Iterator[Problem]]] = {
    "personal-data": personal_data_in,
}

# File checks: a record's problems depend only on the record, the current year and its
# city's name (the name a plan's messages quote), and lie in the record's own file. The
# result cache keeps their problems per file and runs them again only for changed files
# (ascn/checks/perfile.py); tests/unit/test_file_checks.py runs them file by file over
# every case folder against the whole run. Left out although they read one record:
# project-id-prefix (its hint suggests an id no other plan uses). Cross-file checks that
# walk every project are skipped when facts kept per plan rule them out (checks/gates.py).
FILE_CHECKS = frozenset(
    {
        "bad-period",
        "currency-mismatch",
        "duplicate-year",
        "focus-area-not-in-plan",
        "funding-above-cost",
        "id-mismatch",
        "project-outside-period",
        "stage-without-feasibility",
        "status-regression",
        "update-before-listed",
        "update-in-future",
        "update-order",
        "year-in-future",
    }
)

# Each theme documents the codes it emits beside its rules.
DOCS = (
    *identity.DOCS,
    *references.DOCS,
    *timeline.DOCS,
    *years.DOCS,
    *privacy.DOCS,
    *investment.DOCS,
    *record.DOCS,
)


def run_all(
    ds: Dataset, current_year: int | None = None, skip: frozenset[str] = frozenset()
) -> Iterator[Problem]:
    """Every check but those in `skip`, in code order; the year defaults to the clock's."""
    ctx = Context(current_year if current_year is not None else clock.current_year())
    for code in sorted(CHECKS):
        if code not in skip:
            yield from CHECKS[code](ds, ctx)
