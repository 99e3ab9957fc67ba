"""What `ascn fmt`, `ascn history` and `ascn diff` print."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ascn.console import dump_json, plural
from ascn.escape import terminal

if TYPE_CHECKING:
    from ascn.edit.formatter import Formatted
    from ascn.history.audit import Diff, History


def _format_notes(result: Formatted) -> list[str]:
    """What to say about one formatted file besides its diff."""
    file = terminal(str(result.file))
    lines = [
        terminal(f"{p.file}:{p.line}:{p.column}: {p.severity.value} {p.code}: {p.message}")
        for p in result.problems
    ]
    if result.problems:
        lines.append(f"{file}: left unchanged: it must be fixed before it can be formatted")
    if result.only_line_endings:
        lines.append(f"{file}: only the line endings differ (a mix of CRLF and LF)")
    if result.refusal:
        lines.append(f"{file}: left unchanged: {terminal(result.refusal)}")
    for where in result.kept_order_words():
        lines.append(
            f"{file}: kept the key order of {terminal(where)} so that a comment stays in place"
        )
    return lines


def _diff_text(diff: str) -> str:
    """A unified diff with each line's control characters escaped (its line ends kept)."""
    return "".join(terminal(line) + "\n" for line in diff.splitlines())


def render_formatting(results: Sequence[Formatted], *, check: bool) -> str:
    """The outcome of `ascn fmt`: diffs (--check) or the files rewritten, notes, a summary."""
    out: list[str] = []
    for result in results:
        if result.changed:
            out.append(
                _diff_text(result.diff())
                if check
                else f"reformatted {terminal(str(result.file))}\n"
            )
        out.extend(line + "\n" for line in _format_notes(result))
    changed = sum(r.changed for r in results)
    failed = sum(bool(r.problems or r.refusal) for r in results)
    verb, rest = (
        ("would be reformatted", "already formatted")
        if check
        else ("reformatted", "left unchanged")
    )
    summary = f"{plural(changed, 'file')} {verb}, {len(results) - changed - failed} {rest}"
    out.append(summary + (f", {failed} could not be formatted.\n" if failed else ".\n"))
    return "".join(out)


def render_history(history: History) -> str:
    """Each commit that changed the record: date, commit, author, subject, then the changes."""
    blocks = []
    for entry in history.entries:
        commit = entry.commit
        words = (commit.date, commit.sha[:7], commit.author, commit.subject)
        head = "  ".join(terminal(word) for word in words) + "\n"
        blocks.append(head + "".join(f"  {terminal(line)}\n" for line in entry.lines))
    if not blocks:
        blocks.append(f"No commit changed {terminal(history.record_id)}.\n")
    note = f"\nnote: {terminal(history.note)}\n" if history.note else ""
    return "\n".join(blocks) + note


def render_diff_text(diff: Diff) -> str:
    """The changed records, one heading each, then a count."""
    out = [f"Changes from {terminal(diff.old)} to {terminal(diff.new)}:\n"]
    for record in diff.records:
        what = f"{record.file} ({record.kind} {record.record_id}, {record.change})"
        out.append(f"\n{terminal(what)}\n")
        out.extend(f"  {terminal(line)}\n" for line in record.lines)
    counts = Counter(record.change for record in diff.records)
    if diff.records:
        parts = ", ".join(f"{counts[c]} {c}" for c in ("added", "removed", "changed"))
        out.append(f"\n{plural(len(diff.records), 'record')}: {parts}.\n")
    else:
        out.append("No changes to the data.\n")
    if diff.note:
        out.append(f"note: {terminal(diff.note)}\n")
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
    return dump_json(document)


DIFF_RENDERERS: dict[str, Callable[[Diff], str]] = {
    "text": render_diff_text,
    "json": render_diff_json,
}
