"""The bench's synthetic data: valid by construction, deterministic, in the real shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from ascn.validate import validate
from benchmarks import benchgen
from benchmarks.bench import write_schemas
from benchmarks.benchreport import write_section


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
