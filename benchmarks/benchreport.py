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
from benchmarks.benchtime import Timing
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
FLOOR = "C floor: PyYAML CSafeLoader"
VALIDATE = "ascn validate"


def render(timings: list[Timing], load: float) -> str:
    """The whole generated section: machine, timings table, targets table."""
    lines = [*_machine(), f"- load average (1 min) when the bench started: {load:.2f}"]
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


YAMLLINT = "yamllint (default rules)"
JSONSCHEMA = "check-jsonschema (per kind)"


def _table(timings: list[Timing]) -> Iterator[str]:
    yield (
        "| dataset | command | median s | peak MB | x C floor | yamllint / this "
        "| check-jsonschema / this | runs | exit |"
    )
    yield "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
    by_name = {(t.dataset, t.name): t.seconds for t in timings}
    for t in timings:
        if t.seconds is None:
            yield f"| {t.dataset} | {t.name} | - | - | - | | | 0 | {t.note} |"
            continue
        ratios = [
            _over(t.seconds, by_name.get((t.dataset, FLOOR))),
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


@dataclass(frozen=True)
class Target:
    """One target of issue 5: what it asks, and how to compute the measured value."""

    text: str
    measured: Callable[[Callable[[str, str], Timing | None]], tuple[float, str] | None]
    holds: Callable[[float], bool]


def _seconds(find: Callable[[str, str], Timing | None], dataset: str, name: str) -> float | None:
    found = find(dataset, name)
    return found.seconds if found else None


def _ratio(
    top: tuple[str, str], bottom: tuple[str, str], fmt: str = "{:.2f}x"
) -> Callable[[Callable[[str, str], Timing | None]], tuple[float, str] | None]:
    def compute(find: Callable[[str, str], Timing | None]) -> tuple[float, str] | None:
        a, b = _seconds(find, *top), _seconds(find, *bottom)
        return None if a is None or not b else (a / b, fmt.format(a / b))

    return compute


def _memory_ratio(find: Callable[[str, str], Timing | None]) -> tuple[float, str] | None:
    big, small = find("10,000 cities", VALIDATE), find("1,000 cities", VALIDATE)
    if not big or not small or not big.peak_mb or not small.peak_mb:
        return None
    return big.peak_mb / small.peak_mb, f"{big.peak_mb / small.peak_mb:.2f}x"


def _absolute(
    dataset: str, name: str
) -> Callable[[Callable[[str, str], Timing | None]], tuple[float, str] | None]:
    def compute(find: Callable[[str, str], Timing | None]) -> tuple[float, str] | None:
        value = _seconds(find, dataset, name)
        return None if value is None else (value, f"{value:.2f} s")

    return compute


REAL, K1, K10 = "real data/", "1,000 cities", "10,000 cities"
TARGETS = (
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
    Target(
        "real data: `ascn --help` under 0.2 s", _absolute(REAL, "ascn --help"), lambda v: v < 0.2
    ),
    Target("real data: `ascn validate` under 0.3 s", _absolute(REAL, VALIDATE), lambda v: v < 0.3),
    Target(
        "1,000 cities: validate within 1.5x the C floor",
        _ratio((K1, VALIDATE), (K1, FLOOR)),
        lambda v: v <= 1.5,
    ),
    Target(
        "1,000 cities: at least 5x faster than check-jsonschema",
        _ratio((K1, JSONSCHEMA), (K1, VALIDATE)),
        lambda v: v >= 5,
    ),
    Target(
        "1,000 cities: at least 10x faster than yamllint",
        _ratio((K1, YAMLLINT), (K1, VALIDATE)),
        lambda v: v >= 10,
    ),
    Target(
        "10,000 vs 1,000 cities: validate time grows at most 11x",
        _ratio((K10, VALIDATE), (K1, VALIDATE)),
        lambda v: v <= 11,
    ),
    Target(
        "10,000 vs 1,000 cities: peak memory grows at most 11x", _memory_ratio, lambda v: v <= 11
    ),
    Target(
        "10,000 cities: report costs at most 1.5x validate",
        _ratio((K10, "ascn report"), (K10, VALIDATE)),
        lambda v: v <= 1.5,
    ),
    Target(
        "10,000 cities: one broken file costs no more than a clean run (+3% noise)",
        _ratio((K10, "ascn validate, one broken file"), (K10, VALIDATE)),
        lambda v: v <= 1.03,
    ),
)


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
        else:
            value, shown = result
            yield f"| {target.text} | {shown} | {'yes' if target.holds(value) else '**no**'} |"
