"""Indentation mistakes in plain words (issue 8, section 4), at the offending line."""

from __future__ import annotations

import pytest

from ascn.load.indentation import explain
from ascn.validate import validate
from tests.conftest import DatasetBuilder

HEAD = "city: da-nang\nprojects:\n  - id: da-nang-water\n    title: Smart Water\n"
UPDATES = HEAD + "    updates:\n      - year: 2022\n        status: ongoing\n"


@pytest.mark.parametrize(
    ("text", "line", "message", "hint"),
    [
        (
            HEAD + "     focus_area: quality-environment\n",
            4,
            "line 5 is indented one space more than `title` above it (line 4), in `da-nang-water`",
            "indent `focus_area` with 4 spaces, like `title`",
        ),
        (
            HEAD + "   focus_area: quality-environment\n",
            4,
            "line 5 is indented one space less than `title` above it (line 4), in `da-nang-water`",
            "indent `focus_area` with 4 spaces, like `title`",
        ),
        (
            UPDATES + "          - year: 2023\n            status: ongoing\n",
            7,
            "line 8: the list item `- year` is indented 4 spaces more than the item `- year` on "
            "line 6; YAML reads it as part of the value of `status` above it, in `da-nang-water`",
            "start the line with 6 spaces, like line 6",
        ),
        (
            UPDATES + "     - year: 2023\n",
            7,
            "line 8: the list item `- year` is indented one space less than the item `- year` on "
            "line 6, in `da-nang-water`",
            "start the line with 6 spaces, like line 6",
        ),
        (
            "city: da-nang\n name: Da Nang\n",
            1,
            "line 2 is indented one space more than `city` above it (line 1)",
            "indent `name` with no space, like `city`",
        ),
    ],
    ids=["field-one-more", "field-one-less", "item-joined-above", "item-one-less", "top-level"],
)
def test_indentation_slips_are_explained(text: str, line: int, message: str, hint: str) -> None:
    """Which line, by how much, compared with which field, and the fix."""
    found = explain(text, line)
    assert found is not None
    assert (found.message, found.hint) == (message, hint)


def test_a_dedent_to_an_existing_level_is_not_blamed() -> None:
    """A field back at the level of an outer entry is no indentation slip."""
    assert explain(HEAD + "sources: [me-2024]\n", 4) is None


def test_validate_reports_the_slip_at_the_offending_line(make_dataset: DatasetBuilder) -> None:
    """The problem is yaml-syntax at the start of the line, in plain words."""
    data = make_dataset(**{"plans/da-nang.yaml": HEAD + "     focus_area: quality-environment\n"})
    found = [(p.line, p.column, p.code, p.message) for p in validate(data).problems]
    assert found == [
        (
            5,
            6,
            "yaml-syntax",
            "line 5 is indented one space more than `title` above it (line 4), in `da-nang-water`",
        )
    ]
