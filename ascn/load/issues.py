"""Where a problem is shown: the line and column of a reader issue as an editor shows
them, the likely cause of a syntax error (a tab, a merge conflict marker, an indentation
slip), and the source line shown above the caret. Split from the loader, which uses them."""

from __future__ import annotations

from ascn.load import indentation
from ascn.load.positions import Lines, conflict_marker
from ascn.load.yamlread import YamlIssue, YamlRejected
from ascn.problems import Problem, Severity


def locate_issue(shown: str, text: str, error: YamlRejected) -> Problem:
    """The problem of a text the reader rejected, at the place and with the cause people see."""
    issue = error.issue
    code, message, hint = issue.code, issue.message, HINTS.get(issue.code)
    lines = Lines(text)
    line, column = issue_position(issue, lines)
    if code == "yaml-syntax":
        tab = _tab_in_indentation(lines, line)
        marker = conflict_marker(lines)
        if tab is not None:
            code, message, (line, column) = "yaml-tab", "tab character in indentation", tab
            hint = HINTS[code]
        elif marker is not None:
            line, column, sign = marker
            message = f"a merge conflict marker ({sign}) is left in the file"
            hint = "resolve the conflict: keep the right lines and delete the marker lines"
        elif (plain := indentation.explain(text, line - 1)) is not None:
            message, hint, line, column = (
                plain.message,
                plain.hint,
                plain.line + 1,
                plain.column + 1,
            )
    problem = Problem(shown, line, column, code, Severity.ERROR, message, hint)
    return with_line(problem, lines)


def issue_position(issue: YamlIssue, lines: Lines) -> tuple[int, int]:
    """The 1-based line and column of a reader issue, as an editor shows them."""
    if issue.offset >= 0:
        return lines.position(issue.offset)
    return issue.line + 1, issue.column + 1


def _tab_in_indentation(lines: Lines, error_line: int) -> tuple[int, int] | None:
    """The tab (1-based line, column) that most likely caused a syntax error near `error_line`."""
    for number in range(max(1, error_line - 1), error_line + 2):
        text = lines.line(number)
        if text is None:
            break
        indent = len(text) - len(text.lstrip(" \t"))
        if "\t" in text[:indent]:
            return number, text.index("\t") + 1
    return None


HINTS = {
    "yaml-tab": "indent with spaces only; YAML does not allow tabs for indentation",
    "yaml-alias": "write the value out in full where it is needed",
    "yaml-tag": "remove the tag; data files hold plain text, numbers, lists and mappings",
    "yaml-duplicate-key": "keep one of the two entries",
    "yaml-too-deep": "records nest only a few levels; check the brackets and indentation",
}


MAX_CONTEXT = 200  # characters of a source line shown above the caret


def with_context(problem: Problem, text: str) -> Problem:
    """The problem with its source line attached, for the text renderer's caret."""
    return with_line(problem, Lines(text))


def with_line(problem: Problem, lines: Lines) -> Problem:
    """The problem with its source line attached, from an indexed text."""
    line = lines.line(problem.line)
    if line is None:
        return problem
    shown = _shown_line(line, problem.column)
    return problem if shown is None else problem.with_context(shown)


def _shown_line(line: str, column: int) -> str | None:
    """The line as it can be shown: cut if very long, control characters replaced.

    Replacements keep one character per character, so the caret stays under the
    right column; a line whose problem lies past the cut is not shown at all.
    """
    if len(line) > MAX_CONTEXT:
        if column > MAX_CONTEXT:
            return None
        line = line[:MAX_CONTEXT] + " ..."
    if line.isprintable():
        return line
    return "".join(char if char.isprintable() or char == "\t" else "\ufffd" for char in line)
