"""A project's investment profile and what it seeks: amounts, currencies, stages, partners."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ascn import examples as ex
from ascn.checks.base import Context, did_you_mean, project_label
from ascn.problems import CodeDoc, Example, Pointer, Problem, Severity
from ascn.reference import STAGES_PAST_FEASIBILITY, FundingState

if TYPE_CHECKING:  # see checks/base.py: `ascn explain` must not import the models
    from ascn.models import Dataset, Investment, Plan, Project

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def _investments(ds: Dataset) -> Iterator[tuple[Plan, int, Project, Investment]]:
    for plan, index, project in ds.projects():
        if project.investment is not None:
            yield plan, index, project, project.investment


def committed_total(investment: Investment) -> float:
    """The committed funding in the capital cost's currency (other currencies left out)."""
    cost = investment.capital_cost
    return sum(
        f.amount.amount
        for f in investment.funding
        if f.state is FundingState.COMMITTED
        and f.amount is not None
        and (cost is None or f.amount.currency == cost.currency)
    )


def funding_above_cost(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """The committed funding of a project adds up to more than its capital cost."""
    for plan, index, project, investment in _investments(ds):
        cost = investment.capital_cost
        committed = committed_total(investment)
        if cost is not None and committed > cost.amount:
            label = project_label(plan, project, ds)
            message = (
                f"{label}: committed funding {committed:,.0f} {cost.currency} is above "
                f"the capital cost {cost.amount:,.0f} {cost.currency}"
            )
            pointer = ("projects", index, "investment", "capital_cost", "amount")
            hint = "check the amounts: a source counted twice, or a cost from an older estimate"
            yield Problem.at_pointer(
                "funding-above-cost", message, ds.file_of("plan", plan.city), pointer, hint=hint
            )


def stage_without_feasibility(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """Warning: a stage past feasibility, but no feasibility study is named."""
    for plan, index, project, investment in _investments(ds):
        if investment.stage in STAGES_PAST_FEASIBILITY and investment.feasibility_study is None:
            label = project_label(plan, project, ds)
            message = (
                f"{label}: stage {investment.stage.value} is past feasibility, "
                "but no feasibility study is named"
            )
            yield Problem.warning(
                "stage-without-feasibility",
                message,
                ds.file_of("plan", plan.city),
                ("projects", index, "investment", "stage"),
                hint="add feasibility_study: with its title or where it is published",
            )


def _amounts(project: Project) -> Iterator[tuple[Pointer, str]]:
    """Every currency given beside a project's capital cost, with its place."""
    investment = project.investment
    if investment is not None:
        for n, source in enumerate(investment.funding):
            if source.amount is not None:
                yield ("investment", "funding", n, "amount", "currency"), source.amount.currency
    if project.seeking is not None and project.seeking.amount is not None:
        yield ("seeking", "amount", "currency"), project.seeking.amount.currency


def currency_mismatch(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """Warning: an amount in another currency than the capital cost (no gap can be derived)."""
    for plan, index, project, investment in _investments(ds):
        if investment.capital_cost is None:
            continue
        currency = investment.capital_cost.currency
        for pointer, other in _amounts(project):
            if other != currency:
                label = project_label(plan, project, ds)
                message = f"{label}: amount in {other}, but the capital cost is in {currency}"
                yield Problem.warning(
                    "currency-mismatch",
                    message,
                    ds.file_of("plan", plan.city),
                    ("projects", index, *pointer),
                    hint=f"give the amount in {currency} as the source converts it, if it does",
                )


def funding_unknown_partner(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A funding source names a partner id that no file in data/partners/ defines."""
    partners = ds.known_ids("partner", ds.partners)
    for plan, index, project, investment in _investments(ds):
        for n, source in enumerate(investment.funding):
            if source.partner is not None and source.partner not in partners:
                label = project_label(plan, project, ds)
                message = f"{label}: funding names unknown partner '{source.partner}'"
                yield Problem.at_pointer(
                    "funding-unknown-partner",
                    message,
                    ds.file_of("plan", plan.city),
                    ("projects", index, "investment", "funding", n, "partner"),
                    hint=did_you_mean(source.partner, ds.partners),
                )


def _investment(lines: str) -> str:
    """The example plan whose project has an investment profile with these lines."""
    return ex.plan(f"    first_listed: 2018\n    investment:\n{lines}")


_COST = "      capital_cost:\n        amount: 1000000\n        currency: USD\n"


def _funding(amount: int, currency: str = "USD") -> str:
    return (
        f"      funding:\n        - party: city\n          amount:\n            amount: {amount}\n"
        f"            currency: {currency}\n          state: committed\n"
    )


# The codes this module emits, documented beside it (`ascn explain CODE`; tests run the examples).
DOCS: tuple[CodeDoc, ...] = (
    CodeDoc(
        "currency-mismatch",
        WARNING,
        "an amount is in another currency than the project's capital cost",
        "The funding gap is the capital cost less the committed funding, and amounts can only "
        "be added in one currency: `ascn pipeline` shows no gap for such a project. Sources "
        "often give one amount in local currency and another in US dollars.",
        Example(
            ex.PLAN_PATH, _investment(f"      stage: feasibility\n{_COST}{_funding(1, 'VND')}")
        ),
        Example(ex.PLAN_PATH, _investment(f"      stage: feasibility\n{_COST}{_funding(1)}")),
        "Give the amount in the cost's currency where the source converts it; otherwise leave "
        "the warning (the gap stays unknown rather than guessed).",
    ),
    CodeDoc(
        "funding-above-cost",
        ERROR,
        "committed funding adds up to more than the capital cost",
        "The funding sources marked `committed` (in the capital cost's currency) add up to "
        "more than the capital cost: an amount is counted twice, or the cost is out of date.",
        Example(ex.PLAN_PATH, _investment(f"      stage: feasibility\n{_COST}{_funding(2000000)}")),
        Example(ex.PLAN_PATH, _investment(f"      stage: feasibility\n{_COST}{_funding(400000)}")),
        "Correct the amounts against the source, or update the capital cost and its year.",
    ),
    CodeDoc(
        "funding-unknown-partner",
        ERROR,
        "a funding source names a partner that has no file",
        "A funding source's `partner:` is the id of a file in data/partners/.",
        Example(
            ex.PLAN_PATH,
            _investment(
                "      stage: feasibility\n      funding:\n        - party: foreign-government\n"
                "          partner: jica-japan\n          state: pipeline\n"
            ),
        ),
        Example(
            ex.PLAN_PATH,
            _investment(
                "      stage: feasibility\n      funding:\n        - party: foreign-government\n"
                "          partner: jica\n          state: pipeline\n"
            ),
        ),
        "Use the partner's id as the hint suggests, add the partner (`ascn new partner`), or "
        "name the funder with `name:` only.",
    ),
    CodeDoc(
        "stage-without-feasibility",
        WARNING,
        "a project's stage is past feasibility, but no feasibility study is named",
        "Design, procurement, implementation and completion come after a feasibility study; "
        "investors and project-preparation facilities ask for it first. Naming it lets "
        "them find it.",
        Example(ex.PLAN_PATH, _investment("      stage: design\n")),
        Example(
            ex.PLAN_PATH,
            _investment(
                "      stage: design\n      feasibility_study: Feasibility study for "
                "the water network, 2024\n"
            ),
        ),
        "Add `feasibility_study:` with the study's title or where it is published, or correct "
        "the stage.",
    ),
)
