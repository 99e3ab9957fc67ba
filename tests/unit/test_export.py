"""The exports: every record in every format, keys, characters, determinism, validity."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from frictionless import Package
from ruamel.yaml import YAML

from ascn.export.formats import FORMATS, UnknownFormat, build
from ascn.models import Dataset
from ascn.report.provenance import Provenance
from ascn.validate import validate

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "fixtures" / "portal" / "data"
PROVENANCE = Provenance("0123456789abcdef0123456789abcdef01234567", False, "0.0.0-test")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    """The portal fixture: Thai, Vietnamese and Khmer names, records missing optional fields."""
    result = validate(DATA)
    assert result.problems == []
    return result.dataset


def expected_counts(ds: Dataset) -> dict[str, int]:
    """How many rows each table must have, counted from the loaded dataset itself."""
    projects = [p for _, _, p in ds.projects()]
    partnerships = [s for _, _, _, s in ds.partnerships()]
    assert ds.network is not None
    return {
        "countries": len(ds.countries),
        "cities": len(ds.cities),
        "plans": len(ds.plans),
        "targets": sum(len(p.strategic_targets) for p in ds.plans.values()),
        "projects": len(projects),
        "project_statuses": sum(len(p.updates) for p in projects),
        "partners": len(ds.partners),
        "partnerships": len(partnerships),
        "partnership_projects": sum(len(s.projects) for s in partnerships),
        "network_years": len(ds.network.years),
        "published_figures": len(ds.network.published_figures),
        "sources": len(ds.sources),
    }


def csv_rows(data: bytes) -> list[dict[str, str]]:
    """The rows of a CSV file (a BOM, if any, removed)."""
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def write(files: dict[str, bytes], folder: Path) -> Path:
    """Write export files into `folder` and return it."""
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return folder


def test_csv_has_every_record_of_every_kind(dataset: Dataset) -> None:
    """Each CSV table has one row per record, records missing optional fields included."""
    files = build(dataset, "csv", PROVENANCE)
    counts = {name: len(csv_rows(files[f"{name}.csv"])) for name in expected_counts(dataset)}
    assert counts == expected_counts(dataset)


def test_json_has_every_record(dataset: Dataset) -> None:
    """ascn.json lists every record of every kind file."""
    doc = json.loads(build(dataset, "json", PROVENANCE)["ascn.json"])
    got = {kind: len(doc[kind]) for kind in ("countries", "cities", "plans", "partners", "sources")}
    assert got == {
        "countries": len(dataset.countries),
        "cities": len(dataset.cities),
        "plans": len(dataset.plans),
        "partners": len(dataset.partners),
        "sources": len(dataset.sources),
    }
    assert doc["provenance"] == {
        "ascn_version": "0.0.0-test",
        "data_commit": PROVENANCE.commit,
        "data_dirty": False,
    }


def test_json_mirrors_the_yaml_files(dataset: Dataset) -> None:
    """A plan in ascn.json equals its YAML file read as plain data (no defaults added)."""
    doc = json.loads(build(dataset, "json", PROVENANCE)["ascn.json"])
    yaml = YAML(typ="safe", pure=True)
    for plan in doc["plans"]:
        assert plan == yaml.load(DATA / "plans" / f"{plan['city']}.yaml")


def test_sqlite_has_every_record_and_its_keys(dataset: Dataset, tmp_path: Path) -> None:
    """The database's tables count the dataset's records; foreign keys are declared and hold."""
    path = write(build(dataset, "sqlite", PROVENANCE), tmp_path) / "ascn.sqlite"
    db = sqlite3.connect(path)
    counts = {
        t: db.execute(f"select count(*) from {t}").fetchone()[0] for t in expected_counts(dataset)
    }
    assert counts == expected_counts(dataset)
    refs = db.execute('select "table", "from", "to" from pragma_foreign_key_list(\'projects\')')
    assert refs.fetchall() == [("plans", "city", "city")]
    assert db.execute("pragma foreign_key_check").fetchall() == []
    db.close()


def test_sqlite_full_text_search_finds_a_title_word(dataset: Dataset, tmp_path: Path) -> None:
    """FTS over project titles finds a Vietnamese title by one of its words."""
    path = write(build(dataset, "sqlite", PROVENANCE), tmp_path) / "ascn.sqlite"
    db = sqlite3.connect(path)
    query = "select rowid from projects_fts where projects_fts match ?"
    rowids = [r[0] for r in db.execute(query, ["nước"])]
    titles = [
        db.execute("select title from projects where rowid = ?", [r]).fetchone()[0] for r in rowids
    ]
    assert titles == ["Hệ thống cấp nước thông minh"]
    db.close()


def test_geojson_has_every_city(dataset: Dataset) -> None:
    """Every member city is a feature; one without a location has a null geometry."""
    doc = json.loads(build(dataset, "geojson", PROVENANCE)["cities.geojson"])
    assert [f["id"] for f in doc["features"]] == sorted(dataset.cities)
    geometry = {f["id"]: f["geometry"] for f in doc["features"]}
    assert geometry["sentosa"] is None
    assert geometry["chiang-mai"] == {"type": "Point", "coordinates": [98.9853, 18.7883]}


def test_datapackage_is_valid_for_frictionless(dataset: Dataset, tmp_path: Path) -> None:
    """frictionless validates the package: types, enums, primary and foreign keys."""
    write(build(dataset, "datapackage", PROVENANCE), tmp_path)
    report = Package(tmp_path / "datapackage.json").validate()
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "type", "note"])
    counts = {task.name: task.stats["rows"] for task in report.tasks}
    assert counts == expected_counts(dataset)


def test_datapackage_validation_catches_a_broken_reference(
    dataset: Dataset, tmp_path: Path
) -> None:
    """A project row naming a city without a plan fails frictionless's foreign-key check."""
    files = build(dataset, "datapackage", PROVENANCE)
    files["projects.csv"] = files["projects.csv"].replace(
        b"\r\nda-nang-water,da-nang,", b"\r\nda-nang-water,nowhere,"
    )
    write(files, tmp_path)
    report = Package(tmp_path / "datapackage.json").validate()
    failed = [(task.name, [e.type for e in task.errors]) for task in report.tasks if task.errors]
    assert failed == [("projects", ["foreign-key"])]


def test_excel_csv_starts_with_a_bom_and_keeps_asian_scripts(dataset: Dataset) -> None:
    """--excel: UTF-8 with BOM; Thai, Vietnamese and Khmer names are their UTF-8 bytes."""
    data = build(dataset, "csv", PROVENANCE, excel=True)["cities.csv"]
    assert data.startswith(b"\xef\xbb\xbfid,name,country,")
    assert "Đà Nẵng".encode() in data  # Vietnamese
    assert "เชียงใหม่".encode() in data  # Thai
    assert "សៀមរាប Siem Reap".encode() in data  # Khmer
    assert {r["name"] for r in csv_rows(data)} == {c.name for c in dataset.cities.values()}


def test_plain_csv_has_no_bom(dataset: Dataset) -> None:
    """Without --excel the CSV starts with its header."""
    assert build(dataset, "csv", PROVENANCE)["cities.csv"].startswith(b"id,name,country,")


def test_csv_rows_are_sorted_by_key_and_lists_joined(dataset: Dataset) -> None:
    """Rows follow the primary key; targets keep the plan's order; list cells join with '; '."""
    files = build(dataset, "csv", PROVENANCE)
    assert [r["id"] for r in csv_rows(files["cities.csv"])] == sorted(dataset.cities)
    assert csv_rows(files["targets.csv"]) == [
        {"city": "chiang-mai", "number": "1", "text": "Cut PM2.5 days by half.", "year": "2025"},
        {"city": "chiang-mai", "number": "2", "text": "Open data for every district.", "year": ""},
    ]
    plan = next(r for r in csv_rows(files["plans.csv"]) if r["city"] == "chiang-mai")
    assert plan["focus_areas"] == "quality-environment; built-infrastructure"


def test_published_figures_table(dataset: Dataset) -> None:
    """Published figures keep their order, optional status and focus area, and sources."""
    rows = csv_rows(build(dataset, "csv", PROVENANCE)["published_figures.csv"])
    assert [
        (r["number"], r["measure"], r["status"], r["focus_area"], r["value"]) for r in rows
    ] == [
        ("1", "projects", "", "", "5"),
        ("2", "projects-by-status", "ongoing", "", "2"),
        ("3", "focus-area-share", "", "quality-environment", "40"),
    ]
    assert rows[1]["sources"] == "https://example.org/speech"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_is_deterministic(dataset: Dataset, fmt: str) -> None:
    """Two builds from the same data give byte-identical files."""
    assert build(dataset, fmt, PROVENANCE) == build(dataset, fmt, PROVENANCE)


def test_unknown_format_is_refused(dataset: Dataset) -> None:
    """A format outside FORMATS raises UnknownFormat naming the choices."""
    with pytest.raises(UnknownFormat, match=r"^unknown export format 'xls': choose from csv, json"):
        build(dataset, "xls", PROVENANCE)
