"""Synthetic datasets in the real shape, valid by construction, for `make bench`.

A dev tool, not core: `python -m benchmarks.bench gen N --seed S --out DIR` writes N
cities, each with a plan of ten projects (several yearly updates each), and one
partner for every five cities. The same N and seed give byte-identical files.
Text is written directly (no YAML library) and kept to plain words, so that it
is valid YAML 1.2 that the models and checks accept.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ascn.reference import FocusArea, MeetingMode, PartnerKind, SourceKind, Status

VERSION = "3"  # bump when the output changes, so that `make bench` regenerates its data
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/{kind}.schema.json\n"
FIRST_YEAR, LAST_YEAR = 2018, 2025
PROJECTS_PER_PLAN = 10
CITIES_PER_PARTNER = 5
SOURCES = 50
COUNTRIES = ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN")
_SYLLABLES = (
    "ba ban bu ca cha chi da dan di ga ha hu i ja ka kha ko ku la lu ma man mi na ni no pa "
    "phu pi ra ri sa se si su ta tan thi to u va vi ya yo"
)
_WORDS = (
    "smart water transport digital green energy waste river public health safety data "
    "platform centre traffic housing tourism heritage school market flood light park "
    "mobility service network innovation hub system management city community"
)
SYLLABLES, WORDS = tuple(_SYLLABLES.split()), tuple(_WORDS.split())
AREAS = [area.value for area in FocusArea]
ONGOING = (Status.PLANNING.value, Status.PLANNING_OR_ONGOING.value, Status.ONGOING.value)


@dataclass(frozen=True)
class CityPlan:
    """What the partner files need to know about a generated city."""

    city: str
    joined: int
    areas: tuple[str, ...]
    projects: tuple[tuple[str, str, int], ...]  # (project id, focus area, first listed)


def generate(cities: int, seed: int, out: Path) -> int:
    """Write a dataset of `cities` cities under `out`; returns the number of files."""
    rng = random.Random(seed)  # noqa: S311 -- reproducible test data, not secrets
    written = 0
    for relative, text in _files(cities, rng):
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += 1
    return written


def _files(cities: int, rng: random.Random) -> Iterator[tuple[str, str]]:
    yield "network.yaml", _network(rng)
    for number in range(SOURCES):
        yield f"sources/source-{number:03d}.yaml", _source(number, rng)
    for code in COUNTRIES:
        yield f"countries/{code.lower()}.yaml", _country(code)
    plans: list[CityPlan] = []
    for number in range(cities):
        city_id = f"{_name(rng).lower()}-{number:05d}"
        joined, city = _city(city_id, rng)
        yield f"cities/{city_id}.yaml", city
        plan, text = _plan(city_id, joined, rng)
        plans.append(plan)
        yield f"plans/{city_id}.yaml", text
    for number in range(0, cities, CITIES_PER_PARTNER):
        partner_id = f"partner-{number // CITIES_PER_PARTNER:05d}"
        group = plans[number : number + CITIES_PER_PARTNER]
        yield f"partners/{partner_id}.yaml", _partner(partner_id, group, rng)


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize()


def _sources(rng: random.Random, indent: str) -> str:
    picks = sorted(rng.sample(range(SOURCES), 2))
    items = "".join(f"{indent}  - source-{n:03d}\n" for n in picks)
    return f"{indent}sources:\n{items}"


def _network(rng: random.Random) -> str:
    lines = ["name: ASEAN Smart Cities Network\nfounded: 2018\nyears:\n"]
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        chair, shepherd = COUNTRIES[year % 11], "SG"
        lines.append(f"  - year: {year}\n    chair: {chair}\n    shepherd: {shepherd}\n")
        mode = rng.choice([m.value for m in MeetingMode])
        lines.append(f"    annual_meeting:\n      date: {year}-08-2{year % 10}\n")
        lines.append(f"      place: {_name(rng)}\n      mode: {mode}\n")
        lines.append(_sources(rng, "    "))
    return "# yaml-language-server: $schema=../schema/network.schema.json\n" + "".join(lines)


def _source(number: int, rng: random.Random) -> str:
    kind = rng.choice([k.value for k in SourceKind])
    return SCHEMA_LINE.format(kind="source") + (
        f"id: source-{number:03d}\ntitle: {_words(rng, 3, 8)} report\n"
        f"url: https://example.org/reports/source-{number:03d}\n"
        f"as_of: '{rng.randint(FIRST_YEAR, LAST_YEAR)}'\nkind: {kind}\n"
    )


def _country(code: str) -> str:
    return SCHEMA_LINE.format(kind="country") + (
        f"iso2: {code}\nname: Member state {code}\nnational_representative:\n"
        "  role: Director of the Smart City Office\n  organisation: Ministry of the Interior\n"
    )


def _city(city_id: str, rng: random.Random) -> tuple[int, str]:
    """The year the city joined, and its file (its projects are listed from that year)."""
    name = city_id.rsplit("-", 1)[0].capitalize()
    country = rng.choice(COUNTRIES)
    joined = rng.choice((2018, 2018, 2019, 2020, 2021))
    return joined, (
        SCHEMA_LINE.format(kind="city")
        + f"id: {city_id}\nname: {name}\ncountry: {country}\n"
        + f"national_capital: false\njoined: {joined}\n"
        + f"population:\n  value: {rng.randint(50, 9000) * 1000}\n"
        + "  note: census figure, as printed in the action plan\n"
        + f"area_km2: {rng.randint(20, 3000)}\n"
        + f"location:\n  lat: {rng.uniform(-9, 25):.4f}\n  lon: {rng.uniform(92, 140):.4f}\n"
        + "chief_smart_city_officer:\n  role: Chief Smart City Officer\n"
        + "  organisation: City Hall\n"
        + _sources(rng, "")
    )


def _plan(city_id: str, joined: int, rng: random.Random) -> tuple[CityPlan, str]:
    areas = tuple(sorted(rng.sample(AREAS, 3)))
    lines = [SCHEMA_LINE.format(kind="plan"), f"city: {city_id}\n"]
    lines.append(f"period:\n  start: {FIRST_YEAR}\n  end: 2030\n")
    lines.append(f"vision:\n  text: {_words(rng, 6, 12)} for every resident\n")
    lines.append("focus_areas:\n" + "".join(f"  - {a}\n" for a in areas))
    target = f"  - text: {_words(rng, 4, 8)} by 2030\n    year: 2030\n"
    lines.append("strategic_targets:\n" + target)
    lines.append("projects:\n")
    projects = []
    for number in range(PROJECTS_PER_PLAN):
        project_id, area = f"{city_id}-p{number}", rng.choice(areas)
        first = rng.randint(max(FIRST_YEAR, joined), 2021)
        projects.append((project_id, area, first))
        lines.append(_project(project_id, area, first, rng))
    lines.append(_sources(rng, ""))
    return CityPlan(city_id, joined, areas, tuple(projects)), "".join(lines)


def _project(project_id: str, area: str, first: int, rng: random.Random) -> str:
    text = f"  - id: {project_id}\n    title: {_words(rng, 2, 4)} project\n    focus_area: {area}\n"
    if rng.random() < 0.2:
        text += f"    description: {_words(rng, 4, 10)}\n"
    text += f"    first_listed: {first}\n    updates:\n"
    for year, status, percent in _updates(first, rng.random() < 0.5, rng):
        text += f"      - year: {year}\n        status: {status}\n"
        text += f"        percent_complete: {percent}\n" if percent is not None else ""
    if rng.random() < 0.2:
        text += f"    budget:\n      amount: {rng.randint(1, 500) * 100000}\n      currency: USD\n"
    text += f"    sdgs: [{rng.randint(1, 17)}]\n" if rng.random() < 0.4 else ""
    return text


def _updates(
    first: int, with_percent: bool, rng: random.Random
) -> Iterator[tuple[int, str, int | None]]:
    """Yearly updates from a year after `first`; once completed or removed, it stays so."""
    percent = 0
    for year in range(max(first, rng.choice((2022, 2023, 2023))), LAST_YEAR + 1):
        if percent >= 100:
            yield year, Status.COMPLETED.value, 100 if with_percent else None
            continue
        if rng.random() < 0.03:
            yield year, Status.REMOVED.value, None
            return
        percent = min(100, percent + rng.randint(10, 45))
        status = Status.COMPLETED.value if percent >= 100 else rng.choice(ONGOING)
        yield year, status, percent if with_percent else None


def _partner(partner_id: str, plans: list[CityPlan], rng: random.Random) -> str:
    kind = rng.choice([k.value for k in PartnerKind])
    lines = [
        SCHEMA_LINE.format(kind="partner"),
        f"id: {partner_id}\nname: {_name(rng)} {_words(rng, 1, 2)} partners\n",
        f"kind: {kind}\ncountry: {rng.choice(('JP', 'KR', 'AU', 'US', 'DE', 'SG'))}\n",
        "partnerships:\n",
    ]
    for plan in plans:
        project_id, area, first = rng.choice(plan.projects)
        # Valid by construction under the year rules: a partnership begins once its city is a
        # member, and ends no earlier than the project it supports was listed.
        since = rng.randint(max(FIRST_YEAR, plan.joined), 2023)
        until = max(since + rng.randint(1, 5), first)
        lines.append(
            f"  - id: {plan.city}-{partner_id}\n    city: {plan.city}\n"
            f"    topic: {_words(rng, 3, 7)} support\n    focus_area: {area}\n"
            f"    projects:\n      - {project_id}\n    since: {since}\n"
            f"    until: {until}\n"
        )
    return "".join(lines) + _sources(rng, "")
