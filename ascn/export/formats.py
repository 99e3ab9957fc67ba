"""The export formats: each turns the dataset into files (name -> bytes); `build` picks one.

Every format carries the provenance (data commit, tool version) and nothing from the clock,
so the same data gives byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from ascn.export import datapackage, sqlite
from ascn.export.kinds import all_tables
from ascn.export.tables import Table, Value
from ascn.models import Dataset, Record
from ascn.problems import AscnError
from ascn.reference import MEMBER_STATES

BOM = "\ufeff"
Files = dict[str, bytes]


class Provenance(Protocol):
    """Where the data comes from, as ascn.report.provenance.lookup tells it."""

    @property
    def commit(self) -> str:
        """The data's git commit, or 'unknown'."""

    @property
    def dirty(self) -> bool | None:
        """Whether the data had uncommitted changes (None: unknown)."""

    @property
    def version(self) -> str:
        """The ascn version."""


class UnknownFormat(AscnError):
    """The export format is not one of FORMATS."""


def provenance_of(prov: Provenance) -> dict[str, Any]:
    """The provenance as a JSON object: data commit, uncommitted changes, tool version."""
    return {"data_commit": prov.commit, "data_dirty": prov.dirty, "ascn_version": prov.version}


def dumps(value: object) -> str:
    """Stable JSON: sorted keys, two-space indent, non-ASCII kept, a final newline."""
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def cell(value: Value) -> str:
    """A value as CSV text: empty for missing, true/false, numbers without a needless .0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def csv_text(table: Table, excel: bool = False) -> str:
    """The table as RFC 4180 CSV with a header row; with a BOM for Excel if `excel`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    writer.writerows([cell(v) for v in row] for row in table.rows)
    return (BOM if excel else "") + out.getvalue()


def _provenance_file(prov: Provenance) -> Files:
    return {"provenance.json": dumps({"version": 1, **provenance_of(prov)}).encode()}


def to_csv(ds: Dataset, prov: Provenance, excel: bool = False) -> Files:
    """One CSV file per table, and provenance.json."""
    files = {f"{t.name}.csv": csv_text(t, excel).encode() for t in all_tables(ds)}
    return files | _provenance_file(prov)


def _records(values: Iterable[Record]) -> list[dict[str, Any]]:
    # exclude_unset: what the YAML files say, without the defaults the models fill in.
    return [v.model_dump(mode="json", exclude_unset=True) for v in values]


def mirror(ds: Dataset, prov: Provenance) -> dict[str, Any]:
    """The dataset as one JSON object mirroring the YAML files, records sorted by id."""
    network = ds.network.model_dump(mode="json", exclude_unset=True) if ds.network else None

    def by_id(records: Mapping[str, Record]) -> list[dict[str, Any]]:
        return _records(records[k] for k in sorted(records))

    return {
        "version": 1,
        "provenance": provenance_of(prov),
        "network": network,
        "countries": by_id(ds.countries),
        "cities": by_id(ds.cities),
        "plans": by_id(ds.plans),
        "partners": by_id(ds.partners),
        "sources": by_id(ds.sources),
    }


def to_json(ds: Dataset, prov: Provenance, excel: bool = False) -> Files:
    """ascn.json: the whole dataset as it is in the YAML files."""
    return {"ascn.json": dumps(mirror(ds, prov)).encode()}


def city_features(ds: Dataset) -> dict[str, Any]:
    """The member cities as a GeoJSON FeatureCollection; a city without location has no geometry."""
    projects: dict[str, int] = {}
    for plan, _, _ in ds.projects():
        projects[plan.city] = projects.get(plan.city, 0) + 1
    features = []
    for city_id in sorted(ds.cities):
        city = ds.cities[city_id]
        where = city.location
        geometry = {"type": "Point", "coordinates": [where.lon, where.lat]} if where else None
        properties = {
            "id": city.id,
            "name": city.name,
            "country": city.country,
            "country_name": MEMBER_STATES.get(city.country, city.country),
            "joined": city.joined,
            "national_capital": city.national_capital,
            "population": city.population.value if city.population else None,
            "projects": projects.get(city.id, 0),
        }
        features.append(
            {"type": "Feature", "id": city.id, "geometry": geometry, "properties": properties}
        )
    return {"type": "FeatureCollection", "features": features}


def to_geojson(ds: Dataset, prov: Provenance, excel: bool = False) -> Files:
    """cities.geojson: the member cities with their properties; provenance as a foreign member."""
    collection = city_features(ds) | {"provenance": provenance_of(prov)}
    return {"cities.geojson": dumps(collection).encode()}


def to_sqlite(ds: Dataset, prov: Provenance, excel: bool = False) -> Files:
    """ascn.sqlite: the tables with keys and full-text search, for Datasette."""
    return {"ascn.sqlite": sqlite.database(all_tables(ds), provenance_of(prov))}


def to_datapackage(ds: Dataset, prov: Provenance, excel: bool = False) -> Files:
    """datapackage.json and its CSV files: a Frictionless Tabular Data Package."""
    tables = all_tables(ds)
    files = {f"{t.name}.csv": csv_text(t).encode() for t in tables}
    files["datapackage.json"] = dumps(datapackage.descriptor(tables, provenance_of(prov))).encode()
    return files


FORMATS: dict[str, Callable[[Dataset, Provenance, bool], Files]] = {
    "csv": to_csv,
    "json": to_json,
    "sqlite": to_sqlite,
    "datapackage": to_datapackage,
    "geojson": to_geojson,
}


def build(ds: Dataset, fmt: str, prov: Provenance, excel: bool = False) -> Files:
    """The files of one export format, keyed by file name."""
    if fmt not in FORMATS:
        raise UnknownFormat(f"unknown export format {fmt!r}: choose from {', '.join(FORMATS)}")
    return FORMATS[fmt](ds, prov, excel)
