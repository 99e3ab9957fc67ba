"""Each project's statuses by year, read once, for the year rules in `progress` (pure).

A report asks the same questions of every project for several years (in the portfolio?
its status bucket? completed when?). Asked through the models, each answer went through
pydantic attributes, cached properties and enum values: about 0.5 s of a 1,000-city
report. A `Timeline` holds the answers' inputs as plain ints and strings, built in one
pass, and gives the same answers as `progress.in_portfolio`, `bucket`, `status_for`,
`last_known` and `history` (tests/unit/test_timeline.py compares them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ascn.models import Dataset, Plan, Project, StatusUpdate
from ascn.reference import Status

NOT_REPORTED = "not-reported"
_COMPLETED = Status.COMPLETED.value
_REMOVED = Status.REMOVED.value
# Each status's slug: an enum member's `.value` is a descriptor call (170 ns), a dict lookup
# is not (20 ns), and hot loops ask it for every update.
SLUGS: dict[Status, str] = {status: status.value for status in Status}


class Timeline(NamedTuple):
    """A project with its plan, its first listing, and its statuses by year as slugs.

    A named tuple, not a frozen dataclass: 10,000 of them are built per report, and a
    frozen dataclass sets each field through `object.__setattr__`.
    """

    plan: Plan
    project: Project
    listed: int
    removed: int | None  # the first year with status removed
    completed: int | None  # the first year with status completed
    statuses: dict[int, str]  # the first update of each year, as its status slug
    by_year: dict[int, StatusUpdate]  # the first update of each year
    updates: Sequence[StatusUpdate]  # every update, oldest first (stable for a year)

    def in_portfolio(self, year: int) -> bool:
        """Listed in or before `year` and not removed in or before it."""
        return self.listed <= year and (self.removed is None or self.removed > year)

    def bucket(self, year: int) -> str:
        """The status slug in `year`; completion carries forward; else `not-reported`."""
        status = self.statuses.get(year)
        if status is not None:
            return status
        completed = self.completed
        return _COMPLETED if completed is not None and completed < year else NOT_REPORTED

    def update_for(self, year: int) -> StatusUpdate | None:
        """The first update recorded for `year`, like `Project.update_by_year`."""
        return self.by_year.get(year)

    def history(self, year: int) -> list[StatusUpdate]:
        """The updates up to and including `year`, oldest first."""
        return [u for u in self.updates if u.year <= year]

    def last_known(self, year: int) -> StatusUpdate | None:
        """The latest update before `year` (the first recorded of that year), if any."""
        earlier = [u for u in self.updates if u.year < year]
        if not earlier:
            return None
        latest = earlier[-1].year
        return next(u for u in earlier if u.year == latest)


def timeline(plan: Plan, project: Project) -> Timeline:
    """The project's timeline: one pass over its updates."""
    statuses: dict[int, str] = {}
    by_year: dict[int, StatusUpdate] = {}
    removed = completed = None  # the first year with that status, among all updates
    ordered, latest = True, 0  # updates are usually oldest first: then no sort is needed
    updates = project.updates
    for update in updates:
        year, slug = update.year, SLUGS[update.status]
        if year not in by_year:
            by_year[year], statuses[year] = update, slug
        if slug == _COMPLETED and (completed is None or year < completed):
            completed = year
        elif slug == _REMOVED and (removed is None or year < removed):
            removed = year
        if year < latest:
            ordered = False
        latest = year
    return Timeline(
        plan,
        project,
        project.first_listed,
        removed,
        completed,
        statuses,
        by_year,
        tuple(updates) if ordered else tuple(sorted(updates, key=_year)),
    )


def _year(update: StatusUpdate) -> int:
    return update.year


def timelines(ds: Dataset) -> list[Timeline]:
    """Every project's timeline, in file order (the order of `Dataset.projects`)."""
    return [timeline(plan, project) for plan, _, project in ds.projects()]
