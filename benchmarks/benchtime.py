"""Whole-process timings for the bench: wall time and each command's own peak memory.

Peak memory: a child forked from the bench starts as a copy of the bench process, and
Linux keeps that copy's resident size in the child's peak even after exec (so
`python -c pass` showed 33 MB, the bench's own size, not its 11 MB). Each command is
therefore started by GNU time (`/usr/bin/time -f %M`), a small C program, which
reports the peak of the exact command it ran (with the command's own helpers, such
as ascn's forked second-core helper). Without GNU time the bench falls back to
wait4() and says so in the table ("peak MB" then includes the bench's size).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_S = 900
GNU_TIME = Path("/usr/bin/time")


@dataclass(frozen=True)
class Timing:
    """The median wall time and the peak memory of one command on one dataset."""

    dataset: str
    name: str
    seconds: float | None  # None: skipped
    peak_mb: float | None
    runs: int
    exits: tuple[int, ...] = ()
    note: str = ""


def own_peak_available() -> bool:
    """Whether each command's own peak memory can be measured (GNU time is installed)."""
    return GNU_TIME.is_file() and os.access(GNU_TIME, os.X_OK)


def skipped(dataset: str, name: str, why: str) -> Timing:
    """A row that was not measured, and why."""
    return Timing(dataset, name, None, None, 0, note=f"skipped: {why}")


def run_once(argvs: list[list[str]], env: dict[str, str]) -> tuple[float, int, list[int]]:
    """Run `argvs` one after the other: total wall seconds, largest peak KiB, exit codes."""
    total, peak, codes = 0.0, 0, []
    for argv in argvs:
        seconds, peak_kb, code = _one_process(argv, env)
        total += seconds
        peak = max(peak, peak_kb)
        codes.append(code)
    return total, peak, codes


def summarise(dataset: str, name: str, results: list[tuple[float, int, list[int]]]) -> Timing:
    """The median of the runs' totals and the largest peak."""
    exits = sorted({code for _, _, codes in results for code in codes})
    peak_mb = max(peak for _, peak, _ in results) / 1024
    seconds = statistics.median(total for total, _, _ in results)
    return Timing(dataset, name, seconds, peak_mb, len(results), tuple(exits))


def measure(
    dataset: str,
    name: str,
    argvs: list[list[str]],
    runs: int,
    *,
    env: dict[str, str] | None = None,
) -> Timing:
    """Run `argvs` `runs` times (rows outside benchrows.ROWS, such as the worst cases).

    Each run gets an empty result cache of its own, so every run is cold.
    """
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="ascn-cache-") as cache:
            full = {**os.environ, "NO_COLOR": "1", "ASCN_CACHE_DIR": cache, **(env or {})}
            results.append(run_once(argvs, full))
    return summarise(dataset, name, results)


def _one_process(argv: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Wall seconds, the command's own peak resident KiB, and its exit code."""
    if not own_peak_available():
        return _waited(argv, env)
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as report:
        wrapped = [str(GNU_TIME), "-f", "%M", "-o", report.name, *argv]
        seconds, _, code = _waited(wrapped, env)
        text = Path(report.name).read_text().strip().splitlines()
    # GNU time prints "Command exited with non-zero status N" before the figure.
    peak = int(text[-1]) if text and text[-1].isdigit() else 0
    return seconds, peak, code


def _waited(argv: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    start = time.perf_counter()
    process = subprocess.Popen(
        argv,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    deadline = start + TIMEOUT_S
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
        time.sleep(0.002)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss, process.returncode
