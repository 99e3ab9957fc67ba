"""Bench rows for the writers' worst cases (issue 12): `fmt` reordering every mapping of a
plan with a comment per project, and `update` adding a status to a large plan, each at two
sizes four times apart, so that BENCHMARKS.md shows how they grow (4x is linear)."""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.benchtime import Timing, measure

FMT_SIZES = (100, 400)
UPDATE_SIZES = (1000, 4000)
FMT_ROW = "ascn fmt --check, every mapping reordered, a comment per project"
UPDATE_ROW = "ascn update, a new status in a large plan"
ENV = {"ASCN_NOW": "2026"}  # the years in the plans are checked against it
_BASE = {
    "network.yaml": "name: ASEAN Smart Cities Network\nfounded: 2018\n",
    "countries/vn.yaml": "iso2: VN\nname: Viet Nam\n",
    "cities/da-nang.yaml": "id: da-nang\nname: Da Nang\ncountry: VN\njoined: 2018\n",
}


def plan_dataset(folder: Path, projects: int, *, shuffled: bool) -> Path:
    """A dataset whose one plan has `projects` projects (keys out of order if `shuffled`)."""
    shutil.rmtree(folder, ignore_errors=True)
    for name, text in _BASE.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    lines = ["# yaml-language-server: $schema=../../schema/plan.schema.json", "city: da-nang"]
    lines.append("projects:")
    for n in range(projects):
        lines += _project(n, shuffled)
    (folder / "plans").mkdir()
    (folder / "plans" / "da-nang.yaml").write_text("\n".join(lines) + "\n")
    return folder


def _project(n: int, shuffled: bool) -> list[str]:
    if shuffled:
        return [
            f"  # project {n}",
            "  - first_listed: 2018",
            f"    title: Project {n}",
            f"    id: da-nang-p{n}",
            "    focus_area: quality-environment",
            "    updates:",
            "      - status: ongoing",
            "        year: 2022",
        ]
    return [
        f"  - id: da-nang-p{n}",
        f"    title: Project {n}",
        "    focus_area: quality-environment",
        "    first_listed: 2018",
        "    updates:",
        "      - year: 2022",
        "        status: ongoing",
    ]


def writer_rows(root: Path, ascn: list[str], runs: int) -> list[Timing]:
    """The fmt and update rows at both sizes."""
    timings = []
    for size in FMT_SIZES:
        data = plan_dataset(root / f"fmt-{size}" / "data", size, shuffled=True)
        argv = [*ascn, "fmt", "--check", "--data", str(data)]
        timings.append(measure(f"plan of {size:,} projects", FMT_ROW, [argv], runs, env=ENV))
    for size in UPDATE_SIZES:
        pristine = plan_dataset(root / f"update-{size}" / "pristine", size, shuffled=False)
        data = root / f"update-{size}" / "data"
        reset = ["cp", "-R", f"{pristine}/.", str(data)]  # every run adds the same status
        update = [*ascn, "update", "--data", str(data), "--project", "da-nang-p1"]
        update += ["--year", "2024", "--status", "completed"]
        label = f"plan of {size:,} projects"
        timings.append(measure(label, UPDATE_ROW, [reset, update], runs, env=ENV))
    return timings
