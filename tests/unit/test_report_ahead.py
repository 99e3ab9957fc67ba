"""The report rendered by a forked helper while the checks run: the same bytes, or none.

`make bench` measures the speed; here only that the helper's texts are the report's, that
they are dropped when the checks find problems, and that no helper outlives the command.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ascn.cli import app
from ascn.load import parallel
from ascn.problems import Problem, Severity
from ascn.report import render
from ascn.report.ahead import RenderAhead, ReportJob, render_ahead
from ascn.validate import validate

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="needs fork and two cores")


def _job(data: Path) -> ReportJob:
    return ReportJob(2021, data, ("md", "html"), use_cache=False)


def test_helper_texts_are_the_report(report_fixture: Path) -> None:
    """A clean dataset's report comes from the helper, byte for byte the serial one."""
    dataset = validate(Path("data")).dataset
    ahead = RenderAhead(_job(Path("data")), min_files=0)
    ahead.start(dataset, 1)
    assert ahead._child is not None
    assert ahead.texts(dataset, []) == _job(Path("data")).render(dataset, [])


def test_problems_drop_the_helper(report_fixture: Path) -> None:
    """With a problem, the helper is stopped and the report lists it (rendered here)."""
    dataset = validate(Path("data")).dataset
    warning = Problem("data/cities/hue.yaml", 1, 1, "x-test", Severity.WARNING, "a test warning")
    ahead = RenderAhead(_job(Path("data")), min_files=0)
    ahead.start(dataset, 1)
    pid = ahead._child[0] if ahead._child else 0
    texts = ahead.texts(dataset, [warning])
    assert texts == _job(Path("data")).render(dataset, [warning])
    assert "a test warning" in str(texts["ascn-report-2021.md"])
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_an_early_exit_reaps_the_helper(report_fixture: Path) -> None:
    """Leaving the block before the texts are asked for stops and reaps the helper."""
    dataset = validate(Path("data")).dataset
    with render_ahead(_job(Path("data")), min_files=0) as ahead:
        ahead.start(dataset, 1)
        assert ahead._child is not None
        pid = ahead._child[0]
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_report_command_with_the_helper_is_identical(
    report_fixture: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`ascn report` writes the same files whether the helper renders them or not."""
    written = []
    for min_items in (0, 10**9):
        monkeypatch.setattr(parallel, "MIN_ITEMS", min_items)
        out = tmp_path / str(min_items)
        args = ["report", "--year", "2021", "--data", "data", "--out", str(out), "--no-cache"]
        assert CliRunner().invoke(app, args).exit_code == 0
        written.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert written[0] == written[1]


def test_report_command_staged_by_the_helper_is_identical(
    report_fixture: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Into an existing folder the helpers stage the files themselves: the same bytes, no
    temporary file left, with the second format rendered by the helper's own helper."""
    monkeypatch.setattr(render, "PARALLEL_FROM_CITIES", 0)
    written = []
    for min_items in (0, 10**9):
        monkeypatch.setattr(parallel, "MIN_ITEMS", min_items)
        out = tmp_path / str(min_items)
        out.mkdir()
        args = ["report", "--year", "2021", "--data", "data", "--out", str(out), "--no-cache"]
        assert CliRunner().invoke(app, args).exit_code == 0
        written.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert written[0] == written[1]
    assert sorted(written[0]) == ["ascn-report-2021.html", "ascn-report-2021.md"]


def test_problems_remove_what_the_helper_staged(report_fixture: Path, tmp_path: Path) -> None:
    """With a problem the staged files are removed and the report is written with it."""
    dataset = validate(Path("data")).dataset
    warning = Problem("data/cities/hue.yaml", 1, 1, "x-test", Severity.WARNING, "a test warning")
    job = dataclasses.replace(_job(Path("data")), out=tmp_path)
    ahead = RenderAhead(job, min_files=0)
    ahead.start(dataset, 1)
    assert ahead._child is not None
    # Once it has ended (not reaped), both files are staged: they are there to be removed.
    os.waitid(os.P_PID, ahead._child[0], os.WEXITED | os.WNOWAIT)
    assert len(list(tmp_path.iterdir())) == 2
    paths = ahead.write(dataset, [warning])
    assert paths == [tmp_path / "ascn-report-2021.html", tmp_path / "ascn-report-2021.md"]
    assert sorted(tmp_path.iterdir()) == paths
    assert "a test warning" in paths[1].read_text(encoding="utf-8")
