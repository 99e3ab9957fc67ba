"""data/ agrees with the source tables (shared/sources/*.csv) row for row.

Every CSV row has exactly one record, every record comes from a row, and every field equals its cell
after the documented conversion (empty cell = field left out). Expected values are rebuilt here from
the CSVs, independently of tools/import_sources.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import os
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from ruamel.yaml import YAML

from ascn.edit.yamlout import modeline
from ascn.models import (
    City,
    Country,
    Location,
    Meeting,
    Money,
    Network,
    NetworkYear,
    Partner,
    Partnership,
    Plan,
    Population,
    Project,
    Source,
    StatusUpdate,
    TitleInYear,
)
from ascn.reference import MEMBER_STATES

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
SOURCES = Path(__file__).resolve().parents[3] / "shared" / "sources"

if not SOURCES.is_dir():
    if os.environ.get("CI"):
        pytest.fail(f"source tables missing: {SOURCES}", pytrace=False)
    pytest.skip(f"source tables missing: {SOURCES}", allow_module_level=True)

Row = dict[str, str]

STATUS_YEARS = (2022, 2023, 2024, 2025)
DOCUMENT_YEARS = (2018, 2019, 2022, 2023, 2024, 2025)
TITLE_ENTRY = re.compile(r"(?:^|; )(\d{4}): (.*?)(?=; \d{4}: |$)", re.DOTALL)


@functools.cache
def table(name: str) -> tuple[Row, ...]:
    """The rows of one source table."""
    with (SOURCES / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle, strict=True))


def rows_by(name: str, key: str) -> dict[str, Row]:
    """The rows of a table by their key column (keys must be unique)."""
    rows = table(name)
    keyed = {row[key]: row for row in rows}
    assert len(keyed) == len(rows), f"duplicate {key} in {name}.csv"
    return keyed


def keys_of(name: str, key: str) -> list[str]:
    """The key column of a table, in CSV order (for parametrize ids)."""
    return [row[key] for row in table(name)]


@functools.cache
def load(relative: str) -> Any:
    """One data file, loaded with the safe loader."""
    return YAML(typ="safe", pure=True).load(DATA / relative)


def load_record(relative: str, kind: str, model: type[BaseModel]) -> Any:
    """A data file checked for its schema header and validated with its model."""
    path = DATA / relative
    assert path.is_file(), f"missing {relative}"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header == modeline(kind, len(Path(relative).parts))
    data = load(relative)
    model.model_validate(data)
    return data


def expect(model: type[BaseModel], **fields: Any) -> dict[str, Any]:
    """The expected mapping: non-empty fields only, in the model's declared order."""
    assert fields.keys() <= model.model_fields.keys()
    return {
        name: fields[name]
        for name in model.model_fields
        if fields.get(name) is not None and fields[name] not in ("", [])
    }


def assert_same(actual: Any, expected: Any, where: str = "") -> None:
    """Equal values of identical types; mappings also with keys in the same order."""
    assert type(actual) is type(expected), f"{where}: {actual!r} is not {expected!r}"
    if isinstance(expected, dict):
        assert list(actual) == list(expected), f"{where}: keys {list(actual)} != {list(expected)}"
        for key, value in expected.items():
            assert_same(actual[key], value, f"{where}.{key}")
    elif isinstance(expected, list):
        assert len(actual) == len(expected), f"{where}: {len(actual)} items, not {len(expected)}"
        for index, (item, wanted) in enumerate(zip(actual, expected, strict=True)):
            assert_same(item, wanted, f"{where}[{index}]")
    else:
        assert actual == expected, f"{where}: {actual!r} != {expected!r}"


def ids(cell: str) -> list[str]:
    """A space-separated source_ids cell."""
    return cell.split(" ") if cell else []


def multi(cell: str) -> list[str]:
    """A ` | `-separated multi-valued cell."""
    return cell.split(" | ") if cell else []


def as_number(cell: str) -> int | float | None:
    """A number in the CSV's written form (`115` -> int, `39.0` -> float)."""
    if not cell:
        return None
    return int(cell) if cell.isdigit() else float(cell)


def as_amount(cell: str) -> int | float | None:
    """A money amount: int when integral."""
    value = as_number(cell)
    return int(value) if isinstance(value, float) and value.is_integer() else value


def title_history(cell: str) -> list[tuple[int, str]]:
    """`2018: A; 2019: B` parsed; must rebuild the cell exactly."""
    entries = [(int(year), title) for year, title in TITLE_ENTRY.findall(cell)]
    assert "; ".join(f"{year}: {title}" for year, title in entries) == cell
    return entries


def document_name(year: int) -> str:
    """The document that lists projects in a year (2019 report or an M&E appendix)."""
    return "2019 ASCN report" if year == 2019 else f"{year} M&E report appendix"


def expected_updates(row: Row, listing_years: list[int]) -> list[dict[str, Any]]:
    """Statuses per non-empty status cell plus one `removed` after the last listing."""
    updates = [
        expect(StatusUpdate, year=year, status=row[f"status_{year}"])
        for year in STATUS_YEARS
        if row[f"status_{year}"]
    ]
    later = [year for year in DOCUMENT_YEARS if year > max(listing_years)]
    if later:
        note = f"Not listed in the {document_name(later[0])}."
        updates.append(expect(StatusUpdate, year=later[0], status="removed", note=note))
    return sorted(updates, key=lambda update: update["year"])


def partner_name(partner_id: str) -> str:
    """The partner's name in its latest-year row (ties: the later row)."""
    rows = [row for row in table("partnerships") if row["partner_id"] == partner_id]
    ranked = sorted(enumerate(rows), key=lambda item: (int(item[1]["year"] or 0), item[0]))
    return ranked[-1][1]["partner_name"]


def expected_files() -> set[str]:
    """Every data file the tables call for, relative to data/."""
    return {
        "network.yaml",
        *(f"sources/{key}.yaml" for key in keys_of("sources", "source_id")),
        *(f"countries/{iso2.lower()}.yaml" for iso2 in MEMBER_STATES),
        *(f"cities/{key}.yaml" for key in keys_of("cities", "city_id")),
        *(f"plans/{key}.yaml" for key in keys_of("projects", "city_id")),
        *(f"partners/{key}.yaml" for key in keys_of("partnerships", "partner_id")),
    }


def test_no_extra_or_missing_files() -> None:
    """data/ holds exactly the YAML files the tables call for."""
    actual = {path.relative_to(DATA).as_posix() for path in DATA.rglob("*") if path.is_file()}
    wanted = expected_files()
    assert sorted(actual - wanted) == [], "files no row produces"
    assert sorted(wanted - actual) == [], "rows without a file"


@pytest.mark.parametrize("source_id", keys_of("sources", "source_id"))
def test_source(source_id: str) -> None:
    """A sources.csv row equals data/sources/<id>.yaml."""
    row = rows_by("sources", "source_id")[source_id]
    actual = load_record(f"sources/{source_id}.yaml", "source", Source)
    wanted = expect(
        Source,
        id=row["source_id"],
        title=row["title"],
        url=row["url"],
        as_of=row["as_of"],
        kind=row["kind"],
        notes=row["notes"],
    )
    assert_same(actual, wanted, source_id)


def test_network() -> None:
    """data/network.yaml has the network's facts and one year per network.csv row, in order."""
    actual = load_record("network.yaml", "network", Network)
    assert list(actual) == ["name", "founded", "years", "sources"]
    assert_same(actual["name"], "ASEAN Smart Cities Network")
    assert_same(actual["founded"], 2018)
    assert_same(actual["sources"], ["concept-note-2018", "asean-ascn-page"])
    assert [year["year"] for year in actual["years"]] == [
        int(key) for key in keys_of("network", "year")
    ]


@pytest.mark.parametrize("year", keys_of("network", "year"))
def test_network_year(year: str) -> None:
    """A network.csv row equals its item in data/network.yaml `years`."""
    row = rows_by("network", "year")[year]
    items = load_record("network.yaml", "network", Network)["years"]
    matches = [item for item in items if item["year"] == int(year)]
    assert len(matches) == 1, f"{len(matches)} items for {year}"
    meeting = None
    if row["annual_meeting_date"] or row["place"] or row["mode"]:
        meeting = expect(
            Meeting,
            date=dt.date.fromisoformat(row["annual_meeting_date"]),
            place=row["place"],
            mode=row["mode"],
        )
    wanted = expect(
        NetworkYear,
        year=int(row["year"]),
        chair=row["chair_country_iso2"],
        shepherd=row["shepherd_country_iso2"],
        annual_meeting=meeting,
        notes=row["notes"],
        sources=ids(row["source_ids"]),
    )
    assert_same(matches[0], wanted, year)


@pytest.mark.parametrize("iso2", list(MEMBER_STATES))
def test_country(iso2: str) -> None:
    """Each member state has data/countries/<iso2>.yaml with its code, name and source."""
    actual = load_record(f"countries/{iso2.lower()}.yaml", "country", Country)
    wanted = expect(Country, iso2=iso2, name=MEMBER_STATES[iso2], sources=["asean-ascn-page"])
    assert_same(actual, wanted, iso2)


def test_countries_are_the_member_states() -> None:
    """data/countries/ holds exactly the 11 member states."""
    files = {path.stem for path in (DATA / "countries").glob("*.yaml")}
    assert len(MEMBER_STATES) == 11
    assert files == {iso2.lower() for iso2 in MEMBER_STATES}


@pytest.mark.parametrize("city_id", keys_of("cities", "city_id"))
def test_city(city_id: str) -> None:
    """A cities.csv row equals data/cities/<id>.yaml."""
    row = rows_by("cities", "city_id")[city_id]
    actual = load_record(f"cities/{city_id}.yaml", "city", City)
    population = None
    if row["population"]:
        population = expect(Population, value=int(row["population"]), note=row["population_note"])
    wanted = expect(
        City,
        id=row["city_id"],
        name=row["name"],
        country=row["country_iso2"],
        national_capital={"true": True, "false": False}[row["national_capital"]],
        joined=int(row["joined"]),
        population=population,
        area_km2=as_number(row["area_km2"]),
        location=expect(Location, lat=float(row["lat"]), lon=float(row["lon"])),
        geonames_id=int(row["geonames_id"]),
        name_variants=multi(row["name_variants"]),
        notes=row["notes"],
        sources=ids(row["source_ids"]),
    )
    assert_same(actual, wanted, city_id)


@pytest.mark.parametrize("city_id", sorted(set(keys_of("projects", "city_id"))))
def test_plan(city_id: str) -> None:
    """data/plans/<city>.yaml names the city and holds its projects.csv rows in CSV order."""
    actual = load_record(f"plans/{city_id}.yaml", "plan", Plan)
    assert list(actual) == ["city", "projects"]
    assert actual["city"] == city_id
    rows = [row["project_id"] for row in table("projects") if row["city_id"] == city_id]
    assert [project["id"] for project in actual["projects"]] == rows


@pytest.mark.parametrize("project_id", keys_of("projects", "project_id"))
def test_project(project_id: str) -> None:
    """A projects.csv row equals its one project in data/plans/<city>.yaml."""
    row = rows_by("projects", "project_id")[project_id]
    found = [
        (path.stem, project)
        for path in sorted((DATA / "plans").glob("*.yaml"))
        for project in load(f"plans/{path.name}").get("projects", [])
        if project["id"] == project_id
    ]
    assert [city for city, _ in found] == [row["city_id"]], "not exactly once, in its city's plan"
    history = title_history(row["title_history"])
    wanted = expect(
        Project,
        id=row["project_id"],
        title=row["title"],
        former_titles=multi(row["former_titles"]),
        title_history=[expect(TitleInYear, year=year, title=title) for year, title in history],
        focus_area=row["focus_area"],
        first_listed=int(row["first_listed"]),
        updates=expected_updates(row, [year for year, _ in history]),
        match_basis=row["match_basis"],
        status_note=row["status_notes"],
        focus_area_note=row["focus_area_note"],
        sources=ids(row["source_ids"]),
    )
    curated = {key: value for key, value in found[0][1].items() if key not in CURATED_FIELDS}
    assert_same(curated, wanted, project_id)


# `seeking:` and `investment:` have no columns in the tables: they are transcribed by hand
# where the reports' narrative states them, and each must be backed by the project's own
# row: its status notes quote the statement, and the record cites one of the row's sources.
CURATED_FIELDS = ("seeking", "investment")
CURATED_QUOTES = {
    ("khon-kaen-kaen-nakhon-tram", "seeking"): "private investment is being sought",
    ("chonburi-hydrogen-forklift", "investment"): "under planning and feasibility assessment",
}


def test_curated_investment_records_are_backed_by_their_rows() -> None:
    """Every seeking/investment record is one the row's notes state, citing the row's source."""
    rows = rows_by("projects", "project_id")
    found = {
        (project["id"], key): project[key]
        for path in sorted((DATA / "plans").glob("*.yaml"))
        for project in load(f"plans/{path.name}").get("projects", [])
        for key in CURATED_FIELDS
        if key in project
    }
    assert sorted(found) == sorted(CURATED_QUOTES)
    for (project_id, key), record in found.items():
        row = rows[project_id]
        assert CURATED_QUOTES[project_id, key] in row["status_notes"], project_id
        assert set(record["sources"]) <= set(ids(row["source_ids"])), project_id


@pytest.mark.parametrize("partner_id", sorted(set(keys_of("partnerships", "partner_id"))))
def test_partner(partner_id: str) -> None:
    """data/partners/<id>.yaml has the partner's facts and its rows in CSV order."""
    actual = load_record(f"partners/{partner_id}.yaml", "partner", Partner)
    rows = [row for row in table("partnerships") if row["partner_id"] == partner_id]
    assert len({(row["partner_kind"], row["partner_country_iso2"]) for row in rows}) == 1
    wanted = expect(
        Partner,
        id=partner_id,
        name=partner_name(partner_id),
        kind=rows[0]["partner_kind"],
        country=rows[0]["partner_country_iso2"],
    )
    assert_same({key: actual[key] for key in actual if key != "partnerships"}, wanted, partner_id)
    assert [item["id"] for item in actual["partnerships"]] == [r["partnership_id"] for r in rows]


@pytest.mark.parametrize("partnership_id", keys_of("partnerships", "partnership_id"))
def test_partnership(partnership_id: str) -> None:
    """A partnerships.csv row equals its one partnership in data/partners/<partner>.yaml."""
    row = rows_by("partnerships", "partnership_id")[partnership_id]
    found = [
        (path.stem, item)
        for path in sorted((DATA / "partners").glob("*.yaml"))
        for item in load(f"partners/{path.name}").get("partnerships", [])
        if item["id"] == partnership_id
    ]
    assert [partner for partner, _ in found] == [row["partner_id"]], "not exactly once"
    commitment = None
    if row["amount"]:
        commitment = expect(Money, amount=as_amount(row["amount"]), currency=row["currency"])
    name = partner_name(row["partner_id"])
    wanted = expect(
        Partnership,
        id=row["partnership_id"],
        city=row["city_id"],
        topic=row["topic"],
        focus_area=row["focus_area"],
        projects=[row["project_id"]] if row["project_id"] else [],
        since=int(row["year"]) if row["year"] else None,
        commitment=commitment,
        name_as_reported=row["partner_name"] if row["partner_name"] != name else None,
        notes=row["notes"],
        sources=ids(row["source_ids"]),
    )
    assert_same(found[0][1], wanted, partnership_id)
