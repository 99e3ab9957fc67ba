"""The only module that imports rich: problem lists, tables and JSON for the terminal."""

from __future__ import annotations

import io
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import groupby
from typing import TYPE_CHECKING, Any, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ascn import progress as pg
from ascn.contents import FigureRow, figure_rows, key_figures_rows
from ascn.models import Dataset
from ascn.problems import Problem, Severity

if TYPE_CHECKING:
    from ascn.audit import Diff, History
    from ascn.formatter import Formatted

Renderer = Callable[[Sequence[Problem], int], str]
WIDTH_FOR_TESTS = 100


def make_console(file: TextIO | None = None, *, width: int | None = None) -> Console:
    """A console that honours NO_COLOR and never guesses markup or highlights data."""
    return Console(file=file, width=width, highlight=False, markup=False, soft_wrap=True)


def _capture(draw: Callable[[Console], None], width: int | None = None) -> str:
    """What `draw` prints, as text with colour codes only when stdout is a colour terminal."""
    target = make_console()
    buffer = io.StringIO()
    console = Console(
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


def _count(problems: Sequence[Problem], severity: Severity) -> int:
    return sum(1 for p in problems if p.severity is severity)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(problems: Sequence[Problem], files: int) -> str:
    """One line saying how many errors and warnings were found in how many files."""
    errors, warnings = _count(problems, Severity.ERROR), _count(problems, Severity.WARNING)
    if not problems:
        return f"No problems in {_plural(files, 'file')}."
    return (
        f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {_plural(files, 'file')}."
    )


def _draw_problem(console: Console, problem: Problem) -> None:
    style = "bold red" if problem.severity is Severity.ERROR else "bold yellow"
    line = Text(f"  {problem.line}:{problem.column}".ljust(10))
    line.append(problem.severity.value.ljust(8), style=style)
    line.append(problem.message)
    line.append(f"  ({problem.code})", style="dim")
    console.print(line)
    indent = " " * 12
    if problem.context is not None:
        console.print(Text(indent + problem.context.expandtabs(1), style="dim"))
        console.print(Text(indent + " " * (problem.column - 1) + "^", style=style))
    if problem.hint:
        console.print(Text(f"{indent}hint: {problem.hint}", style="cyan"))


def render_text(problems: Sequence[Problem], files: int) -> str:
    """Problems grouped by file, each with its source line and a caret, then a summary."""

    def draw(console: Console) -> None:
        for file, group in groupby(problems, key=lambda p: p.file):
            console.print(Text(file, style="bold underline"))
            for problem in group:
                _draw_problem(console, problem)
            console.print()
        console.print(Text(summary_line(problems, files), style="bold"))

    return _capture(draw)


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
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(problems: Sequence[Problem], files: int) -> str:
    """GitHub Actions workflow commands, one annotation per problem."""
    lines = []
    for p in problems:
        message = p.message + (f" (hint: {p.hint})" if p.hint else "")
        where = f"file={_escape_property(p.file)},line={p.line},col={p.column}"
        props = f"{where},title={_escape_property(p.code)}"
        lines.append(f"::{p.severity.value} {props}::{_escape_data(message)}")
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
    make_console(sys.stderr).print(Text(f"error: {message}", style="bold red"))


def _format_notes(result: Formatted) -> list[str]:
    """What to say about one formatted file besides its diff."""
    lines = [
        f"{p.file}:{p.line}:{p.column}: {p.severity.value} {p.code}: {p.message}"
        for p in result.problems
    ]
    if result.problems:
        lines.append(f"{result.file}: left unchanged: it must be fixed before it can be formatted")
    if result.refusal:
        lines.append(f"{result.file}: left unchanged: {result.refusal}")
    for where in result.kept_order_words():
        lines.append(
            f"{result.file}: kept the key order of {where} so that a comment stays in place"
        )
    return lines


def render_formatting(results: Sequence[Formatted], *, check: bool) -> str:
    """The outcome of `ascn fmt`: diffs (--check) or the files rewritten, notes, a summary."""
    out: list[str] = []
    for result in results:
        if result.changed:
            out.append(result.diff() if check else f"reformatted {result.file}\n")
        out.extend(line + "\n" for line in _format_notes(result))
    changed = sum(r.changed for r in results)
    failed = sum(bool(r.problems or r.refusal) for r in results)
    verb, rest = (
        ("would be reformatted", "already formatted")
        if check
        else ("reformatted", "left unchanged")
    )
    summary = f"{_plural(changed, 'file')} {verb}, {len(results) - changed - failed} {rest}"
    out.append(summary + (f", {failed} could not be formatted.\n" if failed else ".\n"))
    return "".join(out)


BREAKDOWN_TITLES = {
    "focus-area": ("Focus area", "Projects in the portfolio by focus area"),
    "status": ("Status", "Projects in the portfolio by status"),
    "country": ("Country", "Projects in the portfolio by country"),
    "city": ("City", "Projects in the portfolio by city"),
    "partner-kind": ("Kind of partner", "Active partnerships by kind of partner"),
}


def _n(value: int | None) -> str:
    return "\u2013" if value is None else str(value)


def _figure_table(title: str, head: str, rows: Sequence[FigureRow], result: pg.Progress) -> Table:
    year = result.year
    shares = any(r.share for r in rows)
    table = Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    table.add_column(head)
    table.add_column(str(year), justify="right")
    if shares:
        table.add_column("share", justify="right")
    table.add_column(str(year - 1), justify="right")
    table.add_column("change", justify="right")
    for r in rows:
        cells = [r.label, _n(r.value), *([r.share] if shares else []), _n(r.previous), r.change]
        table.add_row(*cells)
    return table


def _progress_notes(result: pg.Progress) -> list[str]:
    notes = []
    if result.previous is None:
        notes.append(f"There is no {result.year - 1}: the network was founded in {result.year}.")
    for figures in [result.current] + ([result.previous] if result.previous else []):
        if figures.projects.reported == 0:
            notes.append(
                f"No project has a status for {figures.year}: all count as not reported, "
                "and completions are not known (\u2013)."
            )
    return notes


def render_progress_text(ds: Dataset, result: pg.Progress, by: str) -> str:
    """The year's key figures and one breakdown as tables, with the change from the year before."""
    head, title = BREAKDOWN_TITLES[by]

    def draw(console: Console) -> None:
        overview = f"ASEAN Smart Cities Network, {result.year}"
        console.print(_figure_table(overview, "Figure", key_figures_rows(result), result))
        console.print()
        rows = figure_rows(pg.rows(ds, result, by))
        console.print(_figure_table(f"{title}, {result.year}", head, rows, result))
        for note in _progress_notes(result):
            console.print()
            console.print(Text(note, style="dim"))

    return _capture(draw)


def render_progress_json(ds: Dataset, result: pg.Progress, by: str) -> str:
    """The figures as one JSON object (DESIGN.md section 4) with sorted keys; `by` is unused."""
    document = pg.progress_document(result)
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


PROGRESS_RENDERERS: dict[str, Callable[[Dataset, pg.Progress, str], str]] = {
    "text": render_progress_text,
    "json": render_progress_json,
}


def show_progress(
    ds: Dataset, result: pg.Progress, by: str, fmt: str, out: TextIO | None = None
) -> None:
    """Write the progress figures to stdout in the chosen format."""
    (out or sys.stdout).write(PROGRESS_RENDERERS[fmt](ds, result, by))


def show_paths(paths: Sequence[object], out: TextIO | None = None) -> None:
    """List written files, one path per line."""
    (out or sys.stdout).write("".join(f"{path}\n" for path in paths))


def show_blocking_errors(problems: Sequence[Problem], files: int) -> None:
    """On stderr: the problems, and why the command stops (figures from broken data mislead)."""
    sys.stderr.write(render_text(problems, files))
    show_error(
        "the dataset has errors (listed above): fix them first, figures from it would be wrong"
    )


def render_history(history: History) -> str:
    """Each commit that changed the record: date, commit, author, subject, then the changes."""
    blocks = []
    for entry in history.entries:
        commit = entry.commit
        head = f"{commit.date}  {commit.sha[:7]}  {commit.author}  {commit.subject}\n"
        blocks.append(head + "".join(f"  {line}\n" for line in entry.lines))
    if not blocks:
        blocks.append(f"No commit changed {history.record_id}.\n")
    note = f"\nnote: {history.note}\n" if history.note else ""
    return "\n".join(blocks) + note


def render_diff_text(diff: Diff) -> str:
    """The changed records, one heading each, then a count."""
    out = [f"Changes from {diff.old} to {diff.new}:\n"]
    for record in diff.records:
        out.append(f"\n{record.file} ({record.kind} {record.record_id}, {record.change})\n")
        out.extend(f"  {line}\n" for line in record.lines)
    counts = Counter(record.change for record in diff.records)
    if diff.records:
        parts = ", ".join(f"{counts[c]} {c}" for c in ("added", "removed", "changed"))
        out.append(f"\n{_plural(len(diff.records), 'record')}: {parts}.\n")
    else:
        out.append("No changes to the data.\n")
    if diff.note:
        out.append(f"note: {diff.note}\n")
    return "".join(out)


def render_diff_json(diff: Diff) -> str:
    """`{"version": 1, "from": ..., "to": ..., "records": [...]}` with sorted keys."""
    document = {
        "version": 1,
        "from": diff.old,
        "to": diff.new,
        "note": diff.note,
        "records": [
            {
                "kind": r.kind,
                "id": r.record_id,
                "file": r.file,
                "change": r.change,
                "changes": list(r.lines),
            }
            for r in diff.records
        ],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


DIFF_RENDERERS: dict[str, Callable[[Diff], str]] = {
    "text": render_diff_text,
    "json": render_diff_json,
}


ValidationRenderer = Callable[[Sequence[Problem], int, Sequence[Problem] | None], str]
ANNOTATION_LIMIT = 10  # GitHub shows at most 10 annotations of each type per step


def _existing_note(existing: Sequence[Problem]) -> str:
    count = _plural(len(existing), "existing problem")
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
        for file, group in groupby(existing, key=lambda p: p.file):
            console.print(Text(file, style="bold underline"))
            for problem in group:
                _draw_problem(console, problem)
        console.print(Text(_existing_note(existing), style="bold"))

    return render_text(problems, files) + _capture(draw)


def _with_existing_json(
    problems: Sequence[Problem], files: int, existing: Sequence[Problem] | None
) -> str:
    """The JSON document; with --changed-since it has an `existing` list too."""
    if existing is None:
        return render_json(problems, files)
    document = json.loads(render_json(problems, files))
    document["existing"] = [problem_dict(p) for p in existing]
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _with_existing_github(
    problems: Sequence[Problem], files: int, existing: Sequence[Problem] | None
) -> str:
    """Annotations for the blocking problems; older ones as notices, which never fail."""
    lines = []
    for p in existing or ():
        where = f"file={_escape_property(p.file)},line={p.line},col={p.column}"
        title = _escape_property(f"existing {p.code}")
        lines.append(f"::notice {where},title={title}::{_escape_data(p.message)}\n")
    note = _existing_note(existing) + "\n" if existing is not None else ""
    return render_github(problems, files) + "".join(lines) + note


def _markdown_cell(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _markdown_table(problems: Sequence[Problem]) -> list[str]:
    rows = ["| where | severity | code | problem |", "| --- | --- | --- | --- |"]
    for p in problems:
        words = p.message + (f" (hint: {p.hint})" if p.hint else "")
        place = f"{p.file}:{p.line}:{p.column}"
        cells = (
            f"`{_markdown_cell(place)}`",
            p.severity.value,
            f"`{p.code}`",
            _markdown_cell(words),
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
            f"{_plural(len(problems), 'problem')} are listed below.",
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
