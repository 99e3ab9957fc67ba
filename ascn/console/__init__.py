"""The console package, the only place that imports rich: what the commands print.

This module renders problems (every format of `ascn validate`) and the plain messages
all commands share; `figures` renders `ascn progress`, `changes` renders `ascn fmt`,
`ascn history` and `ascn diff`. They are separate so that `ascn validate` does not
import the report's modules.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import groupby
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ascn.escape import (
    github_data,
    github_property,
    json_document,
    markdown_cell,
    markdown_code,
    terminal,
)
from ascn.problems import Problem, Severity

Renderer = Callable[[Sequence[Problem], int], str]
ValidationRenderer = Callable[[Sequence[Problem], int, Sequence[Problem] | None], str]
WIDTH_FOR_TESTS = 100


def make_console(file: TextIO | None = None, *, width: int | None = None) -> Console:
    """A console that honours NO_COLOR and never guesses markup or highlights data."""
    return Console(file=file, width=width, highlight=False, markup=False, soft_wrap=True)


def colour_wanted() -> bool:
    """Whether stdout is a terminal that gets colours (NO_COLOR and pipes say no)."""
    return make_console().color_system is not None


def capture(draw: Callable[[Console], None], width: int | None = None) -> str:
    """What `draw` prints, as text with colour codes only when stdout is a colour terminal."""
    target = make_console()
    buffer = io.StringIO()
    console = _EscapingConsole(
        file=buffer,
        width=width or target.width,
        color_system="auto" if target.color_system else None,
        force_terminal=target.is_terminal,
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    draw(console)
    return buffer.getvalue()


class _EscapingConsole(Console):
    """A console that escapes control characters in every Text, string and table cell it is
    given, before rich adds its own colour codes: the terminal edge of every rich output."""

    def print(self, *objects: Any, **options: Any) -> None:
        """Print with the text of each object escaped (styles stay on the same characters)."""
        super().print(*(_escaped(o) for o in objects), **options)


def _escaped(renderable: Any) -> Any:
    if isinstance(renderable, str):
        return terminal(renderable, keep_newlines=True)
    if isinstance(renderable, Text):
        return escaped_text(renderable)
    if isinstance(renderable, Table):
        for column in renderable.columns:
            # rich has no public way to map the cells of a built table
            column._cells = [_escaped(c) for c in column._cells]
            column.header, column.footer = _escaped(column.header), _escaped(column.footer)
        renderable.title, renderable.caption = (
            _escaped(renderable.title),
            _escaped(renderable.caption),
        )
    return renderable


def escaped_text(text: Text) -> Text:
    """A rich Text with its control characters escaped and its styles moved along."""
    plain = text.plain
    if all(c.isprintable() or c == "\n" for c in plain):
        return text
    pieces, offsets = [], [0]
    for char in plain:
        piece = char if char.isprintable() or char == "\n" else terminal(char)
        pieces.append(piece)
        offsets.append(offsets[-1] + len(piece))
    safe = Text("".join(pieces), style=text.style, justify=text.justify, end=text.end)
    for span in text.spans:
        safe.stylize(span.style, offsets[span.start], offsets[min(span.end, len(plain))])
    return safe


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


Segment = tuple[str, str | None]  # text and its rich style


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


PROBLEMS_PER_PRINT = 64


def _draw(console: Console, chunks: Iterable[list[Segment]]) -> None:
    """Print segments in chunks: each rich print costs about a millisecond, and one Text
    holding the spans of thousands of problems renders in more than linear time."""
    text = Text()
    for count, segments in enumerate(chunks, 1):
        for words, style in segments:
            text.append(words, style=style)
        if count % PROBLEMS_PER_PRINT == 0:
            console.print(text, end="")
            text = Text()
    console.print(text, end="")


def _problem_chunks(problems: Sequence[Problem]) -> Iterator[list[Segment]]:
    for file, group in groupby(problems, key=lambda p: p.file):
        yield from _group_segments(file, group)
        yield [("\n", None)]


def render_text(problems: Sequence[Problem], files: int) -> str:
    """Problems grouped by file, each with its source line and a caret, then a summary."""
    chunks: list[list[Segment]] = [*_problem_chunks(problems)]
    chunks.append([(summary_line(problems, files) + "\n", "bold")])
    if (
        not colour_wanted()
    ):  # plain text: no need for rich at all (rich costs a millisecond a print)
        return "".join(words for segments in chunks for words, _ in segments)
    return capture(lambda console: _draw(console, chunks))


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
    make_console(sys.stderr).print(Text(f"error: {terminal(message)}", style="bold red"))


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

    def draw(console: Console) -> None:
        console.print()
        console.print(Text("Existing problems, not blocking:", style="bold"))
        _draw(
            console,
            (c for f, g in groupby(existing, lambda p: p.file) for c in _group_segments(f, g)),
        )
        console.print(Text(_existing_note(existing), style="bold"))

    return render_text(problems, files) + capture(draw)


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


def show_validation(
    problems: Sequence[Problem], files: int, fmt: str, existing: Sequence[Problem] | None
) -> None:
    """Write a validation's problems; `existing` (with --changed-since) listed as not blocking."""
    sys.stdout.write(VALIDATION_RENDERERS[fmt](problems, files, existing))
