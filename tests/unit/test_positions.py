"""Positions are where an editor and GitHub show them, whatever libyaml counts as a line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ascn.load.positions import Lines, conflict_marker
from ascn.load.yamlread import NodeIndex, compose, node_at
from ascn.validate import validate
from tests.conftest import DatasetBuilder

CITY = "data/cities/da-nang.yaml"


def problems_of(make_dataset: DatasetBuilder, text: bytes) -> list[tuple[int, int, str, str]]:
    """(line, column, code, message) of the problems of da-nang.yaml holding `text`."""
    data = make_dataset()
    (data / "cities" / "da-nang.yaml").write_bytes(text)
    found = validate(data, current_year=2026).problems
    return [(p.line, p.column, p.code, p.message) for p in found if p.file == CITY]


@pytest.mark.parametrize(
    "separator", ["\u2028", "\u2029", "\x85"], ids=["line-sep", "paragraph-sep", "nel"]
)
def test_unicode_line_separators_do_not_count_as_lines(
    make_dataset: DatasetBuilder, separator: str
) -> None:
    """libyaml breaks lines at U+2028, U+2029 and NEL; editors do not, nor do we."""
    text = f'id: da-nang\nname: "Da{separator}Nang"\ncountry: VN\njoined: soon\n'
    [(line, column, code, _)] = problems_of(make_dataset, text.encode())
    assert (line, column, code) == (4, 9, "wrong-type")


@pytest.mark.parametrize("end", ["\r\n", "\r"], ids=["crlf", "cr-only"])
def test_crlf_and_cr_only_files(make_dataset: DatasetBuilder, end: str) -> None:
    """CRLF and lone CR end a line, as in editors; the shown source line has no CR."""
    text = end.join(["id: da-nang", "name: Da Nang", "country: VN", "joined: soon", ""])
    data = make_dataset()
    (data / "cities" / "da-nang.yaml").write_bytes(text.encode())
    [problem] = validate(data, current_year=2026).problems
    assert (problem.line, problem.column, problem.context) == (4, 9, "joined: soon")


def test_control_character_at_its_own_place(make_dataset: DatasetBuilder) -> None:
    """A control character is reported at its line and column, not at 1:1 with an offset."""
    text = b'id: da-nang\nname: "Da\x07Nang"\ncountry: VN\njoined: 2018\n'
    assert problems_of(make_dataset, text) == [
        (2, 10, "yaml-syntax", "unacceptable character #x0007: control characters are not allowed")
    ]


def test_control_character_after_a_line_separator(make_dataset: DatasetBuilder) -> None:
    """The same after a U+2028 that libyaml would count as a line of its own."""
    text = 'id: da-nang\nnotes: "a\u2028b"\nname: "Da\x1bNang"\n'.encode()
    [(line, column, code, _)] = problems_of(make_dataset, text)
    assert (line, column, code) == (3, 10, "yaml-syntax")


def test_merge_conflict_marker_at_its_line(make_dataset: DatasetBuilder) -> None:
    """A conflict left in a file is named, at the marker's line, not where libyaml gives up."""
    text = b"id: da-nang\n<<<<<<< HEAD\nname: Da Nang\n=======\nname: Danang\n>>>>>>> b\n"
    assert problems_of(make_dataset, text) == [
        (2, 1, "yaml-syntax", "a merge conflict marker (<<<<<<<) is left in the file")
    ]


def test_a_very_long_key_is_reported_at_its_start(make_dataset: DatasetBuilder) -> None:
    """libyaml notices a 2,000-character key 1,024 characters in; the key starts at 1."""
    text = b"id: da-nang\n" + b"k" * 2000 + b": 1\n"
    [(line, column, code, _)] = problems_of(make_dataset, text)
    assert (line, column, code) == (2, 1, "yaml-syntax")


def test_bad_utf8_after_a_lone_cr(make_dataset: DatasetBuilder) -> None:
    """An encoding problem is placed by the same line rules as every other problem."""
    text = b"id: da-nang\rname: Da \xff Nang\r"
    [(line, column, code, _)] = problems_of(make_dataset, text)
    assert (line, column, code) == (2, 10, "encoding")


def test_cross_file_problem_in_a_folder_named_with_a_tab(
    make_dataset: DatasetBuilder, tmp_path: Path
) -> None:
    """A check's problem keeps its position when the data folder's path holds a tab."""
    data = make_dataset(
        **{"cities/da-nang.yaml": "id: da-nang\nname: Da Nang\ncountry: XX\njoined: 2018\n"}
    )
    odd = data.rename(tmp_path / "da\tta\x1b")
    found = [(p.file, p.line, p.column, p.code) for p in validate(odd, 2026).problems]
    assert ("da\\tta\\x1b/cities/da-nang.yaml", 3, 10, "ref-unknown-country") in found


def test_lines_positions_and_count() -> None:
    """Offsets map to 1-based lines and columns; a final line end starts no new line."""
    lines = Lines("ab\r\ncd\ref\n")
    assert [lines.position(i) for i in (0, 2, 4, 7, 9)] == [(1, 1), (1, 3), (2, 1), (3, 1), (3, 3)]
    assert (lines.line(2), lines.line(3), lines.line(5), lines.count()) == ("cd", "ef", None, 3)


def test_conflict_marker_needs_a_whole_marker() -> None:
    """Seven signs then a space or line end; `========` (eight) or text after is not one."""
    assert conflict_marker(Lines("a: 1\r>>>>>>> theirs\n")) == (2, 1, ">>>>>>>")
    assert conflict_marker(Lines("a: ========\n========\n<<<<<<<x\n")) is None


def test_node_index_agrees_with_a_walk() -> None:
    """The indexed lookup finds the same node as the walk it replaces (first key wins)."""
    root = compose("a:\n  - x: 1\n    y: [2, 3]\nb: {c: d}\n")
    index = NodeIndex(root)
    for pointer, part in [(("a", 0, "y", 1), "value"), (("b", "c"), "key"), (("b", "z"), "key")]:
        mark = index.mark(pointer, part)
        assert (mark.line, mark.column) == node_at(root, pointer, part)
