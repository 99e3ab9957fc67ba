"""`ascn validate` from the command line: formats, exit codes, the shipped data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ascn.cli import app
from ascn.console import render_github, render_text
from ascn.problems import Problem, Severity

REPO = Path(__file__).resolve().parents[2]
CASES = REPO / "tests" / "cases"


def run(args: list[str]) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of an in-process CLI run."""
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def in_case(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the unknown-field-typo case folder."""
    monkeypatch.chdir(CASES / "invalid" / "unknown-field-typo")


@pytest.mark.usefixtures("in_case")
def test_json_format_matches_the_contract() -> None:
    """--format json prints exactly the DESIGN.md shape, keys sorted."""
    code, out, _ = run(["validate", "--format", "json"])
    assert code == 1
    assert json.loads(out) == {
        "version": 1,
        "ok": False,
        "files": 7,
        "problems": [
            {
                "severity": "error",
                "code": "unknown-field",
                "file": "data/cities/da-nang.yaml",
                "line": 5,
                "column": 1,
                "message": "city Da Nang: unknown field 'populaton'",
                "hint": "did you mean 'population'?",
            }
        ],
    }
    assert out == json.dumps(json.loads(out), indent=2, sort_keys=True) + "\n"


@pytest.mark.usefixtures("in_case")
def test_github_format_prints_workflow_commands() -> None:
    """--format github prints one ::error annotation per problem and a summary."""
    code, out, _ = run(["validate", "--format", "github"])
    assert code == 1
    assert out == (
        "::error file=data/cities/da-nang.yaml,line=5,col=1,title=unknown-field::"
        "city Da Nang: unknown field 'populaton' (hint: did you mean 'population'?)\n"
        "1 error, 0 warnings in 7 files.\n"
    )


def test_github_format_escapes_newlines_and_separators() -> None:
    """Property values escape ':' and ','; messages escape '%' and newlines."""
    problem = Problem("a,b:c.yaml", 1, 2, "x", Severity.WARNING, "100%\nsure")
    assert render_github([problem], 1).splitlines()[0] == (
        "::warning file=a%2Cb%3Ac.yaml,line=1,col=2,title=x::100%25%0Asure"
    )


def test_json_for_a_clean_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clean dataset gives ok: true and no problems."""
    monkeypatch.chdir(CASES / "valid" / "minimal")
    code, out, _ = run(["validate", "--format", "json"])
    assert (code, json.loads(out)) == (0, {"version": 1, "ok": True, "files": 7, "problems": []})


def test_warnings_alone_keep_ok_true(monkeypatch: pytest.MonkeyPatch) -> None:
    """Warnings do not make ok false; --strict makes the exit code 1."""
    monkeypatch.chdir(CASES / "warnings" / "focus-area-not-in-plan")
    code, out, _ = run(["validate", "--format", "json"])
    assert (code, json.loads(out)["ok"]) == (0, True)
    assert run(["validate", "--format", "json", "--strict"])[0] == 1


def test_missing_data_directory_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A missing --data directory is 'could not run': exit 2, message on stderr."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["validate", "--data", "nowhere"])
    assert (code, out, err) == (2, "", "error: data directory not found: nowhere\n")


def test_unknown_format_is_a_usage_error() -> None:
    """A bad option value exits 2, as Click usage errors do."""
    assert run(["validate", "--format", "xml"])[0] == 2


def test_help_shows_an_example() -> None:
    """--help of validate includes an example line."""
    code, out, _ = run(["validate", "--help"])
    assert code == 0
    assert "Example: ascn validate --data data --format github" in out


def test_shipped_data_validates_clean_as_a_whole_process() -> None:
    """The real dataset in data/ has no errors, run as users run it (no count pinned: the
    data grows every year; the real clock, as CI uses it)."""
    env = {k: v for k, v in os.environ.items() if k != "ASCN_NOW"}
    result = subprocess.run(
        [sys.executable, "-m", "ascn", "validate", "--data", "data", "--format", "json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    document = json.loads(result.stdout)
    errors = [p for p in document["problems"] if p["severity"] == "error"]
    assert (result.returncode, document["ok"], errors) == (0, True, [])


def test_text_format_keeps_a_space_after_a_long_position() -> None:
    """A column past 9,999 does not run into the severity."""
    problem = Problem("a.yaml", 4, 500008, "yaml-syntax", Severity.ERROR, "bad")
    assert render_text([problem], 1).splitlines()[1] == "  4:500008 error   bad  (yaml-syntax)"
