"""Years and statuses of plans, projects and partnerships."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ascn import examples as ex
from ascn.checks.base import Context, project_label
from ascn.problems import CodeDoc, Example, Pointer, Problem, Severity
from ascn.reference import Status

if TYPE_CHECKING:
    from ascn.models import Dataset, Plan, Project, StatusUpdate

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def project_outside_period(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A project is first listed outside its plan's period, or updated before it begins.

    Updates after the period's end are allowed: a project listed under a plan is still
    monitored after the plan ends (the SCAPs ran 2018-2025; the M&E reports go on).
    """
    for plan, index, project in ds.projects():
        if plan.period is None:
            continue
        start, end = plan.period.start, plan.period.end
        if start <= project.first_listed <= end and min(_years(project), default=start) >= start:
            continue  # nothing to report: spares the pointers of every update
        years: list[tuple[Pointer, int, int]] = [
            (("projects", index, "first_listed"), project.first_listed, end)
        ]
        years += [
            (("projects", index, "updates", n, "year"), u.year, u.year)
            for n, u in enumerate(project.updates)
        ]
        for pointer, year, last in years:
            if not start <= year <= last:
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
    for partner_id, partner, index, p in ds.partnerships():
        if p.since is not None and p.until is not None and p.until < p.since:
            who = f"{partner.name}: partnership {p.id}"
            message = f"{who} ends ({p.until}) before it begins ({p.since})"
            yield Problem.at_pointer(
                "bad-period",
                message,
                ds.file_of("partner", partner_id),
                ("partnerships", index, "until"),
            )


UpdateAt = tuple["Plan", int, "Project", int]  # the plan, the project's index, it, the update's


def _update_problem(
    ds: Dataset,
    at: UpdateAt,
    code: str,
    what: str,
    *,
    field: str = "year",
    hint: str | None = None,
) -> Problem:
    """A problem with one update of a project, named by its project, at the update's field."""
    plan, index, project, n = at
    message = f"{project_label(plan, project, ds)}: {what}"
    pointer = ("projects", index, "updates", n, field)
    return Problem.at_pointer(code, message, ds.file_of("plan", plan.city), pointer, hint=hint)


def _updates(
    ds: Dataset, suspect: Callable[[Project], bool]
) -> Iterator[tuple[UpdateAt, StatusUpdate]]:
    """Every status update of every project `suspect` picks (one with updates), with where it is.

    `suspect` must pick every project the caller could report: a quick test on the project
    spares the walk over the others' updates (four checks walked all 130,000 of them at
    1,000 cities, 0.09 s).
    """
    for plan, index, project in ds.projects():
        if project.updates and suspect(project):
            for n, update in enumerate(project.updates):
                yield (plan, index, project, n), update


def _years(project: Project) -> list[int]:
    return [update.year for update in project.updates]


def _unordered(project: Project) -> bool:
    """Whether the update years are not strictly increasing (then update-order reports)."""
    years = _years(project)
    return years != sorted(set(years))


def update_order(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A project's yearly updates are not in increasing year order, or repeat a year."""
    hint = "list one update per year, oldest first"
    for at, update in _updates(ds, _unordered):
        n, updates = at[3], at[2].updates
        before = updates[n - 1].year if n else None
        if before is not None and update.year <= before:
            what = "repeats" if update.year == before else "comes after"
            words = f"update {update.year} {what} update {before}"
            yield _update_problem(ds, at, "update-order", words, hint=hint)


def update_in_future(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A status update is for a year that has not begun yet."""
    for at, update in _updates(ds, lambda project: max(_years(project)) > ctx.current_year):
        if update.year > ctx.current_year:
            words = f"update for {update.year} is in the future"
            hint = f"it is {ctx.current_year}: record a year's status once that year has begun"
            yield _update_problem(ds, at, "update-in-future", words, hint=hint)


def update_before_listed(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A status update is for a year before the project was first listed."""
    for at, update in _updates(ds, lambda project: min(_years(project)) < project.first_listed):
        first = at[2].first_listed
        if update.year < first:
            words = f"update {update.year} is before it was first listed ({first})"
            yield _update_problem(ds, at, "update-before-listed", words)


_AFTER_COMPLETED = {Status.COMPLETED, Status.REMOVED}


def _after_completed(project: Project) -> bool:
    """Whether an update follows a completed or removed one (only then can a status go back)."""
    return not _AFTER_COMPLETED.isdisjoint([update.status for update in project.updates[:-1]])


def status_regression(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A status goes back from completed, or an update follows a removal."""
    hint = "a completed project stays completed; a removed one gets no further updates"
    for at, update in _updates(ds, _after_completed):
        n, updates = at[3], at[2].updates
        previous = updates[n - 1].status if n else None
        if previous is Status.REMOVED or (
            previous is Status.COMPLETED and update.status not in _AFTER_COMPLETED
        ):
            words = f"{update.status.value} in {update.year} after {previous.value}"
            yield _update_problem(ds, at, "status-regression", words, field="status", hint=hint)


def focus_area_not_in_plan(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """Warning: a project's focus area is not among the framework focus areas its plan states.

    Only `focus_areas` (the framework's six, where the source states them) are compared;
    the city's own headings (`focus_area_headings`, e.g. "Smart Governance") are the city's
    words and are never mapped to the framework, so a plan with headings only is not checked.
    A project whose `focus_area_note` explains its area is not reported again.
    """
    for plan, index, project in ds.projects():
        if project.focus_area_note or not plan.focus_areas:
            continue  # the note explains the area; a plan with headings only is not compared
        if project.focus_area not in plan.focus_areas:
            label = project_label(plan, project, ds)
            area = project.focus_area.value
            message = f"{label}: focus area {area} is not among the plan's focus areas"
            yield Problem.warning(
                "focus-area-not-in-plan",
                message,
                ds.file_of("plan", plan.city),
                ("projects", index, "focus_area"),
                hint="add it to focus_areas if the source states it, or say why in focus_area_note",
            )


# The codes this module emits, documented beside it (`ascn explain CODE`; tests run the examples).
DOCS: tuple[CodeDoc, ...] = (
    CodeDoc(
        "bad-period",
        ERROR,
        "a period ends before it starts",
        "A plan's period (start, end) or a partnership's since/until ends before it begins, "
        "usually because the two years were swapped.",
        Example(ex.PLAN_PATH, ex.plan("    first_listed: 2018\n", ex.period(2025, 2018))),
        Example(ex.PLAN_PATH, ex.plan("    first_listed: 2018\n", ex.period(2018, 2025))),
        "Swap or correct the two years.",
    ),
    CodeDoc(
        "focus-area-not-in-plan",
        WARNING,
        "a project's focus area is not among its plan's focus areas",
        "A plan lists the framework focus areas the city chose (focus_areas, only where the "
        "source states them), and each project serves one of them. The city's own headings "
        "(focus_area_headings, such as 'Smart Governance') are the city's words and are never "
        "mapped to the six framework areas, so they are not compared: a plan with headings "
        "only, or with no focus areas at all, is not checked. A project in another focus "
        "area is allowed (plans change, and later reports add projects) but worth a second "
        "look, so this is a warning: it fails only with --strict. A project whose "
        "focus_area_note says why its area differs is not reported.",
        Example(
            ex.PLAN_PATH,
            ex.plan("    first_listed: 2018\n", "focus_areas:\n  - built-infrastructure\n"),
        ),
        Example(
            ex.PLAN_PATH,
            ex.plan(
                "    first_listed: 2018\n",
                "focus_areas:\n  - built-infrastructure\n  - quality-environment\n",
            ),
        ),
        "Add the project's focus area to the plan's focus_areas if the source states it, "
        "correct the project's focus_area, or say in its focus_area_note why it differs.",
    ),
    CodeDoc(
        "project-outside-period",
        ERROR,
        "a project year lies outside its plan's period",
        "A project's first_listed year must fall within the plan's period (start to end, "
        "inclusive), and its status updates may not come before the period starts. Updates "
        "after the period ends are allowed: a project listed under a plan is still "
        "monitored after the plan ends.",
        Example(ex.PLAN_PATH, ex.plan("    first_listed: 2018\n", ex.period(2019, 2025))),
        Example(ex.PLAN_PATH, ex.plan("    first_listed: 2018\n", ex.period(2018, 2025))),
        "Correct the year, or the plan's period if the plan was extended.",
    ),
    CodeDoc(
        "status-regression",
        ERROR,
        "a status goes back after completed, or continues after removed",
        "A completed project stays completed, and a project removed from the plan gets no "
        "further updates. An update that says otherwise is usually entered under the wrong "
        "year or for the wrong project.",
        Example(
            ex.PLAN_PATH,
            ex.plan(
                "    first_listed: 2018\n    updates:\n      - year: 2022\n"
                "        status: completed\n      - year: 2023\n        status: ongoing\n"
            ),
        ),
        Example(
            ex.PLAN_PATH,
            ex.plan(
                "    first_listed: 2018\n    updates:\n      - year: 2022\n"
                "        status: ongoing\n      - year: 2023\n        status: completed\n"
            ),
        ),
        "Check the years and statuses against the source; if a completed project was "
        "restarted, record the new phase as a new project.",
    ),
    CodeDoc(
        "update-before-listed",
        ERROR,
        "a status update is older than the project",
        "A project's updates start in or after the year it was first listed.",
        Example(
            ex.PLAN_PATH,
            ex.plan(
                "    first_listed: 2023\n    updates:\n      - year: 2022\n"
                "        status: ongoing\n"
            ),
        ),
        Example(
            ex.PLAN_PATH,
            ex.plan(
                "    first_listed: 2022\n    updates:\n      - year: 2022\n"
                "        status: ongoing\n"
            ),
        ),
        "Correct the update's year or the project's first_listed year.",
    ),
    CodeDoc(
        "update-in-future",
        ERROR,
        "a status update is for a year that has not begun",
        "Statuses record what was monitored; a year after the current one is a typing "
        "mistake (2052 for 2025).",
        Example(
            ex.PLAN_PATH,
            ex.plan(
                "    first_listed: 2018\n    updates:\n      - year: 2052\n"
                "        status: ongoing\n"
            ),
        ),
        Example(
            ex.PLAN_PATH,
            ex.plan(
                "    first_listed: 2018\n    updates:\n      - year: 2025\n"
                "        status: ongoing\n"
            ),
        ),
        "Correct the year.",
    ),
    CodeDoc(
        "update-order",
        ERROR,
        "a project's yearly updates are out of order or repeat a year",
        "A project has at most one update per year, listed oldest first, so that the latest "
        "status is always the last one.",
        Example(
            ex.PLAN_PATH,
            ex.plan(
                "    first_listed: 2018\n    updates:\n      - year: 2023\n"
                "        status: ongoing\n      - year: 2022\n        status: planning\n"
            ),
        ),
        Example(
            ex.PLAN_PATH,
            ex.plan(
                "    first_listed: 2018\n    updates:\n      - year: 2022\n"
                "        status: planning\n      - year: 2023\n        status: ongoing\n"
            ),
        ),
        "Move the update to its place by year (oldest first), or merge two updates of the "
        "same year. `ascn update` inserts updates in the right place.",
    ),
)
