"""Hostile input: every case ends in its exact problems, quickly, in bounded memory.

Each case of tests/cases/hostile/ runs as a real process (`python -m ascn validate`)
so that its time and peak memory can be bounded: these are safety limits (no hang,
no blow-up, no traceback), not performance targets, which `make bench` checks.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ascn.cli import app
from ascn.load import discovery, filecheck
from ascn.validate import validate
from tests.cli.hostile import prepare

HOSTILE = Path(__file__).resolve().parents[1] / "cases" / "hostile"
CASES = sorted(p for p in HOSTILE.iterdir() if p.is_dir())
MAX_SECONDS = 10.0
MAX_PEAK_MB = 300


# A child forked from pytest starts with pytest's memory as its peak (Linux keeps the old
# address space's high-water mark across exec), so a large test process would fail every
# bound. A small launcher forks the command instead and reports the command's own peak.
LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_bounded(
    folder: Path, out: Path, args: list[str] | None = None
) -> tuple[str, str, int, float, float]:
    """stdout, stderr, exit code, wall seconds and peak MB of `ascn ARGS` in `folder`
    (default `ascn validate --data data`)."""
    argv = [sys.executable, "-m", "ascn", *(args or ["validate", "--data", "data"])]
    peak = out / "peak-kb"
    launcher = [sys.executable, "-c", LAUNCHER, str(peak), *argv]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    start = time.perf_counter()
    with (out / "stdout").open("wb") as stdout, (out / "stderr").open("wb") as stderr:
        process = subprocess.Popen(
            launcher, cwd=folder, stdout=stdout, stderr=stderr, env=env, start_new_session=True
        )
        while process.poll() is None:
            if time.perf_counter() - start > 6 * MAX_SECONDS:
                os.killpg(process.pid, signal.SIGKILL)  # a hang: the bound fails the test
            time.sleep(0.005)
    seconds = time.perf_counter() - start
    texts = [(out / name).read_text() for name in ("stdout", "stderr")]
    peak_kb = int(peak.read_text()) if peak.exists() else 0
    return texts[0], texts[1], process.returncode, seconds, peak_kb / 1024


def _expected(case: Path, out: str, update: bool) -> tuple[str, str]:
    """The output to compare and what it must be: expected.txt, or for a very large output
    the SHA-256 of it (expected.sha256) with its first lines kept readable (expected-head.txt)."""
    digest = case / "expected.sha256"
    if digest.exists():
        if update:
            digest.write_text(hashlib.sha256(out.encode()).hexdigest() + "\n")
            (case / "expected-head.txt").write_text("".join(out.splitlines(True)[:40]))
        return hashlib.sha256(out.encode()).hexdigest() + "\n", digest.read_text()
    if update:
        (case / "expected.txt").write_text(out)
    return out, (case / "expected.txt").read_text()


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_hostile_case_is_bounded(case: Path, tmp_path: Path, update_golden: bool) -> None:
    """Exact expected output and exit code (1 unless the case's `exit` file says otherwise),
    nothing on stderr unless expected, no traceback, within the time and memory bounds.
    A case's `command` file holds the arguments (one per line) when it is not `validate`."""
    output = tmp_path / "output"
    output.mkdir()
    command = case / "command"
    args = command.read_text().splitlines() if command.exists() else None
    out, err, code, seconds, peak_mb = run_bounded(prepare(case, tmp_path), output, args)
    expected_err = case / "expected-stderr.txt"
    expected_code = int((case / "exit").read_text()) if (case / "exit").exists() else 1
    got, want = _expected(case, out, update_golden)
    assert (got, err, code) == (
        want,
        expected_err.read_text() if expected_err.exists() else "",
        expected_code,
    )
    assert seconds < MAX_SECONDS
    assert peak_mb < MAX_PEAK_MB


def test_unreadable_case_simulated(monkeypatch: pytest.MonkeyPatch, update_golden: bool) -> None:
    """As root (CI) nothing is unreadable: permission errors are simulated, same output."""
    monkeypatch.chdir(HOSTILE / "unreadable")
    real_open, real_list = filecheck.open_file, discovery.scan_folder

    def open_file(path: Path) -> int:
        if path.name == "da-nang.yaml" and path.parent.name == "cities":
            raise PermissionError(13, "Permission denied")
        return real_open(path)

    def scan_folder(path: Path) -> list[tuple[str, bool]]:
        if path.name == "partners":
            raise PermissionError(13, "Permission denied")
        return real_list(path)

    monkeypatch.setattr(filecheck, "open_file", open_file)
    monkeypatch.setattr(discovery, "scan_folder", scan_folder)
    result = CliRunner().invoke(app, ["validate", "--data", "data"])
    if update_golden:
        Path("expected.txt").write_text(result.stdout)
    assert (result.stdout, result.exit_code) == (Path("expected.txt").read_text(), 1)


def test_a_50_mb_file_is_never_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The size cap is checked with stat(): the huge file is not opened, let alone read."""
    folder = prepare(HOSTILE / "huge-file", tmp_path)
    monkeypatch.chdir(folder)
    opened: list[str] = []
    real_open = filecheck.open_file

    def open_file(path: Path) -> int:
        opened.append(path.name)
        return real_open(path)

    monkeypatch.setattr(filecheck, "open_file", open_file)
    [problem] = validate(Path("data"), current_year=2026).problems
    assert problem.code == "file-too-large"
    assert "huge.yaml" not in opened


def test_escapes_keep_one_character_per_character() -> None:
    """Control characters in file names become visible escapes, undecodable bytes too."""
    assert discovery.printable("x\x1b[2Jy") == "x\\x1b[2Jy"
    assert discovery.printable("caf\udce9") == "caf\\xe9"
    assert discovery.printable("da-nang") == "da-nang"
