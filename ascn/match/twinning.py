"""The Twinning Programme in a year: city-partner pairs, unpaired cities and suggestions.

"Each member city will pair up with one of ASEAN's external partners" (the concept note).
An external partner is one whose country is not a member state (an international body,
with no country, is external; a member state's own agencies are not): `reference.is_external`.
A pair is a partnership of an external partner with a member city that is active in the
year (`figures.progress.is_active`: begun in or before it, not ended before it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ascn.figures.progress import is_active, is_member
from ascn.match.scoring import DEFAULT_WEIGHTS, match_project
from ascn.match.target import Candidate, targets
from ascn.models import Dataset
from ascn.reference import is_external


@dataclass(frozen=True)
class Pair:
    """A member city and an external partner with a partnership active in the year."""

    city_id: str
    city_name: str
    partner_id: str
    partner_name: str
    partnerships: tuple[str, ...]  # the active partnerships' ids, in file order
    since: int  # the earliest start among them


@dataclass(frozen=True)
class Unpaired:
    """A member city without an external partner in the year, and suggested partners."""

    city_id: str
    city_name: str
    suggestions: tuple[Candidate, ...]


@dataclass(frozen=True)
class Twinning:
    """The year's pairs, the member cities without a pair, and the weights used."""

    year: int
    pairs: tuple[Pair, ...]
    unpaired: tuple[Unpaired, ...]
    weights: Mapping[str, int]


def external_partners(ds: Dataset) -> list[str]:
    """Ids of the partners that are external partners of ASEAN, sorted."""
    return sorted(pid for pid, partner in ds.partners.items() if is_external(partner.country))


def pairs(ds: Dataset, year: int) -> tuple[Pair, ...]:
    """Member cities and external partners with a partnership active in `year`, one pair each."""
    found: dict[tuple[str, str], Pair] = {}
    for pid, partner, _, p in ds.partnerships():
        city = ds.cities.get(p.city) if p.city is not None else None
        if city is None or p.since is None or not is_external(partner.country):
            continue
        if not (is_member(city, year) and is_active(p, year)):
            continue
        pair = found.get((city.id, pid))
        ids, since = (
            ((*pair.partnerships, p.id), min(pair.since, p.since)) if pair else ((p.id,), p.since)
        )
        found[city.id, pid] = Pair(city.id, city.name, pid, partner.name, ids, since)
    return tuple(sorted(found.values(), key=lambda x: (x.city_name.casefold(), x.partner_name)))


def suggestions(
    ds: Dataset, city_id: str, year: int, weights: Mapping[str, int], top: int
) -> tuple[Candidate, ...]:
    """External partners ranked by their best score over the city's open projects."""
    best: dict[str, Candidate] = {}
    for t in targets(ds, year):
        if t.city_id != city_id:
            continue
        for c in match_project(ds, t, weights, partners=external_partners(ds)).candidates:
            if c.id not in best or c.score > best[c.id].score:
                reasons = (f'best fit: "{t.project.title}"', *c.reasons)
                best[c.id] = Candidate(c.id, c.name, c.score, reasons)
    ordered = sorted(best.values(), key=lambda c: (-c.score, c.name.casefold(), c.id))
    return tuple(ordered[:top])


def twinning(
    ds: Dataset, year: int, weights: Mapping[str, int] = DEFAULT_WEIGHTS, top: int = 3
) -> Twinning:
    """The twinning picture of `year`: pairs, and each unpaired member city's suggestions."""
    found = pairs(ds, year)
    paired = {pair.city_id for pair in found}
    members = sorted(
        (c for c in ds.cities.values() if is_member(c, year) and c.id not in paired),
        key=lambda c: (c.name.casefold(), c.id),
    )
    unpaired = tuple(
        Unpaired(c.id, c.name, suggestions(ds, c.id, year, weights, top)) for c in members
    )
    return Twinning(year, found, unpaired, weights)
