"""`make bench`: whole-process timings of ascn against floors and two anchors.

A dev tool, not core (it runs subprocesses and needs the `bench` extra):

    python -m benchmarks.bench gen N --seed S --out DIR   # one synthetic dataset
    python -m benchmarks.bench data                       # the bench's datasets, in bench-data/
    python -m benchmarks.bench run [--write BENCHMARKS.md] [--quick]
    python -m benchmarks.bench worst [NAME ...]            # only the worst cases, with growth

`run` generates (or reuses) datasets of 38, 1,000 and 10,000 cities under
bench-data/, checks that each validates clean, runs every row of
benchmarks.benchrows.ROWS on the datasets it names (median of several runs, each
command's own peak memory), prints a Markdown table with the targets of
benchmarks.benchreport.TARGETS, each marked as held or not, and with --write
replaces the generated part of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import ascn as ascn_package
from ascn.load.loader import KINDS
from benchmarks import benchgen, worstcases
from benchmarks.benchreport import render, write_section
from benchmarks.benchrows import IN_TURNS, REAL, ROWS, Place, Row, ascn, available
from benchmarks.benchtime import Timing, run_once, skipped, summarise
from benchmarks.benchwriters import writer_rows

SEED = 20180708  # the network's founding meeting
SIZES = (38, 1000, 10_000)
BENCH_DIR = Path("bench-data")
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def dataset(cities: int) -> Path:
    """The generated dataset of `cities` cities, made once per generator version and seed."""
    folder = BENCH_DIR / f"cities-{cities}"
    stamp = folder / ".stamp"
    want = f"{cities} {SEED} {benchgen.VERSION}\n"
    if not (stamp.exists() and stamp.read_text() == want):
        shutil.rmtree(folder, ignore_errors=True)
        benchgen.generate(cities, SEED, folder / "data")
        stamp.write_text(want)
    return folder / "data"


def assert_clean(data: Path) -> None:
    """Stop the bench if generated data does not validate clean (it is valid by construction)."""
    argv = ascn("validate", "--data", str(data), "--no-cache")
    done = subprocess.run(argv, capture_output=True, check=False)
    if done.returncode != 0:
        sys.exit(f"generated data in {data} is not valid:\n{done.stdout.decode()[-2000:]}")


def write_schemas(folder: Path) -> dict[str, Path]:
    """JSON Schema files from the models, one per record folder, for check-jsonschema."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for kind in KINDS:
        path = folder / f"{kind.name}.schema.json"
        path.write_text(json.dumps(kind.model.model_json_schema(), indent=2))
        paths[kind.folder or "."] = path
    return paths


def jsonschema_argvs(data: Path, schemas: dict[str, Path]) -> list[list[str]]:
    """One check-jsonschema run per record kind (it takes one schema per run)."""
    tool = str(Path(sys.executable).with_name("check-jsonschema"))
    argvs = []
    for folder, schema in schemas.items():
        files = [data / "network.yaml"] if folder == "." else sorted((data / folder).glob("*"))
        argvs.append([tool, "--schemafile", str(schema), *map(str, files)])
    return argvs


def measure(row: Row, place: Place, runs: int) -> Timing:
    """Run one row on one dataset `runs` times (after its warm-up and before each run its hook)."""
    if _missing(row):
        return skipped(place.label, row.name, f"no `ascn {row.needs}` yet")
    return measure_in_turns([row], place, row.runs or runs)[row.name]


def measure_in_turns(rows: list[Row], place: Place, runs: int) -> dict[str, Timing]:
    """Run `rows` on one dataset in turns, run by run (each row's warm-up first), by name.

    The rows a target compares are timed in turns, not one row after the other: this
    machine's speed drifts within minutes (a cold validate of 1,000 cities took 1.2 s to
    2.1 s in one quarter of an hour), and rows timed minutes apart compared two machines.
    """
    base = {**os.environ, "NO_COLOR": "1", "ASCN_CACHE_DIR": str(place.cache)}
    envs = {row.name: {**base, **row.env} for row in rows}
    for row in rows:
        if row.warm_up:
            run_once(row.argvs(place), envs[row.name])
    results: dict[str, list[tuple[float, int, list[int]]]] = {row.name: [] for row in rows}
    for number in range(runs):
        for row in rows:
            if row.before_each is not None:
                row.before_each(place, number)
            results[row.name].append(run_once(row.argvs(place), envs[row.name]))
    return {name: summarise(place.label, name, done) for name, done in results.items()}


def measure_place(rows: list[Row], place: Place, runs: int) -> list[Timing]:
    """Every row that runs on `place`, in the order of `rows`; those in IN_TURNS in turns."""
    here = [row for row in rows if row.where(place)]
    in_turns = [row for row in here if row.name in IN_TURNS and not _missing(row)]
    turns = measure_in_turns(in_turns, place, runs) if in_turns else {}
    return [turns[row.name] if row.name in turns else measure(row, place, runs) for row in here]


def _missing(row: Row) -> bool:
    """Whether the row's command does not exist yet (rows of commands in progress)."""
    return row.needs is not None and not available(row.needs)


def compile_bytecode() -> None:
    """Compile ascn's bytecode before timing, as installing a package does.

    An editable install runs from the source tree, and with PYTHONDONTWRITEBYTECODE set
    (as on some CI machines and sandboxes) Python never writes the bytecode there: every
    run would compile ascn's modules again, which no installed copy does.
    """
    compileall.compile_dir(Path(ascn_package.__file__).parent, quiet=1)


def run_all(sizes: tuple[int, ...], runs: int, rows: list[Row] = ROWS) -> list[Timing]:
    """Every row on the real data and every generated size."""
    compile_bytecode()
    scratch = Path(tempfile.mkdtemp(prefix="ascn-bench-"))
    # Every ascn the bench starts (rows, their hooks, the checks below) uses a private cache.
    os.environ["ASCN_CACHE_DIR"] = str(scratch / "cache")
    places = [Place(REAL, Path("data"), 0, scratch / "real", scratch / "cache")]
    for cities in sizes:
        data = dataset(cities)
        assert_clean(data)
        places.append(
            Place(f"{cities:,} cities", data, cities, scratch / str(cities), scratch / "cache")
        )
    timings = []
    try:
        for place in places:
            place.scratch.mkdir(parents=True, exist_ok=True)
            count = 3 if place.cities >= 10_000 else runs
            timings += measure_place(rows, place, count)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    timings += writer_rows(BENCH_DIR / "writers", ascn(), 3)
    return timings + worstcases.rows(ascn, BENCH_DIR / "worst", 3)


def main(argv: list[str] | None = None) -> None:
    """Parse the bench's command line and run it."""
    args = _parser().parse_args(argv)
    if args.action == "gen":
        count = benchgen.generate(args.cities, args.seed, Path(args.out))
        print(f"wrote {count} files for {args.cities} cities to {args.out}")
        return
    if args.action == "writers":  # only the writers' rows (issue 12), without the datasets
        print(render(writer_rows(BENCH_DIR / "writers", ascn(), args.runs), os.getloadavg()[0]))
        return
    if args.action == "data":
        for cities in SIZES:
            print(f"{dataset(cities)}: {cities:,} cities")
        return
    if args.action == "worst":
        folder = BENCH_DIR / "worst"
        print("\n".join(worstcases.growth(worstcases.rows(ascn, folder, args.runs, args.names))))
        return
    sizes = (38, 1000) if args.quick else tuple(args.sizes or SIZES)
    rows = [row for row in ROWS if not args.only or any(word in row.name for word in args.only)]
    load = os.getloadavg()[0]  # other processes on the machine skew timings: say so
    text = render(run_all(sizes, args.runs, rows), load, os.getloadavg()[0])
    print(text)
    if args.write:
        write_section(Path(args.write), text, START, END)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__)
    sub = parser.add_subparsers(dest="action", required=True)
    gen = sub.add_parser("gen", help="write one synthetic dataset")
    gen.add_argument("cities", type=int)
    gen.add_argument("--seed", type=int, default=SEED)
    gen.add_argument("--out", default="bench-data/data")
    sub.add_parser("data", help=f"generate (or reuse) the bench datasets under {BENCH_DIR}/")
    writers = sub.add_parser("writers", help="time only fmt and update on large plans")
    writers.add_argument("--runs", type=int, default=3)
    run = sub.add_parser("run", help="time everything and print the table")
    run.add_argument("--runs", type=int, default=5, help="runs per timing (3 at 10,000 cities)")
    run.add_argument("--quick", action="store_true", help="only 38 and 1,000 cities")
    run.add_argument("--write", metavar="FILE", help="replace the generated part of FILE")
    run.add_argument("--sizes", type=int, nargs="+", help=f"generated sizes (default {SIZES})")
    run.add_argument("--only", nargs="+", help="only rows whose name contains one of these")
    worst = sub.add_parser("worst", help="only the worst cases, each at two sizes, with growth")
    worst.add_argument("names", nargs="*", help="words of the case names to run (default: all)")
    worst.add_argument("--runs", type=int, default=3)
    return parser


if __name__ == "__main__":
    main()
