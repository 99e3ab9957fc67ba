"""Years and statuses of plans, projects and partnerships."""

from __future__ import annotations

from collections.abc import Iterator

from ascn.checks.base import Context, project_label
from ascn.models import Dataset
from ascn.problems import Pointer, Problem
from ascn.reference import Status


def project_outside_period(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A project is first listed, or updated, in a year outside its plan's period."""
    for plan, index, project in ds.projects():
        if plan.period is None:
            continue
        start, end = plan.period.start, plan.period.end
        years: list[tuple[Pointer, int]] = [
            (("projects", index, "first_listed"), project.first_listed)
        ]
        years += [
            (("projects", index, "updates", n, "year"), u.year)
            for n, u in enumerate(project.updates)
        ]
        for pointer, year in years:
            if not start <= year <= end:
                label = project_label(plan, project, ds)
                message = f"{label}: {year} is outside the plan period {start}-{end}"
                yield Problem.at_pointer(
                    "project-outside-period", message, ds.file_of("plan", plan.city), pointer
                )


def bad_period(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A period ends before it starts (a plan's period, a partnership's since/until)."""
    for stem, plan in ds.plans.items():
        if plan.period and plan.period.end < plan.period.start:
            start, end = plan.period.start, plan.period.end
            message = (
                f"plan of {ds.city_name(stem)}: period ends ({end}) before it starts ({start})"
            )
            yield Problem.at_pointer(
                "bad-period", message, ds.file_of("plan", stem), ("period", "end")
            )
    for partner_id, partner in ds.partners.items():
        for index, p in enumerate(partner.partnerships):
            if p.since is not None and p.until is not None and p.until < p.since:
                who = f"{partner.name}: partnership {p.id}"
                message = f"{who} ends ({p.until}) before it begins ({p.since})"
                yield Problem.at_pointer(
                    "bad-period",
                    message,
                    ds.file_of("partner", partner_id),
                    ("partnerships", index, "until"),
                )


def update_order(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A project's yearly updates are not in increasing year order, or repeat a year."""
    for plan, index, project in ds.projects():
        for n in range(1, len(project.updates)):
            before, year = project.updates[n - 1].year, project.updates[n].year
            if year <= before:
                what = "repeats" if year == before else "comes after"
                message = (
                    f"{project_label(plan, project, ds)}: update {year} {what} update {before}"
                )
                hint = "list one update per year, oldest first"
                yield Problem.at_pointer(
                    "update-order",
                    message,
                    ds.file_of("plan", plan.city),
                    ("projects", index, "updates", n, "year"),
                    hint=hint,
                )


def update_in_future(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A status update is for a year that has not begun yet."""
    for plan, index, project in ds.projects():
        for n, update in enumerate(project.updates):
            if update.year > ctx.current_year:
                label = project_label(plan, project, ds)
                message = f"{label}: update for {update.year} is in the future"
                yield Problem.at_pointer(
                    "update-in-future",
                    message,
                    ds.file_of("plan", plan.city),
                    ("projects", index, "updates", n, "year"),
                )


def update_before_listed(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A status update is for a year before the project was first listed."""
    for plan, index, project in ds.projects():
        for n, update in enumerate(project.updates):
            if update.year < project.first_listed:
                label = project_label(plan, project, ds)
                first = project.first_listed
                message = f"{label}: update {update.year} is before it was first listed ({first})"
                yield Problem.at_pointer(
                    "update-before-listed",
                    message,
                    ds.file_of("plan", plan.city),
                    ("projects", index, "updates", n, "year"),
                )


_AFTER_COMPLETED = {Status.COMPLETED, Status.REMOVED}


def status_regression(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A status goes back from completed, or an update follows a removal."""
    for plan, index, project in ds.projects():
        previous: Status | None = None
        for n, update in enumerate(project.updates):
            if previous is Status.REMOVED or (
                previous is Status.COMPLETED and update.status not in _AFTER_COMPLETED
            ):
                label = project_label(plan, project, ds)
                change = f"{update.status.value} in {update.year} after {previous.value}"
                message = f"{label}: {change}"
                hint = "a completed project stays completed; a removed one gets no further updates"
                yield Problem.at_pointer(
                    "status-regression",
                    message,
                    ds.file_of("plan", plan.city),
                    ("projects", index, "updates", n, "status"),
                    hint=hint,
                )
            previous = update.status


def focus_area_not_in_plan(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """Warning: a project's focus area is not among the focus areas its plan chose."""
    for plan, index, project in ds.projects():
        if plan.focus_areas and project.focus_area not in plan.focus_areas:
            label = project_label(plan, project, ds)
            area = project.focus_area.value
            message = f"{label}: focus area {area} is not among the plan's focus areas"
            yield Problem.warning(
                "focus-area-not-in-plan",
                message,
                ds.file_of("plan", plan.city),
                ("projects", index, "focus_area"),
            )
