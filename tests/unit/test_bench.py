"""The bench's synthetic data: valid by construction, deterministic, in the real shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from ascn.validate import validate
from benchmarks import benchgen
from benchmarks.bench import measure_place, write_schemas
from benchmarks.benchreport import write_section
from benchmarks.benchrows import COLD, IN_TURNS, REPORT, Place, Row


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def test_generated_dataset_validates_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Five generated cities give no problem at all, not even a warning."""
    monkeypatch.chdir(tmp_path)
    count = benchgen.generate(5, seed=1, out=Path("data"))
    result = validate(Path("data"), current_year=2026)
    assert result.problems == []
    assert result.files == count == 1 + benchgen.SOURCES + 11 + 5 * 2 + 1


def test_a_larger_generated_dataset_keeps_the_year_rules(tmp_path: Path) -> None:
    """Eighty cities (partnerships across join years and project years) stay problem-free."""
    count = benchgen.generate(80, seed=2, out=tmp_path / "data")
    result = validate(tmp_path / "data", current_year=2026)
    assert (result.problems, result.files) == ([], count)


def test_generation_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    """The same size and seed give byte-identical files; another seed gives other files."""
    benchgen.generate(7, seed=3, out=tmp_path / "a")
    benchgen.generate(7, seed=3, out=tmp_path / "b")
    benchgen.generate(7, seed=4, out=tmp_path / "c")
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
    assert files_of(tmp_path / "a") != files_of(tmp_path / "c")


def test_plans_have_ten_projects_with_yearly_updates(tmp_path: Path) -> None:
    """Each plan has ten projects, each with at least one yearly update."""
    benchgen.generate(3, seed=1, out=tmp_path)
    result = validate(tmp_path, current_year=2026)
    for plan in result.dataset.plans.values():
        assert len(plan.projects) == benchgen.PROJECTS_PER_PLAN
        assert all(project.updates for project in plan.projects)


def test_schemas_for_check_jsonschema(tmp_path: Path) -> None:
    """One JSON Schema per record folder, from the models."""
    paths = write_schemas(tmp_path)
    assert sorted(paths) == [".", "cities", "countries", "partners", "plans", "sources"]
    assert all(path.read_text().startswith("{") for path in paths.values())


def test_write_section_keeps_the_text_around_the_markers(tmp_path: Path) -> None:
    """Only the generated part of BENCHMARKS.md is replaced."""
    path = tmp_path / "B.md"
    path.write_text("# Title\n<!-- s -->\nold\n<!-- e -->\nnotes\n")
    write_section(path, "new\n", "<!-- s -->", "<!-- e -->")
    assert path.read_text() == "# Title\n<!-- s -->\nnew\n<!-- e -->\nnotes\n"


def test_rows_a_target_compares_run_in_turns(tmp_path: Path) -> None:
    """Rows in IN_TURNS run alternately, run by run; the others one after the other."""
    log = tmp_path / "log"

    def row(name: str) -> Row:
        return Row(name, lambda place: [["sh", "-c", f'echo "{name}" >> "$0"', str(log)]])

    place = Place("test", tmp_path, 1, tmp_path, tmp_path / "cache")
    rows = [row(COLD), row("other"), row(REPORT)]
    timings = measure_place(rows, place, 3)
    assert [t.name for t in timings] == [COLD, "other", REPORT]
    assert [t.runs for t in timings] == [3, 3, 3]
    expected = [COLD, REPORT] * 3 + ["other"] * 3
    assert log.read_text(encoding="utf-8").split("\n")[:-1] == expected
    assert {COLD, REPORT} <= IN_TURNS
