"""Indentation mistakes in plain words, for the YAML syntax errors they cause.

libyaml says "mapping values are not allowed in this context" or "did not find expected
key" when a line is indented one space too far or too little; a focal point editing in
the browser needs to hear which line, by how much, compared with what, and the fix:
"line 14 is indented one space more than `title` above it". A list item indented further
than the items above is read by YAML as part of the value above it; that is said too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY = re.compile(r"(- +)?([^\s#:][^:#]*?):(\s|$)")
_ITEM = re.compile(r"- +")


@dataclass(frozen=True)
class Line:
    """One line of content: where its key starts, its key, whether it starts a list item."""

    number: int  # 0-based
    indent: int  # spaces before the text (the dash, for an item)
    key: str | None
    key_column: int
    item: bool
    value: str  # the value on the same line, if any


@dataclass(frozen=True)
class Explanation:
    """The plain-words message, the fix, and where the offending line starts (0-based)."""

    message: str
    hint: str
    line: int
    column: int


def _parse(number: int, text: str) -> Line | None:
    stripped = text.lstrip(" ")
    if not stripped or stripped.startswith("#"):
        return None
    indent = len(text) - len(stripped)
    item = _ITEM.match(stripped)
    match = _KEY.match(stripped)
    key = match.group(2).strip() if match else None
    key_column = indent + (item.end() if item else 0)
    value = stripped[match.end() :].split(" #")[0].strip() if match else ""
    return Line(number, indent, key, key_column, item is not None, value)


def _spaces(count: int) -> str:
    return "one space" if count == 1 else f"{count} spaces"


def explain(text: str, line: int) -> Explanation | None:
    """Plain words for a syntax error at `line` (0-based) if it comes from indentation."""
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return None
    here = _parse(line, lines[line].rstrip("\r"))
    above = [p for n in range(line - 1, -1, -1) if (p := _parse(n, lines[n].rstrip("\r")))]
    if here is None or not above:
        return None
    if here.item:
        return _item(here, above)
    return _key(here, above)


def _item(here: Line, above: list[Line]) -> Explanation | None:
    """A list item whose dash is not under the dashes of the items above it."""
    sibling = next((p for p in above if p.item and p.key == here.key), None)
    if sibling is None or sibling.indent == here.indent:
        return None
    diff = here.indent - sibling.indent
    how = f"{_spaces(abs(diff))} {'more' if diff > 0 else 'less'}"
    message = (
        f"line {here.number + 1}: the list item `- {here.key}` is indented {how} than the "
        f"item `- {sibling.key}` on line {sibling.number + 1}"
    )
    if here.indent > above[0].key_column and above[0].value:
        message += f"; YAML reads it as part of the value of `{above[0].key}` above it"
    hint = f"start the line with {sibling.indent} spaces, like line {sibling.number + 1}"
    return Explanation(message + _record(above, here), hint, here.number, here.indent)


def _key(here: Line, above: list[Line]) -> Explanation | None:
    """A field indented more than a field with a value above it, or between two levels."""
    previous = above[0]
    if previous.key is None or here.key is None:
        return None
    if here.indent > previous.key_column and previous.value:
        how = f"{_spaces(here.indent - previous.key_column)} more"
    elif here.indent < previous.key_column:
        levels = {p.key_column for p in above if p.key_column <= previous.key_column}
        if here.indent in levels:
            return None  # a dedent to a level that exists: not an indentation slip
        how = f"{_spaces(previous.key_column - here.indent)} less"
    else:
        return None
    message = (
        f"line {here.number + 1} is indented {how} than `{previous.key}` above it "
        f"(line {previous.number + 1})"
    )
    spaces = f"{previous.key_column} spaces" if previous.key_column else "no space"
    hint = f"indent `{here.key}` with {spaces}, like `{previous.key}`"
    return Explanation(message + _record(above, here), hint, here.number, here.indent)


def _record(above: list[Line], here: Line) -> str:
    """`, in `da-nang-water`` when the line lies in a list entry that has an id."""
    for line in above:
        if line.item and line.key == "id" and line.indent < here.indent and line.value:
            return f", in `{line.value}`"
    return ""
