"""`make bench`: whole-process timings of ascn against a C YAML floor and two anchors.

A dev tool, not core (it runs subprocesses and needs the `bench` extra):

    python -m benchmarks.bench gen N --seed S --out DIR   # one synthetic dataset
    python -m benchmarks.bench data                       # the bench's datasets, in bench-data/
    python -m benchmarks.bench run [--write BENCHMARKS.md] [--quick]
    python -m benchmarks.bench worst [NAME ...]            # only the worst cases, with growth

`run` generates (or reuses) datasets of 38, 1,000 and 10,000 cities under
bench-data/, checks that each validates clean, times every command as a whole
process (median of several runs, peak memory from wait4), runs the anchors at
the two small sizes, prints a Markdown table with the targets of issue 5 and,
with --write, replaces the generated part of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ascn.load.loader import KINDS
from ascn.load.parallel import ENV_SWITCH
from benchmarks import benchgen, worstcases
from benchmarks.benchreport import JSONSCHEMA, YAMLLINT, render, write_section
from benchmarks.benchtime import Timing, measure
from benchmarks.benchwriters import writer_rows

SEED = 20180708  # the network's founding meeting
SIZES = (38, 1000, 10_000)
ANCHOR_SIZES = frozenset({38, 1000})
BENCH_DIR = Path("bench-data")
REPORT_YEAR = 2025
SERIAL = "ascn validate, one process (ASCN_PARALLEL=0)"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
FLOOR_CODE = (
    "import sys, pathlib, yaml\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
    "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)\n"
)


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


def broken_copy(data: Path) -> tuple[Path, tuple[str, int, int]]:
    """A copy of `data` (hard links) with one plan broken; and where its problem must be."""
    target = data.parent / "broken" / "data"
    shutil.rmtree(target.parent, ignore_errors=True)
    shutil.copytree(data, target, copy_function=_link)
    victim = sorted((target / "plans").iterdir())[len(SIZES)]
    text = victim.read_text()
    text = text.replace("first_listed: ", "first_listed: soon-", 1)
    victim.unlink()  # a new inode: the clean dataset stays untouched
    victim.write_text(text)
    offset = text.index("soon-")
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    return target, (str(victim), line, column)


def assert_exact(data: Path, where: tuple[str, int, int]) -> None:
    """Stop the bench unless the broken dataset gives exactly one problem, at `where`."""
    argv = ascn("validate", "--data", str(data), "--format", "json")
    done = subprocess.run(argv, capture_output=True, check=False)
    found = [(p["file"], p["line"], p["column"]) for p in json.loads(done.stdout)["problems"]]
    if found != [where]:
        sys.exit(f"one broken file: expected a problem at {where}, got {found[:5]}")


def _link(source: str, target: str) -> None:
    Path(target).hardlink_to(source)


def ascn(*args: str) -> list[str]:
    """The argv of an ascn command run by this venv's Python, as a user would."""
    return [str(Path(sys.executable).with_name("ascn")), *args]


def available(command: str) -> bool:
    """Whether `ascn COMMAND --help` works (commands still being built are skipped)."""
    done = subprocess.run(ascn(command, "--help"), capture_output=True, check=False)
    return done.returncode == 0


def assert_clean(data: Path) -> None:
    """Stop the bench if generated data does not validate clean (it is valid by construction)."""
    done = subprocess.run(ascn("validate", "--data", str(data)), capture_output=True, check=False)
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


def rows_for(label: str, data: Path, cities: int, runs: int, anchors: bool) -> list[Timing]:
    """Every timing for one dataset."""
    out = Path(tempfile.mkdtemp(prefix="ascn-bench-"))
    timings = [
        measure(label, "C floor: PyYAML CSafeLoader", [[*_py(), FLOOR_CODE, str(data)]], runs)
    ]
    timings.append(measure(label, "ascn validate", [ascn("validate", "--data", str(data))], runs))
    if cities >= 1000:  # the forked helper's worth, measured every time (see ascn.load.parallel)
        argv, serial = ascn("validate", "--data", str(data)), {ENV_SWITCH: "0"}
        timings.append(measure(label, SERIAL, [argv], runs, env=serial))
    for command, extra in (("progress", ["--format", "json"]), ("report", _report_args(out))):
        argv = ascn(command, "--data", str(data), *extra)
        timings.append(measure(label, f"ascn {command}", [argv], runs, skip=not available(command)))
    if anchors:
        timings.extend(_anchors(label, data, out, max(2, runs // 2)))
    shutil.rmtree(out, ignore_errors=True)
    return timings


def _py() -> list[str]:
    return [sys.executable, "-c"]


def _report_args(out: Path) -> list[str]:
    return ["--year", str(REPORT_YEAR), "--out", str(out)]


def _anchors(label: str, data: Path, out: Path, runs: int) -> list[Timing]:
    yamllint = str(Path(sys.executable).with_name("yamllint"))
    argvs = jsonschema_argvs(data, write_schemas(out / "schema"))
    return [
        measure(label, YAMLLINT, [[yamllint, "-f", "parsable", str(data)]], runs),
        measure(label, JSONSCHEMA, argvs, runs),
    ]


def run_all(sizes: tuple[int, ...], runs: int) -> list[Timing]:
    """Time the real data and every generated size; anchors only at the small sizes."""
    timings = [measure("real data/", "ascn --help", [ascn("--help")], runs)]
    timings += rows_for("real data/", Path("data"), 38, runs, anchors=True)
    for cities in sizes:
        data = dataset(cities)
        assert_clean(data)
        many = cities >= 10_000
        label = f"{cities:,} cities"
        timings += rows_for(label, data, cities, 3 if many else runs, cities in ANCHOR_SIZES)
        if many:
            broken, where = broken_copy(data)
            assert_exact(broken, where)
            argv = ascn("validate", "--data", str(broken))
            timings.append(measure(label, "ascn validate, one broken file", [argv], 3))
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
    sizes = (38, 1000) if args.quick else SIZES
    load = os.getloadavg()[0]  # other processes on the machine skew timings: say so
    text = render(run_all(sizes, args.runs), load)
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
    worst = sub.add_parser("worst", help="only the worst cases, each at two sizes, with growth")
    worst.add_argument("names", nargs="*", help="words of the case names to run (default: all)")
    worst.add_argument("--runs", type=int, default=3)
    return parser


if __name__ == "__main__":
    main()
