"""Semantic diffs of records: matched by id and year, named in the data's terms."""

from __future__ import annotations

from ascn.history.semdiff import diff_record, show

NAMES = {"da-nang": "Da Nang"}


def _project(**fields: object) -> dict[str, object]:
    return {"id": "w", "title": "Smart Water Management", "first_listed": 2018, **fields}


def test_status_change_names_city_project_and_year() -> None:
    """The commonest edit reads exactly as a reviewer would say it."""
    old = {"city": "da-nang", "projects": [_project(updates=[{"year": 2024, "status": "ongoing"}])]}
    new = {
        "city": "da-nang",
        "projects": [_project(updates=[{"year": 2024, "status": "completed"}])],
    }
    assert diff_record("plan", "da-nang", old, new, NAMES) == [
        "Da Nang, Smart Water Management: status 2024 ongoing -> completed"
    ]


def test_projects_are_matched_by_id_not_position() -> None:
    """Reordering projects is no change; a new and a removed project are named by title."""
    a, b = _project(id="a", title="A"), _project(id="b", title="B")
    c = _project(id="c", title="C", focus_area="civic-and-social")
    assert diff_record("plan", "da-nang", {"projects": [a, b]}, {"projects": [c, a]}, NAMES) == [
        "Da Nang, C: project added (civic-and-social, 2018)",
        "Da Nang, B: project removed",
    ]


def test_updates_added_and_removed_with_their_details() -> None:
    """A new update shows status, percent and note; a removed one what it was."""
    old = {"projects": [_project(updates=[{"year": 2022, "status": "planning"}])]}
    new = {
        "projects": [
            _project(updates=[{"year": 2023, "status": "ongoing", "percent_complete": 40}])
        ]
    }
    assert diff_record("plan", "da-nang", old, new, NAMES) == [
        "Da Nang, Smart Water Management: status 2023 added: ongoing, 40% complete",
        "Da Nang, Smart Water Management: status 2022 removed (was planning)",
    ]


def test_nested_fields_lists_and_long_text() -> None:
    """Nested mappings name the path; lists say what was added; long text is shortened."""
    old = {"name": "Hue", "population": {"value": 1}, "sources": ["a"], "notes": "short"}
    new = {"name": "Hue", "population": {"value": 2}, "sources": ["a", "b"], "notes": "x " * 40}
    assert diff_record("city", "hue", old, new, NAMES) == [
        "Hue: population value 1 -> 2",
        "Hue: sources: added b",
        'Hue: notes short -> "' + ("x " * 40)[:57].rstrip() + '..."',
    ]


def test_network_years_are_matched_by_year() -> None:
    """A chair change is named by its year."""
    old = {"years": [{"year": 2024, "chair": "LA"}]}
    new = {"years": [{"year": 2024, "chair": "MY"}, {"year": 2025, "chair": "MY"}]}
    assert diff_record("network", "network", old, new, NAMES) == [
        "Network, year 2024: chair LA -> MY",
        "Network, year 2025: added",
    ]


def test_records_added_removed_and_only_reordered() -> None:
    """Whole records: added (with its size for a plan), removed, or only reordered."""
    assert diff_record("plan", "da-nang", None, {"projects": [_project()]}, NAMES) == [
        "Da Nang: plan added (1 project)"
    ]
    assert diff_record("city", "hue", {"name": "Hue"}, None, NAMES) == ["Hue: city removed"]
    assert diff_record("city", "hue", {"sources": ["a", "b"]}, {"sources": ["b", "a"]}, {}) == [
        "hue: sources: reordered"
    ]


def test_show_values() -> None:
    """Values are shown plainly: booleans in YAML words, none for missing."""
    assert [show(True), show(None), show("ongoing"), show("two words"), show(3.5)] == [
        "true",
        "none",
        "ongoing",
        '"two words"',
        "3.5",
    ]
