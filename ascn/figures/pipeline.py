"""The investment pipeline: projects by investment stage, with cost, funding, gap and readiness.

It lives in `figures` (figures as of a year, pure) so that both `ascn pipeline` (through
`ascn.match.pipeline`) and the annual report's annex can use it.

A project is in the pipeline of year Y if it is in the portfolio in Y and has an
`investment:` profile, or states that it is seeking funding (its stage then is "not
stated"). The gap is the capital cost less the committed funding, derived here and never
stored; it is left unknown (None) when an amount is in another currency than the cost,
since there are no exchange rates to add them with.
"""

from __future__ import annotations

from dataclasses import dataclass

from ascn.figures.progress import in_portfolio
from ascn.models import Dataset, Investment, Plan, Project
from ascn.reference import (
    STAGE_LABELS,
    FundingState,
    Readiness,
    ReadinessDimension,
    SeekingKind,
    Stage,
)

NOT_STATED = "not-stated"
DASH = "\u2013"
NOT_STATED_LABEL = "Stage not stated (seeking funding)"


@dataclass(frozen=True)
class PipelineRow:
    """One project of the pipeline; amounts are in `currency`, None where unknown."""

    project_id: str
    title: str
    city_id: str
    city_name: str
    currency: str | None
    cost: float | None
    cost_year: int | None
    committed: float | None
    pipeline: float | None
    gap: float | None
    readiness: dict[str, str]
    sources: tuple[str, ...]

    def money(self, value: float | None) -> str:
        """An amount of this row in words, a dash where unknown (for templates and tables)."""
        return DASH if value is None else f"{amount_words(value)} {self.currency or ''}".strip()

    @property
    def readiness_text(self) -> str:
        """The readiness checklist in a few words."""
        return readiness_summary(self.readiness)


@dataclass(frozen=True)
class StageGroup:
    """The projects at one stage."""

    stage: str
    label: str
    rows: tuple[PipelineRow, ...]


@dataclass(frozen=True)
class Pipeline:
    """The year's pipeline, stage by stage in order (stages without projects left out)."""

    year: int
    stages: tuple[StageGroup, ...]


def amount_words(amount: float) -> str:
    """An amount with thousands separators, without decimals when it is whole."""
    return f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"


def _sum(investment: Investment, state: FundingState, currency: str | None) -> float | None:
    """The funding in one state; unknown (None) if none is recorded, one has no amount, or
    one is in another currency: a gap is never guessed."""
    amounts = [f.amount for f in investment.funding if f.state is state]
    if not amounts or any(a is None or a.currency != currency for a in amounts):
        return None
    return sum(a.amount for a in amounts if a is not None)


def _currency(investment: Investment) -> str | None:
    """The cost's currency, else the one currency all funding amounts share."""
    if investment.capital_cost is not None:
        return investment.capital_cost.currency
    currencies = {f.amount.currency for f in investment.funding if f.amount is not None}
    return currencies.pop() if len(currencies) == 1 else None


def row(ds: Dataset, plan: Plan, project: Project) -> PipelineRow:
    """A project as a line of the pipeline."""
    investment = project.investment or Investment(stage=Stage.IDENTIFICATION)
    cost, currency = investment.capital_cost, _currency(investment)
    committed = _sum(investment, FundingState.COMMITTED, currency)
    gap = None if cost is None or committed is None else cost.amount - committed
    readiness = {item.dimension.value: item.answer.value for item in investment.readiness}
    sources = [*investment.sources, *(project.seeking.sources if project.seeking else ())]
    return PipelineRow(
        project.id,
        project.title,
        plan.city,
        ds.city_name(plan.city),
        currency,
        cost.amount if cost else None,
        cost.year if cost else None,
        committed,
        _sum(investment, FundingState.PIPELINE, currency),
        gap,
        readiness,
        tuple(dict.fromkeys(sources)),
    )


def _stage_of(project: Project) -> str | None:
    """The project's stage, `not-stated` if it only seeks funding, None if not in the pipeline."""
    if project.investment is not None:
        return project.investment.stage.value
    seeking = project.seeking
    return NOT_STATED if seeking and SeekingKind.FUNDING in seeking.what else None


def pipeline(ds: Dataset, year: int) -> Pipeline:
    """Projects in the portfolio in `year` with an investment profile or seeking funding."""
    by_stage: dict[str, list[PipelineRow]] = {}
    for plan, _, project in ds.projects():
        stage = _stage_of(project)
        if stage is not None and in_portfolio(project, year):
            by_stage.setdefault(stage, []).append(row(ds, plan, project))
    order = [*(s.value for s in Stage), NOT_STATED]
    labels = {**{s.value: label for s, label in STAGE_LABELS.items()}, NOT_STATED: NOT_STATED_LABEL}
    groups = (
        StageGroup(s, labels[s], tuple(sorted(by_stage[s], key=_row_key)))
        for s in order
        if s in by_stage
    )
    return Pipeline(year, tuple(groups))


def _row_key(r: PipelineRow) -> tuple[str, str]:
    return (r.city_name.casefold(), r.title.casefold())


def readiness_summary(readiness: dict[str, str]) -> str:
    """`2 yes, 1 partial of 5` over the five G20 dimensions, or `not stated`."""
    counts = {a.value: sum(1 for v in readiness.values() if v == a.value) for a in Readiness}
    parts = [f"{n} {answer}" for answer, n in counts.items() if n]
    if not parts:
        return "not stated"
    return f"{', '.join(parts)} of {len(ReadinessDimension)}"
