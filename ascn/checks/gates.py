"""Facts about each plan's projects that show cross-file checks have nothing to report.

Eight cross-file checks walk every project (100,000 at 10,000 cities: 0.8 s together) to
find problems that clean data does not have. A plan's facts (its project ids, first
listings, the partners its projects name) depend on its file alone, so the result cache
keeps them per file; from them and the current dataset, `ruled_out` tells which of these
checks cannot report anything, and the others run over the whole dataset as before. A
gate may fail to rule out a check that then finds nothing, never rule out one that would
find something: tests/unit/test_gates.py runs every ruled-out check on varied datasets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # see checks/base.py: `ascn explain` must not import the models
    from ascn.models import Dataset, Plan

PlanFacts = dict[str, Any]  # JSON values: city, ids, first, partners, funders, prefixed

GATED = frozenset(
    {
        "before-joined",
        "duplicate-id",
        "funding-unknown-partner",
        "partnership-ended",
        "partnership-foreign-project",
        "project-id-prefix",
        "ref-unknown-partner",
        "ref-unknown-project",
    }
)


def plan_facts(plan: Plan) -> PlanFacts:
    """What the gated checks need of a plan's projects, as JSON values."""
    projects = plan.projects
    prefix = f"{plan.city}-"
    funders = {
        source.partner
        for project in projects
        if project.investment is not None
        for source in project.investment.funding
        if source.partner is not None
    }
    return {
        "city": plan.city,
        "ids": [project.id for project in projects],
        "first": [project.first_listed for project in projects],
        "partners": sorted({partner for project in projects for partner in project.partners}),
        "funders": sorted(funders),
        "prefixed": all(project.id.startswith(prefix) for project in projects),
    }


def facts_from_json(value: Any) -> PlanFacts | None:
    """Stored facts if they have the shape `plan_facts` gives, else None (compute again)."""
    if not isinstance(value, dict) or type(value.get("prefixed")) is not bool:
        return None
    if type(value.get("city")) is not str:
        return None
    lists: list[Any] = [value.get(key) for key in ("ids", "first", "partners", "funders")]
    if not all(type(v) is list for v in lists):
        return None
    ids, first, partners, funders = lists
    texts_ok = all(type(text) is str for text in (*ids, *partners, *funders))
    years_ok = len(first) == len(ids) and all(type(year) is int for year in first)
    return value if texts_ok and years_ok else None


def ruled_out(ds: Dataset, facts: Mapping[str, PlanFacts]) -> frozenset[str]:
    """The gated checks that cannot report anything; `facts` holds every plan's, by stem.

    Reads no plan model: a warm run builds only the plans it must (ascn.load.incremental).
    """
    plans = [facts[stem] for stem in ds.plans]
    partners = ds.known_ids("partner", ds.partners)
    clear = {
        "project-id-prefix": all(f["prefixed"] for f in plans),
        "ref-unknown-partner": partners.issuperset(_union(f["partners"] for f in plans)),
        "funding-unknown-partner": partners.issuperset(_union(f["funders"] for f in plans)),
        "before-joined": _listed_after_joining(ds, plans),
    }
    clear.update(_partnership_gates(ds, plans))
    return frozenset(code for code, holds in clear.items() if holds)


def named_for_their_files(facts: Mapping[str, PlanFacts]) -> bool:
    """Whether every plan's `city` is its file's name (`perfile.independent`, from facts)."""
    return all(f["city"] == stem for stem, f in facts.items())


def _union(lists: Iterable[list[str]]) -> set[str]:
    found: set[str] = set()
    for values in lists:
        found.update(values)
    return found


def _listed_after_joining(ds: Dataset, plans: list[PlanFacts]) -> bool:
    """No project is first listed before its city joined (before-joined)."""
    joined = {stem: city.joined for stem, city in ds.cities.items()}
    for facts in plans:
        year = joined.get(facts["city"])
        if year is not None and facts["first"] and min(facts["first"]) < year:
            return False
    return True


def _partnership_gates(ds: Dataset, plans: list[PlanFacts]) -> dict[str, bool]:
    """The gates of the checks that compare project ids, and partnerships with projects.

    One mapping from each project id to its place in flat lists, built in plan order so
    that a later use of an id replaces an earlier one, as the checks' mappings do (a set
    and a mapping per plan took 0.15 s at 10,000 cities; this one 0.04 s).
    """
    ids: list[str] = []
    cities: list[str] = []
    firsts: list[int] = []
    for facts in plans:
        ids += facts["ids"]
        cities += [facts["city"]] * len(facts["ids"])
        firsts += facts["first"]
    place = dict(zip(ids, range(len(ids)), strict=True))
    links = [p for _, _, _, p in ds.partnerships()]
    named = [(p, place.get(project_id)) for p in links for project_id in p.projects]
    return {
        "duplicate-id": len(place) == len(ids) and len({p.id for p in links}) == len(links),
        "ref-unknown-project": all(at is not None for _, at in named),
        "partnership-foreign-project": not any(
            p.city and at is not None and cities[at] != p.city for p, at in named
        ),
        "partnership-ended": not any(
            p.until is not None and at is not None and firsts[at] > p.until for p, at in named
        ),
    }
