"""The report's front matter and key messages, computed from its figures (pure).

Each key message names the table it is read from (an anchor in the report), so a reader
can check every sentence against the figures below it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ascn.figures import progress as pg
from ascn.models import Dataset
from ascn.report.provenance import Provenance

DEFAULT_PUBLISHER = "ASEAN Secretariat"
DEFAULT_CITATION = "{publisher} ({year}). {title}. Data as of {cutoff}."


@dataclass(frozen=True)
class FrontMatter:
    """Title, reporting year, data cut-off, publisher and suggested citation."""

    title: str
    year: int
    cutoff: str  # the data commit's date (YYYY-MM-DD), or "" when not built from git
    publisher: str
    citation: str


def front_matter(ds: Dataset, year: int, provenance: Provenance) -> FrontMatter:
    """The front matter: publisher and citation from network.yaml's `report`, else defaults."""
    name = ds.network.name if ds.network else "ASEAN Smart Cities Network"
    title = f"{name}: annual monitoring report {year}"
    settings = ds.network.report if ds.network else None
    publisher = (settings.publisher if settings else None) or DEFAULT_PUBLISHER
    template = (settings.citation if settings else None) or DEFAULT_CITATION
    cutoff = provenance.date
    fills = {
        "{year}": str(year),
        "{title}": title,
        "{publisher}": publisher,
        "{cutoff}": cutoff or "unknown",
    }
    citation = template
    for key, value in fills.items():  # not str.format: a stray brace in the data is text
        citation = citation.replace(key, value)
    return FrontMatter(title, year, cutoff, publisher, citation)


@dataclass(frozen=True)
class KeyMessage:
    """One sentence of the summary and the table (anchor, name) it is read from."""

    text: str
    anchor: str
    table: str


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _members(result: pg.Progress) -> KeyMessage:
    now = result.current
    text = f"The network has {_plural(now.cities, 'member city', 'member cities')} in {now.year}"
    if result.previous is not None:
        joined = now.cities - result.previous.cities
        text += f", {joined} more than in {now.year - 1}" if joined else ", as in the year before"
    return KeyMessage(text + ".", "t-trends", "Trends")


def _portfolio(result: pg.Progress) -> KeyMessage:
    p = result.current.projects
    text = f"Their action plans hold {_plural(p.total, 'project', 'projects')}"
    if result.previous is not None:
        text += f" ({pg.signed(p.total - result.previous.projects.total)} from {result.year - 1})"
    text += f"; {p.new} first listed in {result.year}."
    return KeyMessage(text, "t-key", "Key figures")


def _coverage(result: pg.Progress) -> KeyMessage:
    p, y = result.current.projects, result.year
    if not p.reported:
        return KeyMessage(
            f"No project has a status for {y}: how far the projects have got is not known.",
            "t-key",
            "Key figures",
        )
    done = p.by_status.get("completed", 0)
    text = (
        f"{p.reported} of the {p.total} projects have a status for {y} "
        f"({pg.percent(p.reported, p.total)}); {done} {'is' if done == 1 else 'are'} completed, "
        f"{p.completed} of them first reported completed in {y}."
    )
    return KeyMessage(text, "t-status", "Projects by status")


def _focus(result: pg.Progress, labels: dict[str, str]) -> KeyMessage:
    areas = result.current.projects.by_focus_area
    total = sum(areas.values())
    top = sorted(areas.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
    named = " and ".join(f"{labels[k]} ({pg.percent(v, total)})" for k, v in top if v)
    text = f"The leading focus areas are {named}." if named else "No project is listed yet."
    return KeyMessage(text, "t-focus", "Projects by focus area (Exhibit 1)")


def _partners(result: pg.Progress, external: int, national: int) -> KeyMessage:
    pt = result.current.partnerships
    text = (
        f"{_plural(pt.total, 'partnership is', 'partnerships are')} active in {result.year} "
        f"({external} with external partners, {national} with partners from member states); "
        f"{pt.new} began in {result.year}."
    )
    return KeyMessage(text, "partners", "Partnerships")


def key_messages(
    result: pg.Progress, focus_labels: dict[str, str], partner_counts: Sequence[int]
) -> list[KeyMessage]:
    """Five sentences: members, portfolio, reporting and completions, focus areas, partners."""
    external, national = partner_counts
    return [
        _members(result),
        _portfolio(result),
        _coverage(result),
        _focus(result, focus_labels),
        _partners(result, external, national),
    ]
