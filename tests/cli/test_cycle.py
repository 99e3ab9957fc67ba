"""A year in the life (issue 8): the 2026 cycle played through the CLI on a copy of data/.

A new city with its plan and a project, the year's statuses with a completion, a
partnership that ends; refused writes leave every file byte-identical; two updates at once
both land; then the dataset validates, is formatted, matches the schema, and the figures
and the report for 2026 carry earlier completions forward.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ascn.cli import app
from ascn.load.yamlread import compose, construct
from tests.conftest import REPO

YEAR = 2026
CITY = "cycle-town"  # a made-up member city: the copy is thrown away after the test
Snapshot = dict[str, bytes]


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/ and schema/ in the current directory; the clock says 2026."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copytree(REPO / "schema", tmp_path / "schema")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ASCN_NOW", str(YEAR))
    return tmp_path / "data"


def ascn(*args: str) -> Any:
    """Run one command in-process; stdout and stderr apart."""
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def snapshot(data: Path) -> Snapshot:
    """Every file of the dataset with its bytes."""
    return {
        str(p.relative_to(data)): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()
    }


def plans(data: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every plan's file stem and plain data, read independently of the figures code."""
    for path in sorted((data / "plans").glob("*.yaml")):
        yield path.stem, construct(compose(path.read_text(encoding="utf-8")))


def projects(data: Path) -> Iterator[dict[str, Any]]:
    """Every project of every plan."""
    for _, plan in plans(data):
        yield from plan.get("projects", [])


def statuses(project: dict[str, Any]) -> dict[int, str]:
    """A project's updates as {year: status}."""
    return {u["year"]: u["status"] for u in project.get("updates", [])}


def ongoing_project(data: Path, skip: int = 0) -> str:
    """An ongoing project (last status ongoing, nothing recorded for 2026)."""
    found = [
        p["id"]
        for p in projects(data)
        if statuses(p) and max(statuses(p)) < YEAR and statuses(p)[max(statuses(p))] == "ongoing"
    ]
    return found[skip]


def completed_before(data: Path) -> list[str]:
    """Projects completed before 2026 and not removed since: 2026 counts them as completed."""
    return [
        p["id"]
        for p in projects(data)
        if any(s == "completed" and y < YEAR for y, s in statuses(p).items())
        and "removed" not in statuses(p).values()
    ]


def new_city_plan_and_project(data: Path) -> None:
    """Cycle step: a city joins in 2026 with its plan and first project."""
    city = ascn(
        "new",
        "city",
        "--id",
        CITY,
        "--name",
        "Cycle Town",
        "--country",
        "VN",
        "--joined",
        str(YEAR),
    )
    plan = ascn("new", "plan", "--city", CITY)
    project = ascn(
        "new", "project", "--city", CITY, "--id", f"{CITY}-smart-lighting", "--title",
        "Smart Lighting", "--focus-area", "built-infrastructure", "--first-listed", str(YEAR),
    )  # fmt: skip
    assert [r.exit_code for r in (city, plan, project)] == [0, 0, 0], [
        city.stderr,
        plan.stderr,
        project.stderr,
    ]
    assert (data / "cities" / f"{CITY}.yaml").is_file()


def end_a_partnership(data: Path) -> str:
    """Cycle step: a focal point adds `until: 2025` to an open partnership, in the browser."""
    for path in sorted((data / "partners").glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines):
            if line.startswith("    since: ") and int(line.split()[1]) < YEAR - 1:
                block = lines[
                    number : next(
                        (n for n in range(number + 1, len(lines)) if lines[n].startswith("  - ")),
                        len(lines),
                    )
                ]
                if not any(item.startswith("    until:") for item in block):
                    lines.insert(number + 1, f"    until: {YEAR - 1}")
                    path.write_text("\n".join(lines), encoding="utf-8")
                    return path.stem
    raise AssertionError("no open partnership to end")


def active_partnerships(year: int) -> int:
    """progress --format json: the partnerships active in `year`."""
    result = ascn("progress", "--year", str(year), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return int(json.loads(result.stdout)["partnerships"]["total"])


REFUSED = [
    # a year that has not begun
    (["update", "--project", "{ongoing}", "--year", str(YEAR + 1), "--status", "ongoing"], 1),
    # ongoing again after completed
    (["update", "--project", "{completed}", "--year", str(YEAR), "--status", "ongoing"], 1),
    # a partner in a country that does not exist
    (
        [
            "new",
            "partner",
            "--id",
            "kotra",
            "--name",
            "KOTRA",
            "--kind",
            "government",
            "--country",
            "XX",
        ],
        1,
    ),
    # a city in a country that is not a member state
    (["new", "city", "--id", "hue", "--name", "Hue", "--country", "XX", "--joined", "2018"], 2),
    # ids that are paths
    (
        [
            "new",
            "project",
            "--city",
            "../cities/da-nang",
            "--id",
            "da-nang-x",
            "--title",
            "X",
            "--focus-area",
            "built-infrastructure",
            "--first-listed",
            "2024",
        ],
        2,
    ),
    (
        ["new", "city", "--id", "../plans/x", "--name", "X", "--country", "VN", "--joined", "2018"],
        2,
    ),
    (["update", "--project", "da-nang/../x", "--year", str(YEAR), "--status", "ongoing"], 2),
    # personal data in a public note
    (
        [
            "update",
            "--project",
            "{ongoing}",
            "--year",
            str(YEAR),
            "--status",
            "ongoing",
            "--note",
            "Call +84 236 3822 111",
        ],
        1,
    ),
]


def test_the_2026_cycle(copy: Path) -> None:
    """New city, statuses with a completion, an ended partnership; refusals change nothing."""
    data = copy
    earlier = completed_before(data)
    ongoing, other = ongoing_project(data), ongoing_project(data, 1)
    active_before = active_partnerships(YEAR)
    new_city_plan_and_project(data)
    done = ascn("update", "--project", ongoing, "--year", str(YEAR), "--status", "completed")
    planned = ascn(
        "update", "--project", f"{CITY}-smart-lighting", "--year", str(YEAR), "--status", "planning"
    )
    assert (done.exit_code, planned.exit_code) == (0, 0), [done.stderr, planned.stderr]
    end_a_partnership(data)
    for args, code in REFUSED:
        before = snapshot(data)
        filled = [a.format(ongoing=other, completed=earlier[0]) for a in args]
        result = ascn(*filled)
        assert (result.exit_code, snapshot(data) == before) == (code, True), (filled, result.stderr)
    assert ascn("validate").exit_code == 0
    figures = json.loads(ascn("progress", "--year", str(YEAR), "--format", "json").stdout)
    assert (figures["projects"]["by_status"]["completed"], figures["projects"]["completed"]) == (
        len(earlier) + 1,
        1,
    )
    assert active_partnerships(YEAR) == active_before - 1
    report = ascn("report", "--year", str(YEAR), "--out", "reports")
    assert (report.exit_code, report.stdout) == (
        0,
        "reports/ascn-report-2026.html\nreports/ascn-report-2026.md\n",
    )
    for check in (["validate"], ["fmt", "--check"], ["schema", "--check"]):
        assert ascn(*check).exit_code == 0, check


def test_two_updates_at_once_both_land(copy: Path) -> None:
    """Two processes record statuses in one plan at the same time: neither edit is lost."""
    stem, ids = next((s, ids) for s, ids in _open_projects(copy) if len(ids) >= 2)
    ids = ids[:2]
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ascn",
                "update",
                "--project",
                project_id,
                "--year",
                str(YEAR),
                "--status",
                "planning-or-ongoing",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for project_id in ids
    ]
    errors = [run.communicate(timeout=120)[1] for run in runs]
    outcomes = [(run.returncode, error) for run, error in zip(runs, errors, strict=True)]
    assert outcomes == [(0, b""), (0, b"")]
    after = construct(compose((copy / "plans" / f"{stem}.yaml").read_text(encoding="utf-8")))
    recorded = [statuses(p).get(YEAR) for p in after["projects"] if p["id"] in ids]
    assert recorded == ["planning-or-ongoing"] * 2


def _open_projects(data: Path) -> Iterator[tuple[str, list[str]]]:
    """Each plan with its projects whose last status is ongoing."""
    for stem, plan in plans(data):
        last = [(p["id"], statuses(p)) for p in plan.get("projects", [])]
        yield stem, [i for i, s in last if s and s[max(s)] == "ongoing" and max(s) < YEAR]
