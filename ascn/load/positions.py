"""Line and column as an editor and GitHub show them, from a character offset in the text.

libyaml counts lines its own way: NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH
SEPARATOR (U+2029) end a line for it, and no editor shows them so. Every position the
loader reports is therefore computed here from the character offset of the node or
error (libyaml's mark index), never from libyaml's line and column: lines end at LF,
CRLF or a lone CR (what editors, GitHub's web editor included, break on), columns count
characters from 1. The lines of a text are indexed once, so that locating many problems
in one file costs one pass over it plus a binary search each.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_BREAK = re.compile(r"\r\n|\r|\n")
# A line git leaves in a file with a merge conflict: <<<<<<< ours, =======, >>>>>>> theirs.
# At the start of a line, however the lines end.
_CONFLICT = re.compile(r"(?<![^\r\n])(<{7}|={7}|>{7}|\|{7})(?=[ \t\r\n]|$)")


class Lines:
    """A text's line starts, for offset -> (line, column) and the text of a line."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of the character at `offset`."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line(self, number: int) -> str | None:
        """The text of the 1-based line `number` without its line end (None past the end)."""
        if not 0 < number <= len(self.starts):
            return None
        start = self.starts[number - 1]
        end = self.starts[number] if number < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def count(self) -> int:
        """How many lines the text has (a final line end starts no new line)."""
        ends_with_break = self.text.endswith(("\n", "\r"))
        return len(self.starts) - 1 if ends_with_break else len(self.starts)


def conflict_marker(lines: Lines) -> tuple[int, int, str] | None:
    """The first merge-conflict marker line (1-based line, column 1, the marker), if any."""
    match = _CONFLICT.search(lines.text)
    if match is None:
        return None
    line, column = lines.position(match.start())
    return line, column, match[1]
