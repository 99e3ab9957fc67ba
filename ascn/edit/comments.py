"""Where the comments of a YAML text are, in terms that survive reformatting.

`ascn fmt` must never drop a comment nor move it away from what it annotates. ruamel keeps
comments, but attaches a full-line comment to the entry *before* it, so moving keys can
carry a comment to the wrong place. This module describes each comment independently of
ruamel: its text, whether it has a line of its own, and the entry it annotates (the entry
that follows a full-line comment; the one on the same line for an end-of-line comment),
named by its path of keys and indexes. Two texts whose `comment_map`s are equal have the
same comments in the same places. Positions come from libyaml's nodes, whose start and end
marks tell a `#` inside a value from a `#` that starts a comment.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from _ruamel_yaml import MappingNode, ScalarNode, SequenceNode

from ascn.load.yamlread import compose
from ascn.problems import Pointer

START: Pointer = ("<start>",)  # what a header comment (before any entry) annotates
END: Pointer = ("<end>",)  # what a comment after the last entry annotates
BLOCK_STYLES = ("|", ">")


@dataclass(frozen=True, order=True)
class Comment:
    """One comment: its text, whether it is on a line of its own, and the entry it annotates."""

    text: str
    own_line: bool
    anchor: Pointer


@dataclass
class _Layout:
    """Entry start lines and the spans of scalars, from the composed nodes."""

    starts: dict[int, Pointer] = field(default_factory=dict)  # line -> outermost entry there
    spans: dict[int, list[tuple[int, float]]] = field(default_factory=dict)  # line -> columns

    def cover(self, start: Any, end: Any) -> None:
        """Mark the columns from mark `start` to mark `end` as inside a scalar."""
        if start.line == end.line:
            self.spans.setdefault(start.line, []).append((start.column, end.column))
            return
        self.spans.setdefault(start.line, []).append((start.column, float("inf")))
        for line in range(start.line + 1, end.line):
            self.spans.setdefault(line, []).append((0, float("inf")))
        self.spans.setdefault(end.line, []).append((0, end.column))

    def inside(self, line: int, column: int) -> bool:
        """Whether a column of a line lies inside a scalar."""
        return any(lo <= column < hi for lo, hi in self.spans.get(line, ()))


def _walk(node: Any, pointer: Pointer, layout: _Layout) -> None:
    if isinstance(node, ScalarNode):
        start = node.start_mark
        if node.style in BLOCK_STYLES:
            # The header line holds only the indicator (and maybe a comment): skip it.
            layout.cover(_Mark(start.line + 1, 0), node.end_mark)
            layout.cover(start, _Mark(start.line, start.column + 1))
        else:
            layout.cover(start, node.end_mark)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            path = (*pointer, key.value if isinstance(key, ScalarNode) else "?")
            layout.starts.setdefault(key.start_mark.line, path)
            _walk(key, path, layout)
            _walk(value, path, layout)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            path = (*pointer, index)
            layout.starts.setdefault(item.start_mark.line, path)
            _walk(item, path, layout)


@dataclass(frozen=True)
class _Mark:
    line: int
    column: int


def _layout(text: str) -> _Layout:
    layout = _Layout()
    root = compose(text)
    if root is not None:
        _walk(root, (), layout)
    return layout


def _comment_column(line: str, number: int, layout: _Layout) -> int | None:
    """The column where a comment starts on a line, if one does."""
    column = line.find("#")
    while column >= 0:
        after_space = column == 0 or line[column - 1] in " \t"
        if after_space and not layout.inside(number, column):
            return column
        column = line.find("#", column + 1)
    return None


def comment_map(text: str) -> Counter[Comment]:
    """Every comment of a YAML text with the entry it annotates (raises YamlRejected)."""
    layout = _layout(text)
    found: Counter[Comment] = Counter()
    start_lines = sorted(layout.starts)
    for number, line in enumerate(text.split("\n")):
        column = _comment_column(line, number, layout)
        if column is None:
            continue
        own_line = not line[:column].strip()
        anchor = _anchor(number, own_line, start_lines, layout)
        found[Comment(line[column:].rstrip(), own_line, anchor)] += 1
    return found


def own_line_comments(text: str) -> list[int]:
    """The 0-based numbers of the lines that hold only a comment, in order."""
    layout = _layout(text)
    found = []
    for number, line in enumerate(text.split("\n")):
        column = _comment_column(line, number, layout)
        if column is not None and not line[:column].strip():
            found.append(number)
    return found


def _anchor(number: int, own_line: bool, start_lines: list[int], layout: _Layout) -> Pointer:
    """The entry a comment annotates: the next one for a full line, else the one on its line."""
    if own_line:
        after = bisect.bisect_right(start_lines, number)
        if after == 0:
            return START  # the file's header stays at the top whatever the first key is
        return layout.starts[start_lines[after]] if after < len(start_lines) else END
    at_or_before = bisect.bisect_right(start_lines, number)
    return layout.starts[start_lines[at_or_before - 1]] if at_or_before else ()


def hash_count(text: str) -> int:
    """How many `#` characters lie outside values: a dropped comment always lowers it."""
    layout = _layout(text)
    return sum(
        1
        for number, line in enumerate(text.split("\n"))
        for column, char in enumerate(line)
        if char == "#" and not layout.inside(number, column)
    )
