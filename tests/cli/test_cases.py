"""Case folders: each dataset under tests/cases/ and the exact output `ascn validate` gives.

`valid/` and `warnings/` cases exit 0, `invalid/` and `hostile/` cases (and any case
run with --strict in its args.txt) exit 1. Hostile cases too large to commit are built
at test time (tests/cli/hostile.py). Refresh expected.txt with `pytest --update-golden`
and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ascn.cli import app
from tests.cli.hostile import prepare

CASES = Path(__file__).resolve().parents[1] / "cases"


def _validate_case(case: Path) -> bool:
    """Cases that run another command (a `command` file) or whose output is too large to
    keep (`expected.sha256`) run only as bounded processes, in test_hostile."""
    return case.is_dir() and not any((case / n).exists() for n in ("command", "expected.sha256"))


ALL_CASES = sorted(
    p
    for group in ("valid", "warnings", "invalid", "hostile")
    for p in (CASES / group).iterdir()
    if _validate_case(p)
)


def expected_exit(case: Path, args: list[str]) -> int:
    """1 for invalid and hostile cases and strict runs, else 0."""
    return 1 if case.parent.name in ("invalid", "hostile") or "--strict" in args else 0


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case(
    case: Path, monkeypatch: pytest.MonkeyPatch, update_golden: bool, tmp_path: Path
) -> None:
    """The case's dataset gives exactly its expected output and exit code."""
    monkeypatch.chdir(prepare(case, tmp_path))
    args_file = case / "args.txt"
    args = args_file.read_text().split() if args_file.exists() else []
    result = CliRunner().invoke(app, ["validate", "--data", "data", *args])
    expected = case / "expected.txt"
    if update_golden:
        expected.write_text(result.stdout)
    assert result.stdout == expected.read_text()
    assert result.exit_code == expected_exit(case, args)


def test_every_case_has_expected_output() -> None:
    """No case folder is missing its expected.txt (a new case needs --update-golden once)."""
    assert [case.name for case in ALL_CASES if not (case / "expected.txt").exists()] == []
