"""Transcribe the ASCN source tables (shared/sources/*.csv) into the YAML dataset under data/.

Run from the repository root:

    .venv/bin/python tools/import_sources.py [--sources DIR] [--data DIR]

The output is deterministic: re-running on the same tables rewrites the same bytes. YAML files in
the managed folders that no table row produces any more are removed.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML

from ascn.edit.yamlout import dump_record, modeline
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

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = REPO.parent / "shared" / "sources"
DEFAULT_DATA = REPO / "data"

Row = dict[str, str]
Data = dict[str, Any]
# One output file: (path relative to data/, schema kind, model, plain data).
Output = tuple[Path, str, type[BaseModel], Data]

NETWORK_NAME = "ASEAN Smart Cities Network"
NETWORK_FOUNDED = 2018
NETWORK_SOURCES = ["concept-note-2018", "asean-ascn-page"]
COUNTRY_SOURCES = ["asean-ascn-page"]
MANAGED_FOLDERS = ("sources", "countries", "cities", "plans", "partners")
STATUS_YEARS = (2022, 2023, 2024, 2025)
# The documents that list projects, by year; a project missing after its last listing is removed.
DOCUMENTS = {
    2018: "2018 Smart City Action Plans",
    2019: "2019 ASCN report",
    2022: "2022 M&E report appendix",
    2023: "2023 M&E report appendix",
    2024: "2024 M&E report appendix",
    2025: "2025 M&E report appendix",
}
LIST_SEPARATOR = " | "
# `2018: title; 2019: title`: split only where "; " is followed by the next "YYYY: ".
TITLE_ENTRY_SPLIT = re.compile(r"; (?=\d{4}: )")
TITLE_ENTRY = re.compile(r"(\d{4}): (.+)", re.DOTALL)
BOOLEANS = {"true": True, "false": False}


def read_table(sources: Path, name: str) -> list[Row]:
    """All rows of one CSV table, as header -> cell."""
    with (sources / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, strict=True))


def is_empty(value: object) -> bool:
    """Whether a value stands for 'not stated' and must be left out."""
    return value is None or (isinstance(value, str | list | dict) and not value)


def record(model: type[BaseModel], **fields: Any) -> Data:
    """The non-empty fields, in the order the model declares them."""
    unknown = fields.keys() - model.model_fields.keys()
    if unknown:
        raise ValueError(f"{model.__name__} has no field(s) {sorted(unknown)}")
    return {name: fields[name] for name in model.model_fields if not is_empty(fields.get(name))}


def split_list(cell: str, separator: str = LIST_SEPARATOR) -> list[str]:
    """A multi-valued cell as a list (empty cell = empty list)."""
    return cell.split(separator) if cell else []


def source_ids(cell: str) -> list[str]:
    """The space-separated `source_ids` cell as a list."""
    return cell.split()


def optional_int(cell: str) -> int | None:
    """An integer cell, or None when empty."""
    return int(cell) if cell else None


def number(cell: str) -> int | float | None:
    """A numeric cell in its written form: `115` -> 115, `39.0` -> 39.0; None when empty."""
    if not cell:
        return None
    return int(cell) if re.fullmatch(r"-?\d+", cell) else float(cell)


def amount(cell: str) -> int | float | None:
    """A money amount: an int when integral, else a float; None when empty."""
    value = number(cell)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def parse_title_history(cell: str) -> list[tuple[int, str]]:
    """`2018: A; 2019: B` -> [(2018, 'A'), (2019, 'B')]; titles may contain ':' or ';'."""
    entries = []
    for part in TITLE_ENTRY_SPLIT.split(cell) if cell else []:
        match = TITLE_ENTRY.fullmatch(part)
        if match is None:
            raise ValueError(f"bad title_history entry {part!r}")
        entries.append((int(match.group(1)), match.group(2)))
    return entries


def source_output(row: Row) -> Output:
    """data/sources/<id>.yaml from one sources.csv row."""
    data = record(
        Source,
        id=row["source_id"],
        title=row["title"],
        url=row["url"],
        as_of=row["as_of"],
        kind=row["kind"],
        notes=row["notes"],
    )
    return Path("sources", f"{row['source_id']}.yaml"), "source", Source, data


def network_year(row: Row) -> Data:
    """One `years` item of data/network.yaml from a network.csv row."""
    meeting = None
    if row["annual_meeting_date"] or row["place"] or row["mode"]:
        meeting = record(
            Meeting,
            date=dt.date.fromisoformat(row["annual_meeting_date"]),
            place=row["place"],
            mode=row["mode"],
        )
    return record(
        NetworkYear,
        year=int(row["year"]),
        chair=row["chair_country_iso2"],
        shepherd=row["shepherd_country_iso2"],
        annual_meeting=meeting,
        notes=row["notes"],
        sources=source_ids(row["source_ids"]),
    )


def network_output(rows: list[Row]) -> Output:
    """data/network.yaml from network.csv."""
    data = record(
        Network,
        name=NETWORK_NAME,
        founded=NETWORK_FOUNDED,
        years=[network_year(row) for row in rows],
        sources=NETWORK_SOURCES,
    )
    return Path("network.yaml"), "network", Network, data


def country_output(iso2: str, name: str) -> Output:
    """data/countries/<iso2>.yaml for one member state."""
    data = record(Country, iso2=iso2.upper(), name=name, sources=COUNTRY_SOURCES)
    return Path("countries", f"{iso2.lower()}.yaml"), "country", Country, data


def city_output(row: Row) -> Output:
    """data/cities/<id>.yaml from one cities.csv row."""
    population = None
    if row["population"]:
        population = record(Population, value=int(row["population"]), note=row["population_note"])
    data = record(
        City,
        id=row["city_id"],
        name=row["name"],
        country=row["country_iso2"],
        national_capital=BOOLEANS[row["national_capital"]] if row["national_capital"] else None,
        joined=int(row["joined"]),
        population=population,
        area_km2=number(row["area_km2"]),
        location=record(Location, lat=float(row["lat"]), lon=float(row["lon"]))
        if row["lat"]
        else None,
        geonames_id=optional_int(row["geonames_id"]),
        name_variants=split_list(row["name_variants"]),
        notes=row["notes"],
        sources=source_ids(row["source_ids"]),
    )
    return Path("cities", f"{row['city_id']}.yaml"), "city", City, data


def removal_update(listing_years: Iterable[int]) -> Data | None:
    """The `removed` update for a project whose last listing precedes the last document."""
    last = max(listing_years)
    later = [year for year in DOCUMENTS if year > last]
    if not later:
        return None
    year = later[0]
    note = f"Not listed in the {DOCUMENTS[year]}."
    return record(StatusUpdate, year=year, status="removed", note=note)


def project_updates(row: Row, listing_years: list[int]) -> list[Data]:
    """The yearly statuses of a project, plus its removal, in year order."""
    updates = [
        record(StatusUpdate, year=year, status=row[f"status_{year}"])
        for year in STATUS_YEARS
        if row[f"status_{year}"]
    ]
    removal = removal_update(listing_years)
    if removal is not None:
        updates.append(removal)
    return sorted(updates, key=lambda update: update["year"])


def project(row: Row) -> Data:
    """One project of a plan from a projects.csv row."""
    history = parse_title_history(row["title_history"])
    return record(
        Project,
        id=row["project_id"],
        title=row["title"],
        former_titles=split_list(row["former_titles"]),
        title_history=[record(TitleInYear, year=year, title=title) for year, title in history],
        focus_area=row["focus_area"],
        first_listed=int(row["first_listed"]),
        updates=project_updates(row, [year for year, _ in history]),
        match_basis=row["match_basis"],
        status_note=row["status_notes"],
        focus_area_note=row["focus_area_note"],
        sources=source_ids(row["source_ids"]),
    )


def plan_outputs(rows: list[Row]) -> list[Output]:
    """data/plans/<city>.yaml for every city with projects, projects in CSV order."""
    by_city: dict[str, list[Data]] = {}
    for row in rows:
        by_city.setdefault(row["city_id"], []).append(project(row))
    return [
        (Path("plans", f"{city}.yaml"), "plan", Plan, record(Plan, city=city, projects=projects))
        for city, projects in by_city.items()
    ]


def partnership(row: Row, partner_name: str) -> Data:
    """One partnership of a partner from a partnerships.csv row."""
    commitment = None
    if row["amount"]:
        commitment = record(Money, amount=amount(row["amount"]), currency=row["currency"])
    return record(
        Partnership,
        id=row["partnership_id"],
        city=row["city_id"],
        topic=row["topic"],
        focus_area=row["focus_area"],
        projects=[row["project_id"]] if row["project_id"] else [],
        since=optional_int(row["year"]),
        commitment=commitment,
        name_as_reported=row["partner_name"] if row["partner_name"] != partner_name else None,
        notes=row["notes"],
        sources=source_ids(row["source_ids"]),
    )


def latest_row(rows: list[Row]) -> Row:
    """The row with the latest year (empty year = earliest; ties: the later row in the CSV)."""
    return max(enumerate(rows), key=lambda item: (int(item[1]["year"] or 0), item[0]))[1]


def partner_output(partner_id: str, rows: list[Row]) -> Output:
    """data/partners/<id>.yaml from all partnerships.csv rows of one partner."""
    latest = latest_row(rows)
    data = record(
        Partner,
        id=partner_id,
        name=latest["partner_name"],
        kind=latest["partner_kind"],
        country=latest["partner_country_iso2"],
        partnerships=[partnership(row, latest["partner_name"]) for row in rows],
    )
    return Path("partners", f"{partner_id}.yaml"), "partner", Partner, data


def partner_outputs(rows: list[Row]) -> list[Output]:
    """One partner file per partner_id, each with its rows in CSV order."""
    by_partner: dict[str, list[Row]] = {}
    for row in rows:
        by_partner.setdefault(row["partner_id"], []).append(row)
    return [partner_output(partner_id, group) for partner_id, group in by_partner.items()]


def build(sources: Path) -> list[Output]:
    """Every output file, computed from the tables in `sources`."""
    return [
        *(source_output(row) for row in read_table(sources, "sources")),
        network_output(read_table(sources, "network")),
        *(country_output(iso2, name) for iso2, name in MEMBER_STATES.items()),
        *(city_output(row) for row in read_table(sources, "cities")),
        *plan_outputs(read_table(sources, "projects")),
        *partner_outputs(read_table(sources, "partnerships")),
    ]


def check_unique(outputs: list[Output]) -> None:
    """Fail if two outputs would share a file name."""
    paths = [path for path, *_ in outputs]
    duplicates = sorted({str(path) for path in paths if paths.count(path) > 1})
    if duplicates:
        raise ValueError(f"duplicate output files: {duplicates}")


def write(data_dir: Path, output: Output) -> bool:
    """Validate and write one file; True when its bytes changed."""
    relative, kind, model, data = output
    model.model_validate(data)
    text = dump_record(data, modeline(kind, len(relative.parts)))
    target = data_dir / relative
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="\n")
    return True


def prune(data_dir: Path, outputs: list[Output]) -> list[Path]:
    """Remove YAML files in the managed folders that no output produces; return them."""
    wanted = {data_dir / path for path, *_ in outputs}
    stale = sorted(
        path
        for folder in MANAGED_FOLDERS
        for path in (data_dir / folder).glob("*.yaml")
        if path not in wanted
    )
    for path in stale:
        path.unlink()
    return stale


def verify(data_dir: Path, outputs: list[Output]) -> None:
    """Reload every written file with the safe loader and validate it with its model."""
    yaml = YAML(typ="safe", pure=True)
    for relative, _, model, _ in outputs:
        model.model_validate(yaml.load(data_dir / relative))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="folder of CSVs")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="dataset folder")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Import the tables, write data/, report what changed."""
    args = parse_args(argv)
    outputs = build(args.sources)
    check_unique(outputs)
    changed = sum(write(args.data, output) for output in outputs)
    removed = prune(args.data, outputs)
    verify(args.data, outputs)
    print(f"{len(outputs)} files: {changed} written, {len(removed)} removed, all valid")
    for path in removed:
        print(f"removed {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
