"""Adding an entry to a block list by inserting its lines: the fast path of new and update.

ruamel's round trip of a whole plan costs seconds per thousand projects, twice (load and
dump), for an edit that adds a few lines. Where the list is an ordinary block list, the
new entry's lines are written in the canonical layout and inserted at its place; libyaml
(C) finds the place. The caller checks the result as it checks a round trip (same data
as expected, no other line changed) and falls back to the round trip when this returns
None (a flow list `[...]`, no list yet, an unusual indentation).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from _ruamel_yaml import MappingNode, SequenceNode

from ascn.edit.reorder import last_line
from ascn.edit.yamlout import dump_record
from ascn.load.yamlread import compose
from ascn.problems import Pointer


def insert_item(text: str, pointer: Pointer, position: int, item: Mapping[str, Any]) -> str | None:
    """`text` with `item` inserted at `position` of the block list at `pointer`, or None."""
    root = compose(text)
    sequence = _at(root, pointer)
    if not isinstance(sequence, SequenceNode) or sequence.flow_style or not sequence.value:
        return None
    items = sequence.value
    lines = text.split("\n")
    first = items[0].start_mark
    dash = first.column - 2
    if dash < 0 or lines[first.line][dash : first.column] != "- ":
        return None
    body = dump_record(dict(item)).rstrip("\n").split("\n")
    new = [" " * dash + "- " + body[0]] + [" " * (dash + 2) + line for line in body[1:]]
    if lines[first.line].endswith("\r"):
        new = [line + "\r" for line in new]  # the file's CRLF line endings, kept
    # Directly above the entry it precedes (comments above stay where they are, as ruamel's
    # round trip leaves them), or below the last line of the last entry.
    at = items[position].start_mark.line if position < len(items) else last_line(items[-1]) + 1
    lines[at:at] = new
    return "\n".join(lines)


def _at(root: Any, pointer: Pointer) -> Any:
    node = root
    for step in pointer:
        if isinstance(node, MappingNode):
            node = next((v for k, v in node.value if getattr(k, "value", None) == step), None)
        elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            return None
    return node
