"""`ascn match`, `ascn twinning` and `ascn pipeline` on the match fixture: exact output.

Each folder under tests/cases/match/ holds the command's arguments (args.txt) and its
exact output (expected.txt) on tests/fixtures/match/data, a small dataset built to pin the
scoring: a tie broken by name (Aardvark Works before Gamma Co at 5), a partner filtered
out by each hard filter (a Cambodian ministry for a Thai project, offers limited to another
country, another focus area, other stages, a smaller ticket, technical assistance only for
a project seeking funding; a partner already supporting the project), a partnership that
ended (`until: 2020`) and amounts in two currencies.
Refresh with `pytest --update-golden` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ascn.cli import app
from tests.conftest import REPO

CASES = sorted(p for p in (REPO / "tests" / "cases" / "match").iterdir() if p.is_dir())
FIXTURE = Path("tests") / "fixtures" / "match" / "data"


def _run(args: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(app, [*args, "--data", str(FIXTURE)])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_match_case(case: Path, monkeypatch: pytest.MonkeyPatch, update_golden: bool) -> None:
    """The case's command gives exactly its expected output on the fixture, exit 0."""
    code, out, _ = _run((case / "args.txt").read_text().split(), monkeypatch)
    expected = case / "expected.txt"
    if update_golden:
        expected.write_text(out)
    assert (code, out) == (0, expected.read_text())


def test_every_match_case_has_expected_output() -> None:
    """No match case folder is missing its expected.txt."""
    assert [c.name for c in CASES if not (c / "expected.txt").exists()] == []


def test_ties_are_broken_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two partners with the same score come in name order, whatever their ids."""
    _, out, _ = _run(["match", "project", "khon-kaen-tram", "--format", "json"], monkeypatch)
    candidates = json.loads(out)["candidates"]
    tied = [(c["partner"], c["score"]) for c in candidates if c["score"] == 5]
    assert tied == [("zeta-works", 5), ("gamma-co", 5)]


def test_the_same_data_gives_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two runs of the brief are byte-identical."""
    args = ["match", "--city", "khon-kaen", "--format", "md"]
    assert _run(args, monkeypatch)[1] == _run(args, monkeypatch)[1]


def test_unknown_project_cannot_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unknown project id exits 2 and says which id."""
    code, out, err = _run(["match", "project", "khon-kaen-metro"], monkeypatch)
    assert (code, out, err) == (2, "", "error: no project 'khon-kaen-metro' in any plan\n")


def test_unknown_weight_cannot_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """A --weight that names no component exits 2 and lists the weights."""
    code, _, err = _run(["match", "project", "khon-kaen-tram", "--weight", "size=3"], monkeypatch)
    assert code == 2
    assert "no weight named size: the weights are focus-area, offers, country, city, " in err


def test_match_without_a_target_cannot_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """`ascn match` with neither --city nor a subcommand exits 2."""
    assert _run(["match"], monkeypatch)[0] == 2


def test_year_outside_the_data_cannot_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """A year after the data's last exits 2, as in `ascn progress`."""
    code, _, err = _run(["twinning", "--year", "2031"], monkeypatch)
    assert code == 2
    assert err.startswith("error: no figures for 2031")
