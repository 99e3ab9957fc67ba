"""`ascn match` and `ascn twinning` in the terminal, as JSON, and as a Markdown brief.

The Markdown brief is for the annual meeting's matchmaking session: one section per
project with what the city seeks and the ranked partners, each with its reasons. Text from
the data is escaped by `capture`'s console in the terminal, by `dump_json` in JSON and by
the report's Markdown escapers (ascn.escape, as its `md`/`cell` filters) in Markdown.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

from ascn.console import dump_json, plural
from ascn.console.styled import capture
from ascn.escape import markdown_cell as cell
from ascn.escape import markdown_inline as md
from ascn.match.scoring import CityMatch, PartnerMatch, SeekingMatch, project_name
from ascn.match.target import Candidate, Match, Target
from ascn.match.twinning import Twinning
from ascn.reference import MEMBER_STATES


def _json(document: Mapping[str, Any]) -> str:
    return dump_json(document)


def weights_line(weights: Mapping[str, int]) -> str:
    """The weights in use, as one line (they are part of every ranking's explanation)."""
    shown = ", ".join(f"{name} {value}" for name, value in weights.items())
    return f"Weights: {shown} (change one with --weight NAME=N)."


def _where(t: Target) -> str:
    country = MEMBER_STATES.get(t.country, t.country) if t.country else None
    return t.city_name if country is None else f"{t.city_name}, {country}"


def seeking_line(t: Target) -> str:
    """What the city seeks for the project, in words, or that no source says."""
    seeking = t.project.seeking
    if seeking is None:
        return "No source says what the city seeks for this project."
    words = " and ".join(w.value.replace("-", " ") for w in seeking.what)
    focus = f" ({seeking.focus})" if seeking.focus else ""
    kinds = ", ".join(k.value for k in seeking.partner_kinds)
    who = f" from {kinds} partners" if kinds else ""
    amount = f", {seeking.amount.amount:,.0f} {seeking.amount.currency}" if seeking.amount else ""
    return f"The city seeks {words}{focus}{who}{amount} (source: {', '.join(seeking.sources)})."


def _heading(t: Target) -> str:
    return f"{t.project.title} ({_where(t)}), {t.project.focus_area.value}, as of {t.year}"


def _draw_candidates(console: Console, candidates: Sequence[Candidate], empty: str) -> None:
    if not candidates:
        console.print(Text(f"  {empty}", style="dim"))
    for rank, c in enumerate(candidates, 1):
        line = Text(f"{rank:>3}. ")
        line.append(c.name, style="bold")
        line.append(f"  score {c.score}")
        console.print(line)
        for reason in c.reasons:
            console.print(Text(f"       - {reason}"))


def _draw_match(console: Console, m: Match) -> None:
    console.print(Text(_heading(m.target), style="bold underline"))
    console.print(Text(seeking_line(m.target), style="dim"))
    console.print()
    _draw_candidates(console, m.candidates, "No partner in the record fits this project.")
    if m.filtered:
        console.print()
        console.print(Text(f"Filtered out ({len(m.filtered)}):", style="bold"))
        for f in m.filtered:
            console.print(Text(f"  - {f.name}: {f.reason}"))


def render_matches_text(
    matches: Sequence[Match], empty: str = "No open project to match in this city."
) -> str:
    """Each project's ranked partners with reasons, those filtered out, then the weights."""

    def draw(console: Console) -> None:
        for m in matches:
            _draw_match(console, m)
            console.print()
        if not matches:
            console.print(Text(empty, style="dim"))
            console.print()
        if matches:
            console.print(Text(weights_line(matches[0].weights), style="dim"))

    return capture(draw)


def _candidate_dicts(candidates: Sequence[Candidate], key: str) -> list[dict[str, Any]]:
    return [{key: c.id, "score": c.score, "reasons": list(c.reasons)} for c in candidates]


def render_project_json(m: Match) -> str:
    """`{"version": 1, "project": ID, "candidates": [{"partner", "score", "reasons"}]}`."""
    candidates = _candidate_dicts(m.candidates, "partner")
    return _json({"version": 1, "project": m.target.project.id, "candidates": candidates})


def _project_dicts(matches: Sequence[Match]) -> list[dict[str, Any]]:
    return [
        {"project": m.target.project.id, "candidates": _candidate_dicts(m.candidates, "partner")}
        for m in matches
    ]


def render_city_json(city_id: str, matches: Sequence[Match]) -> str:
    """`{"version": 1, "city": ID, "projects": [{"project", "candidates": [...]}]}`."""
    return _json({"version": 1, "city": city_id, "projects": _project_dicts(matches)})


def render_seeking_json(sm: SeekingMatch) -> str:
    """`{"version": 1, "year": Y, "projects": [{"project", "candidates": [...]}]}`."""
    return _json({"version": 1, "year": sm.year, "projects": _project_dicts(sm.matches)})


def _markdown_match(m: Match) -> list[str]:
    t = m.target
    where = f"{_where(t)}; focus area {t.project.focus_area.value}; as of {t.year}."
    lines = [f"## {md(t.project.title)}", "", md(where), ""]
    lines += [md(seeking_line(m.target)), ""]
    if not m.candidates:
        return [*lines, "No partner in the record fits this project.", ""]
    lines += ["| # | Partner | Score | Why |", "| ---: | --- | ---: | --- |"]
    for rank, c in enumerate(m.candidates, 1):
        why = "<br>".join(cell(r) for r in c.reasons)
        lines.append(f"| {rank} | {cell(c.name)} | {c.score} | {why} |")
    lines.append("")
    if m.filtered:
        names = "; ".join(f"{md(f.name)} ({md(f.reason)})" for f in m.filtered)
        lines += [f"Filtered out: {names}.", ""]
    return lines


def render_matches_markdown(title: str, matches: Sequence[Match]) -> str:
    """The matchmaking brief: one section per project, ranked partners with their reasons."""
    lines = [f"# Matchmaking brief: {md(title)}", ""]
    lines += [
        "Partners are ranked from the public record: their partnerships, stated offers, "
        "countries and kind, against what each project seeks and its focus area. "
        "Partners the record says cannot serve a project are filtered out first.",
        "",
    ]
    for m in matches:
        lines += _markdown_match(m)
    if matches:
        lines += [md(weights_line(matches[0].weights)), ""]
    return "\n".join(lines)


def render_partner_text(pm: PartnerMatch) -> str:
    """The open projects a partner may serve, ranked, with reasons."""

    def draw(console: Console) -> None:
        console.print(Text(f"Projects for {pm.partner.name}, as of {pm.year}", style="bold"))
        console.print()
        _draw_candidates(console, pm.candidates, "No open project fits this partner.")
        console.print()
        console.print(Text(weights_line(pm.weights), style="dim"))

    return capture(draw)


def render_partner_json(pm: PartnerMatch) -> str:
    """`{"version": 1, "partner": ID, "candidates": [{"project", "score", "reasons"}]}`."""
    candidates = _candidate_dicts(pm.candidates, "project")
    return _json({"version": 1, "partner": pm.partner_id, "candidates": candidates})


def render_partner_markdown(pm: PartnerMatch) -> str:
    """The brief for one partner: the projects it may serve, ranked."""
    lines = [
        f"# Matchmaking brief: {md(pm.partner.name)}",
        "",
        f"Open projects as of {pm.year}.",
        "",
    ]
    lines += ["| # | Project | Score | Why |", "| ---: | --- | ---: | --- |"]
    for rank, c in enumerate(pm.candidates, 1):
        why = "<br>".join(cell(r) for r in c.reasons)
        lines.append(f"| {rank} | {cell(c.name)} | {c.score} | {why} |")
    return "\n".join([*lines, "", md(weights_line(pm.weights)), ""])


def render_twinning_text(tw: Twinning) -> str:
    """The year's pairs, then each unpaired member city with suggested external partners."""

    def draw(console: Console) -> None:
        console.print(Text(f"Twinning in {tw.year}: {plural(len(tw.pairs), 'pair')}", style="bold"))
        for p in tw.pairs:
            console.print(Text(f"  {p.city_name} - {p.partner_name} (since {p.since})"))
        console.print()
        title = f"Member cities without an external partner in {tw.year}: {len(tw.unpaired)}"
        console.print(Text(title, style="bold"))
        for u in tw.unpaired:
            console.print(Text(u.city_name, style="bold underline"))
            _draw_candidates(console, u.suggestions, "No open project to match suggestions to.")
        console.print()
        console.print(Text(weights_line(tw.weights), style="dim"))

    return capture(draw)


def render_twinning_json(tw: Twinning) -> str:
    """`{"version": 1, "year", "pairs": [...], "unpaired": [{"city", "suggestions"}]}`."""
    pairs = [
        {
            "city": p.city_id,
            "partner": p.partner_id,
            "partnerships": list(p.partnerships),
            "since": p.since,
        }
        for p in tw.pairs
    ]
    unpaired = [
        {"city": u.city_id, "suggestions": _candidate_dicts(u.suggestions, "partner")}
        for u in tw.unpaired
    ]
    return _json({"version": 1, "year": tw.year, "pairs": pairs, "unpaired": unpaired})


TWINNING_RENDERERS: dict[str, Callable[[Twinning], str]] = {
    "text": render_twinning_text,
    "json": render_twinning_json,
}
PARTNER_RENDERERS: dict[str, Callable[[PartnerMatch], str]] = {
    "text": render_partner_text,
    "json": render_partner_json,
    "md": render_partner_markdown,
}


PROJECT_RENDERERS: dict[str, Callable[[Match], str]] = {
    "text": lambda m: render_matches_text([m]),
    "json": render_project_json,
    "md": lambda m: render_matches_markdown(project_name(m.target), [m]),
}
CITY_RENDERERS: dict[str, Callable[[CityMatch], str]] = {
    "text": lambda cm: render_matches_text(cm.matches),
    "json": lambda cm: render_city_json(cm.city_id, cm.matches),
    "md": lambda cm: render_matches_markdown(cm.city_name, cm.matches),
}

NO_SEEKING = "No open project says what it seeks (add `seeking:` where a source states it)."
SEEKING_RENDERERS: dict[str, Callable[[SeekingMatch], str]] = {
    "text": lambda sm: render_matches_text(sm.matches, NO_SEEKING),
    "json": render_seeking_json,
    "md": lambda sm: render_matches_markdown(f"projects seeking support, {sm.year}", sm.matches),
}


def show(text: str, out: TextIO | None = None) -> None:
    """Write a rendered result to stdout."""
    (out or sys.stdout).write(text)
