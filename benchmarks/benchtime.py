"""Whole-process timings for the bench: wall time and peak memory of each run."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from dataclasses import dataclass

TIMEOUT_S = 900


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


def measure(
    dataset: str,
    name: str,
    argvs: list[list[str]],
    runs: int,
    *,
    env: dict[str, str] | None = None,
    skip: bool = False,
) -> Timing:
    """Run `argvs` one after the other, `runs` times; the median total and the largest peak."""
    if skip:
        return Timing(dataset, name, None, None, 0, note="skipped: command not available yet")
    env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    totals, peaks, exits = [], [], set()
    for _ in range(runs):
        seconds, peak_kb, codes = _run_once(argvs, env)
        totals.append(seconds)
        peaks.append(peak_kb)
        exits.update(codes)
    peak_mb = max(peaks) / 1024
    return Timing(dataset, name, statistics.median(totals), peak_mb, runs, tuple(sorted(exits)))


def _run_once(argvs: list[list[str]], env: dict[str, str]) -> tuple[float, int, list[int]]:
    total, peak, codes = 0.0, 0, []
    for argv in argvs:
        seconds, peak_kb, code = _one_process(argv, env)
        total += seconds
        peak = max(peak, peak_kb)
        codes.append(code)
    return total, peak, codes


def _one_process(argv: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Wall seconds, peak resident KiB (of the process and its children) and exit code."""
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
