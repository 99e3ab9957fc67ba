"""The bench's rows: what to run, on which datasets, how often, and what to prepare.

A row is a `Row` in ROWS; `make bench` runs every row on every dataset it names,
in this order, and the table shows them in the same order. To add a measurement,
add a Row (and, if it has a target, a Target in benchreport.TARGETS that names the
row by its `name`). Each row's argv is built from a `Place`: the dataset, a scratch
folder and the bench's private cache folder (ASCN_CACHE_DIR points there for every
run, so the user's cache is never touched and "cold" really is cold).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ascn.load.parallel import ENV_SWITCH

REAL = "real data/"
REPORT_YEAR = 2025
FLOOR = "C floor: PyYAML CSafeLoader"
CAT = "cat every file"
EMPTY_PYTHON = "python -c pass"
HELP = "ascn --help"
COLD = "ascn validate --no-cache"
SERIAL = "ascn validate --no-cache, one process (ASCN_PARALLEL=0)"
WARM = "ascn validate, warm cache"
CHANGED = "ascn validate, one file changed, warm cache"
BROKEN = "ascn validate --no-cache, one broken file"
PROGRESS = "ascn progress --no-cache"
REPORT = "ascn report --no-cache"
REPORT_WARM = "ascn report, warm cache"
SITE = "ascn site"
EXPLAIN = "ascn explain unknown-field"
HISTORY_START = "ascn history --help"
DIFF_START = "ascn diff --help"
YAMLLINT = "yamllint (default rules)"
JSONSCHEMA = "check-jsonschema (per kind)"

# The rows that targets compare on one dataset: timed in turns, run by run, so that the
# machine's drifting speed weighs on each alike (bench.measure_in_turns). Every row a target
# names: a warm validate of the real data timed minutes after `python -c pass` once read
# 2.18x (0.07 s against 0.03 s) where 30 runs in turns by hand gave 1.5x.
IN_TURNS = frozenset(
    {
        FLOOR,
        CAT,
        EMPTY_PYTHON,
        HELP,
        COLD,
        WARM,
        CHANGED,
        BROKEN,
        REPORT,
        EXPLAIN,
        HISTORY_START,
        DIFF_START,
    }
)

FLOOR_CODE = (
    "import sys, pathlib, yaml\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
    "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)\n"
)


@dataclass(frozen=True)
class Place:
    """Where a row runs: the dataset folder, its size, a scratch folder, the cache folder."""

    label: str
    data: Path
    cities: int  # 0 for the real data
    scratch: Path
    cache: Path


Argvs = Callable[[Place], list[list[str]]]
Hook = Callable[[Place, int], None]


@dataclass(frozen=True)
class Row:
    """One measurement: a command (or several run one after the other) on some datasets."""

    name: str
    argvs: Argvs
    where: Callable[[Place], bool] = lambda place: True
    env: dict[str, str] = field(default_factory=dict)
    before_each: Hook | None = None  # called before every run (and the warm-up) with its number
    warm_up: bool = False  # one untimed run first (fills the cache)
    runs: int | None = None  # None: the bench's default for the dataset's size
    needs: str | None = None  # an ascn command that must exist (rows of commands in progress)


def ascn(*args: str) -> list[str]:
    """The argv of an ascn command run by this venv's Python, as a user would."""
    return [str(Path(sys.executable).with_name("ascn")), *args]


def tool(name: str) -> str:
    """A console script of this venv (yamllint, check-jsonschema)."""
    return str(Path(sys.executable).with_name(name))


def available(command: str) -> bool:
    """Whether `ascn COMMAND --help` works (commands still being built are skipped)."""
    done = subprocess.run(ascn(command, "--help"), capture_output=True, check=False)
    return done.returncode == 0


def _real(place: Place) -> bool:
    return place.cities == 0


def _generated(place: Place) -> bool:
    return place.cities > 0


def _large(place: Place) -> bool:
    return place.cities >= 1000


def _largest(place: Place) -> bool:
    return place.cities >= 10_000


def _small(place: Place) -> bool:
    return place.cities <= 1000


def _validate(place: Place, *extra: str) -> list[list[str]]:
    return [ascn("validate", "--data", str(place.data), *extra)]


def _report(place: Place, *extra: str) -> list[list[str]]:
    out = str(place.scratch / "reports")
    return [
        ascn("report", "--year", str(REPORT_YEAR), "--data", str(place.data), "--out", out, *extra)
    ]


def _site(place: Place) -> list[list[str]]:
    return [ascn("site", "--data", str(place.data), "--out", str(place.scratch / "site"))]


def changed_copy(place: Place) -> Path:
    """A copy of the dataset (hard links) in which one plan is rewritten before each run."""
    return place.scratch / "changed" / "data"


def _prepare_changed(place: Place, number: int) -> None:
    """Make the copy once; before each run give one plan a new last line (still valid)."""
    target = changed_copy(place)
    if number == 0:
        shutil.rmtree(target.parent, ignore_errors=True)
        shutil.copytree(place.data, target, copy_function=_link)
        subprocess.run(_validate(Place(place.label, target, 1, place.scratch, place.cache))[0],
                       capture_output=True, check=False)  # fmt: skip
    victim = sorted((target / "plans").iterdir())[3]
    text = victim.read_text(encoding="utf-8").split("# bench run", 1)[0]
    victim.unlink()  # a new inode: the generated dataset stays untouched
    victim.write_text(f"{text}# bench run {number}\n", encoding="utf-8")


def _link(source: str, target: str) -> None:
    Path(target).hardlink_to(source)


def broken_copy(place: Place) -> Path:
    """A copy of the dataset (hard links) with one plan broken (see `_prepare_broken`)."""
    return place.scratch / "broken" / "data"


def _prepare_broken(place: Place, number: int) -> None:
    """Once: break one plan in a copy, and stop unless its one problem is exactly located."""
    if number:
        return
    target = broken_copy(place)
    shutil.rmtree(target.parent, ignore_errors=True)
    shutil.copytree(place.data, target, copy_function=_link)
    victim = sorted((target / "plans").iterdir())[3]
    text = victim.read_text(encoding="utf-8")
    text = text.replace("first_listed: ", "first_listed: soon-", 1)
    victim.unlink()  # a new inode: the generated dataset stays untouched
    victim.write_text(text, encoding="utf-8")
    offset = text.index("soon-")
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    argv = ascn("validate", "--data", str(target), "--format", "json", "--no-cache")
    done = subprocess.run(argv, capture_output=True, check=False)
    # Files are shown relative to the working directory: compare the files they name.
    problems = json.loads(done.stdout)["problems"]
    found = [(Path(p["file"]).resolve(), p["line"], p["column"]) for p in problems]
    if found != [(victim.resolve(), line, column)]:
        sys.exit(
            f"one broken file: expected a problem at {victim}:{line}:{column}, got {found[:5]}"
        )


def _jsonschema(place: Place) -> list[list[str]]:
    from benchmarks.bench import jsonschema_argvs, write_schemas  # noqa: PLC0415 -- a cycle

    return jsonschema_argvs(place.data, write_schemas(place.scratch / "schema"))


ROWS: list[Row] = [
    Row(HELP, lambda p: [ascn("--help")], _real),
    Row(EMPTY_PYTHON, lambda p: [[sys.executable, "-c", "pass"]], _real),
    Row(EXPLAIN, lambda p: [ascn("explain", "unknown-field")], _real),
    Row(HISTORY_START, lambda p: [ascn("history", "--help")], _real),
    Row(DIFF_START, lambda p: [ascn("diff", "--help")], _real),
    Row(
        CAT,
        lambda p: [["sh", "-c", 'find "$0" -name "*.yaml" -exec cat {} + >/dev/null', str(p.data)]],
    ),
    Row(FLOOR, lambda p: [[sys.executable, "-c", FLOOR_CODE, str(p.data)]]),
    Row(COLD, lambda p: _validate(p, "--no-cache")),
    Row(SERIAL, lambda p: _validate(p, "--no-cache"), _large, env={ENV_SWITCH: "0"}),
    Row(WARM, _validate, warm_up=True, before_each=None),
    Row(
        CHANGED,
        lambda p: _validate(Place(p.label, changed_copy(p), p.cities, p.scratch, p.cache)),
        _large,
        before_each=_prepare_changed,
    ),
    Row(
        BROKEN,
        lambda p: _validate(
            Place(p.label, broken_copy(p), p.cities, p.scratch, p.cache), "--no-cache"
        ),
        _largest,
        before_each=_prepare_broken,
    ),
    Row(
        PROGRESS,
        lambda p: [ascn("progress", "--data", str(p.data), "--format", "json", "--no-cache")],
    ),
    Row(REPORT, lambda p: _report(p, "--no-cache")),
    Row(REPORT_WARM, _report, warm_up=True),
    # At 10,000 cities the site is some 220,000 files: measured up to 1,000 cities.
    Row(SITE, _site, _small, needs="site"),
    Row(YAMLLINT, lambda p: [[tool("yamllint"), "-f", "parsable", str(p.data)]], _small, runs=2),
    Row(JSONSCHEMA, _jsonschema, _small, runs=2),
]
