"""The official record: published figures beside what the records add up to."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ascn import examples as ex
from ascn.checks.base import Context
from ascn.problems import CodeDoc, Example, Problem, Severity
from ascn.reference import FigureKind

if TYPE_CHECKING:  # see checks/base.py: `ascn explain` must not import the models
    from ascn.models import Dataset, PublishedFigure


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _unexplained_report(figure: PublishedFigure) -> bool:
    return figure.kind is FigureKind.REPORT and not figure.note


def figure_unexplained(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """Warning: a report figure differs from the dataset's own value and no note says why.

    Statements (speeches, news) are left alone: they are often rounded or contradict the
    reports, and are kept only as stated.
    """
    from ascn.figures.reconcile import comparisons  # noqa: PLC0415 -- imports the models

    hint = "add a note to the figure that explains the difference, or correct the records"
    for index, comparison in comparisons(ds, _unexplained_report):
        if comparison.agrees is False and comparison.computed is not None:
            what = comparison.measure.value
            key = comparison.status or comparison.focus_area
            label = f"{what} ({key.value})" if key else what
            message = (
                f"published {label} for {comparison.year} is {_number(comparison.published)}, "
                f"the records give {_number(comparison.computed)}, and no note explains it"
            )
            yield Problem.warning(
                "figure-unexplained",
                message,
                ds.file_of("network", "network"),
                ("published_figures", index, "value"),
                hint=hint,
            )


def _figure(note: str = "") -> str:
    return ex.network(
        "  - year: 2018\n    chair: SG\n"
        "published_figures:\n  - year: 2022\n    measure: projects\n    value: 2\n"
        f"    kind: report\n{note}    sources:\n      - me-2024\n"
    )


# The codes this module emits, documented beside it (`ascn explain CODE`; tests run the examples).
DOCS: tuple[CodeDoc, ...] = (
    CodeDoc(
        "figure-unexplained",
        Severity.WARNING,
        "a published report figure differs from the records and no note says why",
        "The network's published figures (published_figures in network.yaml) are set "
        "beside what the records add up to for the same year under the year rules (ascn "
        "progress shows both). Where a figure from an official report (kind: report) differs "
        "from the dataset's own value, beyond the precision it was printed with, the "
        "figure needs a note that explains the difference (a project no public list names, "
        "a printed share the report's own exhibits contradict). Statements in speeches are "
        "not checked. It is a warning: the published figure is a fact either way.",
        Example(
            "network.yaml",
            _figure(),
            note="The example dataset has one project in 2022; the report printed 2.",
        ),
        Example(
            "network.yaml",
            _figure("    note: The report also counts a project that no public list names.\n"),
        ),
        "Find out why the two differ and say so in the figure's note; if the records are "
        "wrong, correct them instead.",
    ),
)
