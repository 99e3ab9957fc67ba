"""The console package, the only place that imports rich: what the commands print.

Rich itself is imported by `styled`, only when something is drawn in colour or laid out.

This module renders problems (every format of `ascn validate`) and the plain messages
all commands share; `figures` renders `ascn progress`, `changes` renders `ascn fmt`,
`ascn history` and `ascn diff`. They are separate so that `ascn validate` does not
import the report's modules.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import groupby
from typing import TYPE_CHECKING, Any, TextIO

from ascn.escape import (
    github_data,
    github_property,
    json_document,
    markdown_cell,
    markdown_code,
    terminal,
)
from ascn.problems import Problem, Severity

if TYPE_CHECKING:
    from rich.console import Console


Renderer = Callable[[Sequence[Problem], int], str]
ValidationRenderer = Callable[[Sequence[Problem], int, Sequence[Problem] | None], str]
WIDTH_FOR_TESTS = 100


def _count(problems: Sequence[Problem], severity: Severity) -> int:
    return sum(1 for p in problems if p.severity is severity)


def plural(n: int, word: str) -> str:
    """`1 file`, `2 files`."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(problems: Sequence[Problem], files: int) -> str:
    """One line saying how many errors and warnings were found in how many files."""
    errors, warnings = _count(problems, Severity.ERROR), _count(problems, Severity.WARNING)
    if not problems:
        return f"No problems in {plural(files, 'file')}."
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}."


Segment = tuple[str, str | None]  # text and its rich style (as ascn.console.styled draws it)


def _problem_segments(problem: Problem) -> list[Segment]:
    """A problem's lines (position, severity, message, code; source line, caret, hint)."""
    style = "bold red" if problem.severity is Severity.ERROR else "bold yellow"
    position = f"  {problem.line}:{problem.column}"
    # Positions past column 9,999 would run into the severity: keep one space at least.
    segments: list[Segment] = [
        (position.ljust(10) if len(position) < 10 else position + " ", None),
        (problem.severity.value.ljust(8), style),
        (terminal(problem.message), None),
        (f"  ({terminal(problem.code)})\n", "dim"),
    ]
    indent = " " * 12
    if problem.context is not None:
        segments.append((indent + terminal(problem.context.expandtabs(1)) + "\n", "dim"))
        segments.append((indent + " " * (problem.column - 1) + "^\n", style))
    if problem.hint:
        segments.append((f"{indent}hint: {terminal(problem.hint)}\n", "cyan"))
    return segments


def _group_segments(file: str, group: Iterable[Problem]) -> Iterator[list[Segment]]:
    """A file's name, then its problems."""
    yield [(terminal(file) + "\n", "bold underline")]
    for problem in group:
        yield _problem_segments(problem)


def _problem_chunks(problems: Sequence[Problem]) -> Iterator[list[Segment]]:
    for file, group in groupby(problems, key=lambda p: p.file):
        yield from _group_segments(file, group)
        yield [("\n", None)]


def render_text(problems: Sequence[Problem], files: int) -> str:
    """Problems grouped by file, each with its source line and a caret, then a summary."""
    chunks: list[list[Segment]] = [*_problem_chunks(problems)]
    chunks.append([(summary_line(problems, files) + "\n", "bold")])
    if not colour_wanted():  # plain text: no rich drawing (a millisecond a print)
        return "".join(words for segments in chunks for words, _ in segments)
    from ascn.console import styled  # noqa: PLC0415 - rich loads only when drawing

    return styled.capture(lambda console: styled.draw_chunks(console, chunks))


# With these set, rich writes colour codes even into a pipe (rich.console.Console.is_terminal).
FORCING_COLOUR = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")


def colour_wanted() -> bool:
    """Whether stdout gets colours: rich decides, but a pipe with nothing forcing colour
    certainly does not, and then rich is not even imported (50 ms of `validate`'s start)."""
    if not sys.stdout.isatty() and not any(os.environ.get(v) for v in FORCING_COLOUR):
        return False
    from ascn.console import styled  # noqa: PLC0415 - rich loads only when drawing

    return styled.colour_wanted()


def problem_dict(problem: Problem) -> dict[str, Any]:
    """A problem in the JSON shape of the CLI contract."""
    return {
        "severity": problem.severity.value,
        "code": problem.code,
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "message": problem.message,
        "hint": problem.hint,
    }


def render_json(problems: Sequence[Problem], files: int) -> str:
    """`{"version": 1, "ok": ..., "files": N, "problems": [...]}` with sorted keys."""
    errors = _count(problems, Severity.ERROR)
    document = {
        "version": 1,
        "ok": errors == 0,
        "files": files,
        "problems": [problem_dict(p) for p in problems],
    }
    return dump_json(document)


def dump_json(document: object) -> str:
    """A JSON document as every command prints it: sorted keys, indented, terminal-safe."""
    return json_document(json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)) + "\n"


def render_github(problems: Sequence[Problem], files: int) -> str:
    """GitHub Actions workflow commands, one annotation per problem."""
    lines = []
    for p in problems:
        message = p.message + (f" (hint: {p.hint})" if p.hint else "")
        where = f"file={github_property(p.file)},line={p.line},col={p.column}"
        props = f"{where},title={github_property(p.code)}"
        lines.append(f"::{p.severity.value} {props}::{github_data(message)}")
    lines.append(summary_line(problems, files))
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
}


def show_problems(
    problems: Sequence[Problem], files: int, fmt: str, out: TextIO | None = None
) -> None:
    """Write the problems to stdout in the chosen format."""
    (out or sys.stdout).write(RENDERERS[fmt](problems, files))


def show_error(message: str) -> None:
    """Say on stderr why a command could not run."""
    from ascn.console import styled  # noqa: PLC0415 - rich loads only when drawing

    styled.show_error(message, sys.stderr)


def show_paths(paths: Sequence[object], out: TextIO | None = None) -> None:
    """List written files, one path per line."""
    (out or sys.stdout).write("".join(f"{terminal(str(path))}\n" for path in paths))


def echo(text: str, out: TextIO | None = None) -> None:
    """Write a command's plain-text output; control characters from data are escaped."""
    (out or sys.stdout).write(terminal(text, keep_newlines=True))


def show_blocking_errors(problems: Sequence[Problem], files: int) -> None:
    """On stderr: the problems, and why the command stops (figures from broken data mislead)."""
    sys.stderr.write(render_text(problems, files))
    show_error(
        "the dataset has errors (listed above): fix them first, figures from it would be wrong"
    )


ANNOTATION_LIMIT = 10  # GitHub shows at most 10 annotations of each type per step


def _existing_note(existing: Sequence[Problem]) -> str:
    count = plural(len(existing), "existing problem")
    return f"{count} in files this change did not touch (not blocking)."


def _with_existing_text(
    problems: Sequence[Problem], files: int, existing: Sequence[Problem] | None
) -> str:
    """The text report, then (with --changed-since) the older problems, not blocking."""
    if existing is None:
        return render_text(problems, files)
    if not existing:
        return render_text(problems, files) + _existing_note(existing) + "\n"

    from ascn.console import styled  # noqa: PLC0415 - rich loads only when drawing

    def draw(console: Console) -> None:
        console.print()
        styled.print_bold(console, "Existing problems, not blocking:")
        styled.draw_chunks(
            console,
            (c for f, g in groupby(existing, lambda p: p.file) for c in _group_segments(f, g)),
        )
        styled.print_bold(console, _existing_note(existing))

    return render_text(problems, files) + styled.capture(draw)


def _with_existing_json(
    problems: Sequence[Problem], files: int, existing: Sequence[Problem] | None
) -> str:
    """The JSON document; with --changed-since it has an `existing` list too."""
    if existing is None:
        return render_json(problems, files)
    document = json.loads(render_json(problems, files))
    document["existing"] = [problem_dict(p) for p in existing]
    return dump_json(document)


def _with_existing_github(
    problems: Sequence[Problem], files: int, existing: Sequence[Problem] | None
) -> str:
    """Annotations for the blocking problems; older ones as notices, which never fail."""
    lines = []
    for p in existing or ():
        where = f"file={github_property(p.file)},line={p.line},col={p.column}"
        title = github_property(f"existing {p.code}")
        lines.append(f"::notice {where},title={title}::{github_data(p.message)}\n")
    note = _existing_note(existing) + "\n" if existing is not None else ""
    return render_github(problems, files) + "".join(lines) + note


def _markdown_table(problems: Sequence[Problem]) -> list[str]:
    rows = ["| where | severity | code | problem |", "| --- | --- | --- | --- |"]
    for p in problems:
        words = p.message + (f" (hint: {p.hint})" if p.hint else "")
        place = f"{p.file}:{p.line}:{p.column}"
        cells = (
            markdown_code(place),
            p.severity.value,
            markdown_code(p.code),
            markdown_cell(words),
        )
        rows.append(f"| {' | '.join(cells)} |")
    return rows


def render_markdown(
    problems: Sequence[Problem], files: int, existing: Sequence[Problem] | None = None
) -> str:
    """A Markdown report for a CI job summary: every problem, even past GitHub's 10 annotations."""
    lines = ["## ascn validate", "", summary_line(problems, files), ""]
    most = max(_count(problems, Severity.ERROR), _count(problems, Severity.WARNING))
    if most > ANNOTATION_LIMIT:
        lines += [
            f"> GitHub shows only {ANNOTATION_LIMIT} annotations of each type per step: all "
            f"{plural(len(problems), 'problem')} are listed below.",
            "",
        ]
    if problems:
        lines += [*_markdown_table(problems), ""]
    if existing:
        lines += ["### Existing problems, not blocking", "", _existing_note(existing), ""]
        lines += [*_markdown_table(existing), ""]
    return "\n".join(lines)


VALIDATION_RENDERERS: dict[str, ValidationRenderer] = {
    "text": _with_existing_text,
    "json": _with_existing_json,
    "github": _with_existing_github,
    "markdown": render_markdown,
}


def validation_text(
    problems: Sequence[Problem], files: int, fmt: str, existing: Sequence[Problem] | None
) -> str:
    """A validation's problems as written; `existing` (with --changed-since) as not blocking."""
    return VALIDATION_RENDERERS[fmt](problems, files, existing)


def show_validation(
    problems: Sequence[Problem], files: int, fmt: str, existing: Sequence[Problem] | None
) -> None:
    """Write a validation's problems; `existing` (with --changed-since) listed as not blocking."""
    sys.stdout.write(validation_text(problems, files, fmt, existing))
