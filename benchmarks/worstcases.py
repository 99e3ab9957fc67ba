"""Worst cases that must stay near linear: each is timed at a small and a 10x larger size.

A case builds a dataset of size n under a folder and names the command to time; the bench
reports both timings and their growth ratio (linear: about 10x; quadratic: about 100x).
Run just these rows with `python -m benchmarks.bench worst [NAME ...]`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.benchtime import Timing, measure

SOURCE_HEAD = "id: many-keys\ntitle: A source with many unknown fields\nkind: official\n"


@dataclass(frozen=True)
class WorstCase:
    """A named worst case: sizes to compare, how to build it, the ascn arguments to time."""

    name: str
    sizes: tuple[int, int]
    build: Callable[[int, Path], None]
    args: Callable[[Path], list[str]]
    exit_code: int


def many_unknown_keys(n: int, data: Path) -> None:
    """One source file with `n` unknown keys (30,000 keys: a 300 KB file, 30,000 problems)."""
    folder = data / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    keys = "".join(f"k{i:05d}: 1\n" for i in range(n))
    (folder / "many-keys.yaml").write_text(SOURCE_HEAD + keys, encoding="utf-8")


CASES = (
    WorstCase(
        "locate many problems in one file (unknown keys)",
        (3_000, 30_000),
        many_unknown_keys,
        lambda data: ["validate", "--data", str(data), "--no-cache"],
        exit_code=1,
    ),
)


def label(case: WorstCase, n: int) -> str:
    """The dataset column of a worst case's row."""
    return f"worst case, n = {n:,}"


def rows(
    ascn: Callable[..., list[str]], folder: Path, runs: int, only: list[str] | None = None
) -> list[Timing]:
    """Both sizes of every (or every named) worst case, built fresh under `folder`."""
    timings = []
    for case in CASES:
        if only and not any(word in case.name for word in only):
            continue
        for n in case.sizes:
            data = folder / f"{n}" / "data"
            shutil.rmtree(data.parent, ignore_errors=True)
            case.build(n, data)
            timings.append(measure(label(case, n), case.name, [ascn(*case.args(data))], runs))
    return timings


def growth(timings: list[Timing]) -> list[str]:
    """A Markdown table: each case's two timings and their ratio (10x sizes: linear ~10x)."""
    lines = ["| worst case | small s | large s | size ratio | time ratio | exits |"]
    lines.append("| --- | ---: | ---: | ---: | ---: | --- |")
    for case in CASES:
        small, large = (
            next((t for t in timings if t.name == case.name and t.dataset == label(case, n)), None)
            for n in case.sizes
        )
        if small is None or large is None or not small.seconds or large.seconds is None:
            continue
        exits = ",".join(map(str, sorted({*small.exits, *large.exits})))
        lines.append(
            f"| {case.name}, n = {case.sizes[0]:,} vs {case.sizes[1]:,} | {small.seconds:.2f} "
            f"| {large.seconds:.2f} | {case.sizes[1] / case.sizes[0]:.0f}x "
            f"| {large.seconds / small.seconds:.1f}x | {exits} |"
        )
    return lines
