"""`ascn export` on the command line: files written, paths printed, refusals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import DatasetBuilder

DATA = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "portal" / "data"


def test_export_geojson_writes_and_prints_the_file(run_ascn: Any, tmp_path: Path) -> None:
    """The command writes cities.geojson into --out and prints its path."""
    out = tmp_path / "out"
    result = run_ascn(["export", "--format", "geojson", "--data", str(DATA), "--out", str(out)])
    assert result.exit_code == 0
    assert result.stdout == f"{out / 'cities.geojson'}\n"


def test_export_stops_on_data_errors(run_ascn: Any, make_dataset: DatasetBuilder) -> None:
    """A dataset with errors exits 1 and writes nothing."""
    data = make_dataset(**{"cities/da-nang.yaml": "id: da-nang\nname: Da Nang\ncountry: VN\n"})
    result = run_ascn(["export", "--format", "csv", "--data", str(data), "--out", "out"])
    assert result.exit_code == 1
    assert not Path("out").exists()


def test_export_refuses_an_unknown_format(run_ascn: Any) -> None:
    """--format outside the list is a usage error (exit 2)."""
    result = run_ascn(["export", "--format", "xls", "--data", str(DATA)])
    assert result.exit_code == 2


def test_excel_with_another_format_is_refused(run_ascn: Any) -> None:
    """--excel only means something for CSV: with another format it is a usage error."""
    result = run_ascn(["export", "--format", "json", "--excel", "--data", str(DATA)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for --excel: --excel applies to --format csv only"
    )
