"""Years against the current year and against each other across records.

Observed years (a city joining, a project first listed, a partnership beginning, a network
year) may not lie after the current year (`ascn.clock`); planned ends (a partnership's
`until`, a plan period's end) may. A project cannot be listed before its city joined (a
partnership that begins before may be real: a warning), and a partnership cannot support a
project listed after it ended.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ascn import examples as ex
from ascn.checks.base import Context, project_label
from ascn.problems import CodeDoc, Example, Pointer, Problem, Severity

if TYPE_CHECKING:  # see checks/base.py: `ascn explain` must not import the models
    from ascn.models import Dataset

ERROR, WARNING = Severity.ERROR, Severity.WARNING
Observed = tuple[str, str, Pointer, int, str]  # kind, file id, pointer, year, what it is


def _observed(ds: Dataset, after: int) -> Iterator[Observed]:
    """Every observed year after `after`, except status updates (update-in-future has those).

    What each is gets written only for these: naming every project cost more than the check.
    """
    if ds.network is not None:
        for index, year in enumerate(ds.network.years):
            if year.year > after:
                yield "network", "network", ("years", index, "year"), year.year, "network year"
    for stem, city in ds.cities.items():
        if city.joined > after:
            yield "city", stem, ("joined",), city.joined, f"{city.name} joined"
    for plan, index, project in ds.projects():
        if project.first_listed > after:
            where = ("projects", index, "first_listed")
            what = f"{project_label(plan, project, ds)} first listed"
            yield "plan", plan.city, where, project.first_listed, what
    for stem, partner, index, p in ds.partnerships():
        if p.since is not None and p.since > after:
            what = f"{partner.name}: partnership {p.id} begins"
            yield "partner", stem, ("partnerships", index, "since"), p.since, what


def year_in_future(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """An observed year (joined, first listed, since, network year) after the current year."""
    hint = f"it is {ctx.current_year}: record what has happened, not what is planned"
    for kind, stem, pointer, year, what in _observed(ds, ctx.current_year):
        message = f"{what} in {year}, which has not begun"
        yield Problem.at_pointer(
            "year-in-future", message, ds.file_of(kind, stem), pointer, hint=hint
        )


def before_joined(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A project first listed before its city joined the network."""
    joined = {stem: city.joined for stem, city in ds.cities.items()}
    for plan, index, project in ds.projects():
        year = joined.get(plan.city)
        if year is not None and project.first_listed < year:
            label = project_label(plan, project, ds)
            message = (
                f"{label}: first listed {project.first_listed}, before the city joined ({year})"
            )
            file, pointer = ds.file_of("plan", plan.city), ("projects", index, "first_listed")
            yield Problem.at_pointer("before-joined", message, file, pointer)


def partnership_before_joined(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """Warning: a partnership with a city begins before the city joined the network.

    A warning, not an error: a partner may have worked with a city before it joined (the
    sources record a JICA partnership with Phnom Penh from 2017), but more often one of the
    two years is mistyped. A note on the partnership marks the early start as checked.
    """
    joined = {stem: city.joined for stem, city in ds.cities.items()}
    for stem, partner, index, p in ds.partnerships():
        year = joined.get(p.city) if p.city else None
        if year is not None and p.since is not None and p.since < year and p.notes is None:
            city = ds.city_name(str(p.city))
            message = f"{partner.name}: partnership {p.id} begins {p.since}, before {city} joined"
            message += f" ({year})"
            file, pointer = ds.file_of("partner", stem), ("partnerships", index, "since")
            yield Problem.warning("partnership-before-joined", message, file, pointer)


def partnership_ended(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A partnership supports a project first listed after the partnership ended."""
    listed = {project.id: project for _, _, project in ds.projects()}
    for stem, partner, index, p in ds.partnerships():
        for n, project_id in enumerate(p.projects):
            project = listed.get(project_id)
            if p.until is None or project is None or project.first_listed <= p.until:
                continue
            message = (
                f"{partner.name}: partnership {p.id} ended in {p.until}, before project "
                f'"{project.title}" was first listed ({project.first_listed})'
            )
            pointer = ("partnerships", index, "projects", n)
            yield Problem.at_pointer(
                "partnership-ended", message, ds.file_of("partner", stem), pointer
            )


# The codes this module emits, documented beside it (`ascn explain CODE`; tests run the examples).
DOCS: tuple[CodeDoc, ...] = (
    CodeDoc(
        "before-joined",
        ERROR,
        "a project is listed before its city joined",
        "A city's projects are counted from the year it joined the network: a project first "
        "listed before then is usually a typing mistake in one of the two years.",
        Example(ex.PLAN_PATH, ex.plan("    first_listed: 2017\n")),
        Example(ex.PLAN_PATH, ex.plan("    first_listed: 2018\n")),
        "Correct the project's `first_listed` year, or the city's `joined` year.",
    ),
    CodeDoc(
        "partnership-ended",
        ERROR,
        "a partnership supports a project listed after it ended",
        "A partnership's `until` is the last year it ran; it cannot support a project the "
        "city listed only later.",
        Example(
            ex.PARTNER_PATH,
            ex.partnership(
                "    city: da-nang\n    projects:\n      - da-nang-water\n    until: 2020\n"
            ),
            others=((ex.PLAN_PATH, ex.plan("    first_listed: 2022\n")),),
        ),
        Example(
            ex.PARTNER_PATH,
            ex.partnership(
                "    city: da-nang\n    projects:\n      - da-nang-water\n    until: 2023\n"
            ),
            others=((ex.PLAN_PATH, ex.plan("    first_listed: 2022\n")),),
        ),
        "Correct the partnership's `until` year, or remove the project from it.",
    ),
    CodeDoc(
        "partnership-before-joined",
        WARNING,
        "a partnership begins before its city joined",
        "A partnership with a city usually begins once the city is a member. One that began "
        "earlier may be real (a partner worked with the city before the network existed), so "
        "this is a warning, but it is more often a mistyped year.",
        Example(ex.PARTNER_PATH, ex.partnership("    city: da-nang\n").replace("2019", "2017", 2)),
        Example(
            ex.PARTNER_PATH,
            ex.partnership(
                "    city: da-nang\n    notes: Began before the network existed.\n"
            ).replace("2019", "2017", 2),
        ),
        "Check both years against the source: the partnership's `since` and the city's "
        "`joined`. If both are right, say so in the partnership's `notes`.",
    ),
    CodeDoc(
        "year-in-future",
        ERROR,
        "an observed year lies after the current year",
        "Years that record what happened (a city joining, a project first listed, a "
        "partnership beginning, a network year) cannot lie in the future; a planned end (a "
        "partnership's `until`, a plan period's end) may. The current year is the clock's, "
        "or ASCN_NOW's for reproducible runs.",
        Example(ex.CITY_PATH, "id: da-nang\nname: Da Nang\ncountry: VN\njoined: 2035\n"),
        Example(ex.CITY_PATH, ex.CITY),
        "Correct the year (2035 for 2025?); add the record in the year it happens.",
    ),
)
