"""The bench's Markdown: machine, timings with ratios, and the targets of issue 5."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from benchmarks import worstcases
from benchmarks.benchrows import (
    BROKEN,
    CAT,
    CHANGED,
    COLD,
    DIFF_START,
    EMPTY_PYTHON,
    EXPLAIN,
    FLOOR,
    HELP,
    HISTORY_START,
    JSONSCHEMA,
    REAL,
    REPORT,
    WARM,
    YAMLLINT,
)
from benchmarks.benchtime import Timing, own_peak_available
from benchmarks.benchwriters import FMT_ROW, UPDATE_ROW

PACKAGES = (
    "ruamel.yaml",
    "ruamel.yaml.clib",
    "pydantic",
    "pydantic-core",
    "typer",
    "rich",
    "jinja2",
    "pyyaml",
    "yamllint",
    "check-jsonschema",
)


def render(timings: list[Timing], load: float, load_after: float | None = None) -> str:
    """The whole generated section: machine, timings table, targets table."""
    after = "" if load_after is None else f", when it ended: {load_after:.2f}"
    peaks = (
        "each command's own (GNU time)"
        if own_peak_available()
        else "from wait4(), including the bench's own size (GNU time missing)"
    )
    lines = [
        *_machine(),
        f"- load average (1 min) when the bench started: {load:.2f}{after}",
        f"- peak MB: {peaks}",
    ]
    growth = [
        "",
        "Worst cases at two sizes (linear growth: about 10x):",
        "",
        *worstcases.growth(timings),
    ]
    return "\n".join([*lines, "", *_table(timings), "", *_targets(timings), *growth]) + "\n"


def write_section(path: Path, text: str, start: str, end: str) -> None:
    """Replace what lies between the markers in `path` (or create it with the section)."""
    section = f"{start}\n{text}{end}"
    old = path.read_text(encoding="utf-8") if path.exists() else f"{start}\n{end}\n"
    before, _, rest = old.partition(start)
    _, _, after = rest.partition(end)
    path.write_text(before + section + after, encoding="utf-8")


def _machine() -> Iterator[str]:
    cpu = _cpu_model()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    yield f"Measured by `make bench` at commit `{_commit()}`."
    yield ""
    yield f"- machine: {cpu}, {cores} cores, {platform.system()} {platform.machine()}"
    yield f"- Python {platform.python_version()} ({sys.implementation.name})"
    yield "- " + ", ".join(f"{name} {_version(name)}" for name in PACKAGES)
    unwritten = " (PYTHONDONTWRITEBYTECODE is set here)" if sys.dont_write_bytecode else ""
    yield f"- ascn's bytecode compiled before timing, as an installed package has it{unwritten}"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _commit() -> str:
    done = subprocess.run(
        ["git", "describe", "--always", "--dirty"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or "unknown"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _table(timings: list[Timing]) -> Iterator[str]:
    yield (
        "| dataset | command | median s | peak MB | x C floor | x cat | yamllint / this "
        "| check-jsonschema / this | runs | exit |"
    )
    yield "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
    by_name = {(t.dataset, t.name): t.seconds for t in timings}
    for t in timings:
        if t.seconds is None:
            yield f"| {t.dataset} | {t.name} | - | - | - | - | | | 0 | {t.note} |"
            continue
        ratios = [
            _over(t.seconds, by_name.get((t.dataset, FLOOR))),
            _over(t.seconds, by_name.get((t.dataset, CAT))),
            _over(by_name.get((t.dataset, YAMLLINT)), t.seconds),
            _over(by_name.get((t.dataset, JSONSCHEMA)), t.seconds),
        ]
        exits = ",".join(map(str, t.exits))
        yield (
            f"| {t.dataset} | {t.name} | {t.seconds:.2f} | {t.peak_mb or 0:.0f} "
            f"| {' | '.join(ratios)} | {t.runs} | {exits} |"
        )


def _over(top: float | None, bottom: float | None) -> str:
    return f"{top / bottom:.2f}" if top is not None and bottom else ""


Find = Callable[[str, str], Timing | None]
Measured = Callable[[Find], tuple[float, str] | None]


@dataclass(frozen=True)
class Target:
    """One target: what it asks, how to compute the measured value, and when it holds.

    `otherwise` says why, when it does not hold (known from profiles; printed only then).
    """

    text: str
    measured: Measured
    holds: Callable[[float], bool]
    otherwise: str = ""


def _seconds(find: Find, dataset: str, name: str) -> float | None:
    found = find(dataset, name)
    return found.seconds if found else None


def _ratio(top: tuple[str, str], bottom: tuple[str, str]) -> Measured:
    def compute(find: Find) -> tuple[float, str] | None:
        a, b = _seconds(find, *top), _seconds(find, *bottom)
        return None if a is None or not b else (a / b, f"{a / b:.2f}x")

    return compute


def _memory_ratio(name: str) -> Measured:
    def compute(find: Find) -> tuple[float, str] | None:
        big, small = find(K10, name), find(K1, name)
        if not big or not small or not big.peak_mb or not small.peak_mb:
            return None
        return big.peak_mb / small.peak_mb, f"{big.peak_mb / small.peak_mb:.2f}x"

    return compute


def _peak(dataset: str, name: str) -> Measured:
    def compute(find: Find) -> tuple[float, str] | None:
        found = find(dataset, name)
        return (
            None if not found or not found.peak_mb else (found.peak_mb, f"{found.peak_mb:.1f} MB")
        )

    return compute


def _absolute(dataset: str, name: str) -> Measured:
    def compute(find: Find) -> tuple[float, str] | None:
        value = _seconds(find, dataset, name)
        return None if value is None else (value, f"{value:.2f} s")

    return compute


K1, K10 = "1,000 cities", "10,000 cities"
TARGETS: list[Target] = [
    # issue 13 (the writers)
    Target(
        "fmt, 400 vs 100 projects reordered: time grows at most 5x (4x is linear)",
        _ratio(("plan of 400 projects", FMT_ROW), ("plan of 100 projects", FMT_ROW)),
        lambda v: v <= 5,
    ),
    Target(
        "update, 4,000 vs 1,000 projects: time grows at most 5x (4x is linear)",
        _ratio(("plan of 4,000 projects", UPDATE_ROW), ("plan of 1,000 projects", UPDATE_ROW)),
        lambda v: v <= 5,
    ),
    # issue 5
    Target("real data: `ascn --help` under 0.2 s", _absolute(REAL, HELP), lambda v: v < 0.2),
    Target(
        "real data: `ascn validate` under 0.3 s",
        _absolute(REAL, COLD),
        lambda v: v < 0.3,
        "start-up: pydantic's own modules and the models (built at import) are most of it; "
        "an unchanged dataset is answered from the cache before any of them loads",
    ),
    Target(
        "1,000 cities: at least 5x faster than check-jsonschema",
        _ratio((K1, JSONSCHEMA), (K1, COLD)),
        lambda v: v >= 5,
    ),
    Target(
        "1,000 cities: at least 10x faster than yamllint",
        _ratio((K1, YAMLLINT), (K1, COLD)),
        lambda v: v >= 10,
    ),
    Target(
        "10,000 cities: one broken file costs no more than a clean run (+3% noise)",
        _ratio((K10, BROKEN), (K10, COLD)),
        lambda v: v <= 1.03,
        "timed by hand phase by phase, the broken run costs the same CPU as the clean one; "
        "see the notes",
    ),
    # issue 15
    *(
        Target(
            f"{size}: `report` at most 1.2x `validate` (both --no-cache)",
            _ratio((size, REPORT), (size, COLD)),
            lambda v: v <= 1.2,
            "after loading, the report's own work (contents, then the larger format, on the "
            "second core while the checks run) outlasts the checks; see the notes below",
        )
        for size in (K1, K10)
    ),
    *(
        Target(
            f"{size}: `validate` at most 0.8x the C floor (cold, both cores)",
            _ratio((size, COLD), (size, FLOOR)),
            lambda v: v <= 0.8,
            "the two vCPUs are SMT siblings (two processes each run ~25% slower), and start-up "
            "and model building stay serial; see the notes",
        )
        for size in (K1, K10)
    ),
    Target(
        "10,000 vs 1,000 cities: validate's peak memory grows at most 10x",
        _memory_ratio(COLD),
        lambda v: v <= 10,
    ),
    Target(
        "10,000 cities: unchanged dataset (warm cache) at most 2x `cat` of every file",
        _ratio((K10, WARM), (K10, CAT)),
        lambda v: v <= 2,
        "each file is still opened, checked (size, kind, UTF-8) and hashed in Python",
    ),
    Target(
        "real data: unchanged dataset (warm cache) at most 2x `python -c pass`",
        _ratio((REAL, WARM), (REAL, EMPTY_PYTHON)),
        lambda v: v <= 2,
        "start-up: the stored answer needs json, hashlib and a hash of every file; about 25 ms "
        "over Python's own start, so the ratio moves with the machine",
    ),
    Target(
        "10,000 cities: one file changed (warm cache) at most 0.3x a cold run",
        _ratio((K10, CHANGED), (K10, COLD)),
        lambda v: v <= 0.3,
        "start-up (pydantic and the models, about 0.25 s), hashing every file and rebuilding "
        "the unchanged cities' and partners' models stay; see the notes",
    ),
    Target(
        "1,000 cities: one file changed (warm cache) at most 0.3x a cold run",
        _ratio((K1, CHANGED), (K1, COLD)),
        lambda v: v <= 0.3,
        "start-up (pydantic and the models, about 0.25 s), hashing every file and rebuilding "
        "the unchanged cities' and partners' models stay; see the notes",
    ),
    *(
        Target(
            f"real data: `{name}` starts within 1.5x `ascn --help`",
            _ratio((REAL, name), (REAL, HELP)),
            lambda v: v <= 1.5,
            "it imports more than typer: see `python -X importtime -m ascn ...`",
        )
        for name in (EXPLAIN, HISTORY_START, DIFF_START)
    ),
    Target(
        "each command's own peak memory: `python -c pass` under 20 MB",
        _peak(REAL, EMPTY_PYTHON),
        lambda v: v < 20,
        "GNU time is not installed: peaks include the bench process",
    ),
]


def _targets(timings: list[Timing]) -> Iterator[str]:
    index = {(t.dataset, t.name): t for t in timings if t.seconds is not None}

    def find(dataset: str, name: str) -> Timing | None:
        return index.get((dataset, name))

    yield "| target | measured | holds |"
    yield "| --- | ---: | --- |"
    for target in TARGETS:
        result = target.measured(find)
        if result is None:
            yield f"| {target.text} | not measured | - |"
            continue
        value, shown = result
        verdict = "yes" if target.holds(value) else f"**no**: {target.otherwise}".rstrip(": ")
        yield f"| {target.text} | {shown} | {verdict} |"
