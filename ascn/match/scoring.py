"""Ranking partners for a project: hard filters first, then an additive, explained score.

A partner is filtered out when the record says it cannot do what the project needs (its
stated offer excludes the focus area, the country, the stage or the amount; it already
supports the project; it is a member state's government body working at home). Every
other partner scores the weight of each component whose condition the record meets, and
each such component gives one reason in plain words. Ties are broken by the partner's
name, then its id, so the same data always gives the same ranking.

Years: a partnership counts as work done from its `since` year; one without a start year
cannot be placed in a year and is left out (as in `ascn progress`); "already partners this
city" uses `figures.progress.is_active`, which honours `until`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from ascn.figures.progress import is_active
from ascn.match.filters import filtered_out, served
from ascn.match.target import Candidate, Filtered, Match, Target, UnknownRecord, targets
from ascn.match.words import city_names, instrument_words, join
from ascn.models import Dataset, Partner, Partnership
from ascn.problems import AscnError
from ascn.reference import MEMBER_STATES, PARTNER_KIND_LABELS

# The weight of each component; `--weight NAME=N` changes one, 0 turns it off.
DEFAULT_WEIGHTS: Mapping[str, int] = MappingProxyType(
    {
        "focus-area": 3,  # has worked on projects in the project's focus area
        "offers": 3,  # states an offer that fits what the project seeks
        "country": 2,  # has worked with other cities of the project's country
        "city": 2,  # already partners the project's city
        "partner-kind": 2,  # is the kind of partner the city says it seeks
        "interest": 1,  # names the project's focus area among its own
    }
)


class UnknownWeight(AscnError):
    """A --weight names a component the score does not have."""


def weights_with(overrides: Mapping[str, int]) -> dict[str, int]:
    """The default weights with some changed; UnknownWeight for a name that is not one."""
    unknown = sorted(set(overrides) - set(DEFAULT_WEIGHTS))
    if unknown:
        known = ", ".join(DEFAULT_WEIGHTS)
        raise UnknownWeight(f"no weight named {', '.join(unknown)}: the weights are {known}")
    return {**DEFAULT_WEIGHTS, **overrides}


def _worked(partner: Partner, year: int) -> list[Partnership]:
    """The partner's partnerships with a city that had begun by `year`."""
    return [p for p in partner.partnerships if p.city and p.since is not None and p.since <= year]


def _since(partnerships: Iterable[Partnership]) -> int:
    return min(p.since for p in partnerships if p.since is not None)


def _span(works: list[Partnership], year: int) -> str:
    """`since 2019`, or `from 2017 to 2022` when every one of them had ended by `year`."""
    ends = [p.until for p in works]
    if all(end is not None and end < year for end in ends):
        return f"from {_since(works)} to {max(end for end in ends if end is not None)}"
    return f"since {_since(works)}"


Component = Callable[[Dataset, Partner, Target], str | None]


def _focus_area(ds: Dataset, partner: Partner, t: Target) -> str | None:
    works = [p for p in _worked(partner, t.year) if p.focus_area is t.project.focus_area]
    if not works:
        return None
    cities = city_names(ds, (p.city for p in works if p.city))
    return f"worked on {t.project.focus_area.value} projects with {cities} {_span(works, t.year)}"


def _country(ds: Dataset, partner: Partner, t: Target) -> str | None:
    works = [
        p
        for p in _worked(partner, t.year)
        if p.city != t.city_id and _country_of(ds, p.city) == t.country
    ]
    if not works or t.country is None:
        return None
    cities = city_names(ds, (p.city for p in works if p.city))
    where = MEMBER_STATES.get(t.country, t.country)
    return f"has worked in {where} (with {cities} {_span(works, t.year)})"


def _country_of(ds: Dataset, city_id: str | None) -> str | None:
    city = ds.cities.get(city_id) if city_id is not None else None
    return city.country if city else None


def _city(ds: Dataset, partner: Partner, t: Target) -> str | None:
    works = [p for p in partner.partnerships if p.city == t.city_id and is_active(p, t.year)]
    if not works:
        return None
    return f"already partners this city ({t.city_name}, since {_since(works)})"


def _partner_kind(ds: Dataset, partner: Partner, t: Target) -> str | None:
    seeking = t.project.seeking
    if seeking is None or partner.kind not in seeking.partner_kinds:
        return None
    return f"is a {PARTNER_KIND_LABELS[partner.kind].lower()} partner, the kind the city seeks"


def _interest(ds: Dataset, partner: Partner, t: Target) -> str | None:
    if t.project.focus_area not in partner.focus_areas:
        return None
    return f"names {t.project.focus_area.value} among its focus areas"


def _offers(ds: Dataset, partner: Partner, t: Target) -> str | None:
    offer = partner.offers
    if offer is None:
        return None
    fitting = [i for i in offer.instruments if i in served(t)]
    if not fitting:
        return None
    stages = f" for projects at the {join([s.value for s in offer.stages], 'or')} stage"
    return f"offers {instrument_words(fitting)}{stages if offer.stages else ''}"


COMPONENTS: Mapping[str, Component] = MappingProxyType(
    {
        "focus-area": _focus_area,
        "offers": _offers,
        "country": _country,
        "city": _city,
        "partner-kind": _partner_kind,
        "interest": _interest,
    }
)


def score(ds: Dataset, partner: Partner, t: Target, weights: Mapping[str, int]) -> Candidate:
    """The partner's score for the target and a reason for each component that counts.

    The candidate is named by the partner; callers that rank projects rename it.
    """
    reasons, total = [], 0
    for name, component in COMPONENTS.items():
        reason = component(ds, partner, t) if weights[name] else None
        if reason is not None:
            reasons.append(reason)
            total += weights[name]
    return Candidate(partner.id, partner.name, total, tuple(reasons))


def ranked(candidates: Iterable[Candidate], top: int | None) -> tuple[Candidate, ...]:
    """Candidates with a score above 0, best first; ties by name, then id."""
    kept = sorted(
        (c for c in candidates if c.score > 0), key=lambda c: (-c.score, c.name.casefold(), c.id)
    )
    return tuple(kept[:top] if top is not None else kept)


def match_project(
    ds: Dataset,
    t: Target,
    weights: Mapping[str, int] = DEFAULT_WEIGHTS,
    top: int | None = None,
    partners: Iterable[str] | None = None,
) -> Match:
    """The partners ranked for one project, and those the hard filters left out."""
    candidates, filtered = [], []
    for partner_id in sorted(ds.partners if partners is None else partners):
        partner = ds.partners[partner_id]
        reason = filtered_out(partner_id, partner, t)
        if reason is not None:
            filtered.append(Filtered(partner_id, partner.name, reason))
            continue
        candidates.append(replace(score(ds, partner, t, weights), id=partner_id))
    return Match(t, ranked(candidates, top), tuple(filtered), weights)


@dataclass(frozen=True)
class PartnerMatch:
    """The open projects ranked for one partner, in a year, and the weights used."""

    partner_id: str
    partner: Partner
    year: int
    candidates: tuple[Candidate, ...]
    weights: Mapping[str, int]


def match_partner(
    ds: Dataset,
    partner_id: str,
    year: int,
    weights: Mapping[str, int] = DEFAULT_WEIGHTS,
    top: int | None = None,
) -> PartnerMatch:
    """The projects open in `year` that the partner may serve, best first."""
    partner = ds.partners.get(partner_id)
    if partner is None:
        raise UnknownRecord(f"no partner '{partner_id}' in data/partners/")
    candidates = [
        replace(score(ds, partner, t, weights), id=t.project.id, name=project_name(t))
        for t in targets(ds, year)
        if filtered_out(partner_id, partner, t) is None
    ]
    return PartnerMatch(partner_id, partner, year, ranked(candidates, top), weights)


@dataclass(frozen=True)
class CityMatch:
    """The partners ranked for each of a city's open projects, in plan order."""

    city_id: str
    city_name: str
    matches: tuple[Match, ...]


def match_city(
    ds: Dataset,
    city_id: str,
    year: int,
    weights: Mapping[str, int] = DEFAULT_WEIGHTS,
    top: int | None = None,
) -> CityMatch:
    """The partners ranked for each of the city's projects open in `year`, in plan order."""
    if city_id not in ds.cities:
        raise UnknownRecord(f"no city '{city_id}' in data/cities/")
    matches = (
        match_project(ds, t, weights, top) for t in targets(ds, year) if t.city_id == city_id
    )
    return CityMatch(city_id, ds.city_name(city_id), tuple(matches))


@dataclass(frozen=True)
class SeekingMatch:
    """The partners ranked for every open project that says what it seeks, for a session."""

    year: int
    matches: tuple[Match, ...]


def match_seeking(
    ds: Dataset,
    year: int,
    weights: Mapping[str, int] = DEFAULT_WEIGHTS,
    top: int | None = None,
) -> SeekingMatch:
    """The partners ranked for each project open in `year` with a `seeking:` record."""
    seeking = (t for t in targets(ds, year) if t.project.seeking is not None)
    return SeekingMatch(year, tuple(match_project(ds, t, weights, top) for t in seeking))


def project_name(t: Target) -> str:
    """A project as people name it: its title and city."""
    return f"{t.project.title} ({t.city_name})"
