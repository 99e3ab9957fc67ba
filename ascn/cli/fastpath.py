"""Plain `ascn validate` and `ascn report` lines, run without typer; validate from the stored
output if the dataset is unchanged.

A plain `ascn validate` (only `--data`, `--format`, `--strict` and `--no-cache`) is the
command CI and editors run most; a plain `ascn report` (`--year` and the options of its
help) is the Secretariat's main job. `ascn.cli.main` hands such a line here before
importing typer (60-100 ms of start-up: a tenth of the report at 1,000 cities); anything
else, `--help`, a bad value or a missing `--year` included, goes to the typer app, whose
`validate` and `report` commands call `validate_whole` and `write_report` too, so both
print the same. Option lines are read by one reader (`_options`) as typer reads them:
`--name value` or `--name=value`, the last one given wins; a value may not start with `-`.

On a dataset that an earlier run validated with the same tool, dependencies and year, it
prints exactly what that run printed and exits with the same code. Most of a small
dataset's validation is importing pydantic and the models (0.4 s of 0.5 s on the real
data); `answer` imports none of them, only the standard library, the cache store and the
quick manifest (ascn/load/manifest.py), so it costs about as much as starting Python and
hashing the files.

Same output, same safety: the stored text is keyed by the manifest of the files the full
run parsed (every file's path and text hash) under the cache's environment key (the
tool's own source, Python, the dependencies) and the year the checks used (`ASCN_NOW`,
else the calendar), so any change is a miss and the full command runs. Text output is
only answered when it has no colours (stdout is not a terminal and nothing forces colour):
the stored text was written without them. Anything unusual (other options, `--help`, a
link or a stray file in the data folder, an unreadable cache) is a miss.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from ascn.load import cache
from ascn.load.manifest import quick_scan

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: this module starts lean
if TYPE_CHECKING:
    from typing import Any

FORMATS = ("text", "json", "github", "markdown")
# Environment variables with which rich writes colour codes to a pipe: the same list as
# ascn.console.FORCING_COLOUR, which this module does not import (it must start lean).
_FORCING = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")


class Request:
    """What a plain `ascn validate` command line asks for."""

    def __init__(self, data: str, fmt: str, *, strict: bool, use_cache: bool = True) -> None:
        self.data, self.fmt, self.strict, self.use_cache = data, fmt, strict, use_cache

    def entry_name(self, manifest: str) -> str:
        """The cache entry that holds this request's output for a dataset's manifest."""
        place = f"{Path.cwd()}\0{self.data}"  # messages show paths relative to both
        return f"output:{manifest}:{self.fmt}:{int(self.strict)}:{place}"


def request_of(argv: list[str]) -> Request | None:
    """The request, if `argv` is `validate` with only options this module understands."""
    if not argv or argv[0] != "validate":
        return None
    switches = {"--strict": ("strict", True), "--no-strict": ("strict", False)}
    read = _options(argv[1:], {"--data": "data", "--format": "text"}, switches)
    if read is None or read["--format"] not in FORMATS:
        return None
    # As typer gives it to the command (`data/` and `./data` are `data`).
    data = str(Path(read["--data"]))
    return Request(
        data, read["--format"], strict=read["strict"] is True, use_cache=not read["no_cache"]
    )


class ReportRequest:
    """What an `ascn report` command line asks for (the options of `ascn report --help`)."""

    def __init__(
        self,
        year: int,
        data: Path,
        *,
        fmt: str = "all",
        out: Path = Path("reports"),
        templates: Path | None = None,
        narrative: Path | None = None,
        use_cache: bool = True,
    ) -> None:
        self.year, self.data, self.fmt, self.out = year, data, fmt, out
        self.templates, self.narrative, self.use_cache = templates, narrative, use_cache


REPORT_FORMATS = ("md", "html", "pdf", "all")


def report_request_of(argv: list[str]) -> ReportRequest | None:
    """The request, if `argv` is `report` with a `--year` and only options it understands."""
    if not argv or argv[0] != "report":
        return None
    named = ("--year", "--data", "--format", "--out", "--templates", "--narrative")
    defaults = dict.fromkeys(named, "") | {"--data": "data", "--format": "all", "--out": "reports"}
    read = _options(argv[1:], defaults, {})
    if read is None or read["--format"] not in REPORT_FORMATS:
        return None
    year = read["--year"]
    if not (year.isascii() and year.isdigit()):  # as typer's int reads it, else typer says why
        return None
    return ReportRequest(
        int(year),
        Path(read["--data"]),
        fmt=read["--format"],
        out=Path(read["--out"]),
        templates=Path(read["--templates"]) if read["--templates"] else None,
        narrative=Path(read["--narrative"]) if read["--narrative"] else None,
        use_cache=not read["no_cache"],
    )


def _options(
    args: list[str], valued: dict[str, str], switches: dict[str, tuple[str, bool]]
) -> dict[str, Any] | None:
    """Each option's value (`valued`: name -> default; "" for none), each switch's setting
    under its key and `no_cache`; None for anything else (then typer reads the line)."""
    read: dict[str, Any] = dict(valued) | {key: None for key, _ in switches.values()}
    read["no_cache"] = False
    rest = iter(args)
    for arg in rest:
        name, equals, value = arg.partition("=")
        if name in valued:
            given = value if equals else next(rest, None)
            if not given or given.startswith("-"):
                return None
            read[name] = given
        elif arg in switches:
            key, setting = switches[arg]
            read[key] = setting
        elif arg == "--no-cache":
            read["no_cache"] = True
        else:
            return None
    return read


def run_line(argv: list[str]) -> int | None:
    """Run a plain `validate` or `report` line and give its exit code; None: not plain."""
    request = request_of(argv)
    if request is not None:
        return run(request)
    report = report_request_of(argv)
    return write_report(report) if report is not None else None


def run(request: Request) -> int:
    """Validate as `ascn validate` does (the stored output if unchanged); the exit code."""
    found = answer(request)
    if found is None:
        from ascn.problems import AscnError

        try:
            found = validate_whole(request)
        except AscnError as e:
            from ascn.console import show_error

            show_error(str(e))
            return 2
    text, code = found
    sys.stdout.write(text)
    return code


def validate_whole(request: Request) -> tuple[str, int]:
    """The whole dataset's problems as printed, and the exit code (AscnError: cannot run)."""
    from ascn.cli import keep
    from ascn.console import colour_wanted, validation_text
    from ascn.problems import exit_code
    from ascn.validate import check

    result = check(Path(request.data), use_cache=request.use_cache)
    keep(result.dataset)  # freed by the operating system when the command ends
    text = validation_text(result.problems, result.files, request.fmt, None)
    code = exit_code(result.problems, strict=request.strict)
    if result.manifest and (request.fmt != "text" or not colour_wanted()):
        remember(request, result.manifest, text, code)
    return text, code


def write_report(request: ReportRequest) -> int:
    """Write the report as `ascn report` does and print its paths; the exit code.

    A dataset with errors prints them and exits 1 (ascn.cli.loaded); could not run: 2.
    """
    from ascn.report.prework import Prework

    formats = ("md", "html") if request.fmt == "all" else (request.fmt,)
    prework = Prework(request.data, request.templates, formats)
    prework.start(use_cache=request.use_cache)  # on the second core, while this one imports

    from ascn.cli.loaded import valid_dataset
    from ascn.console import show_error, show_paths
    from ascn.problems import AscnError
    from ascn.report.ahead import ReportJob, render_ahead

    job = ReportJob(
        request.year,
        request.data,
        formats,
        request.narrative,
        request.templates,
        request.use_cache,
        out=request.out,
        prework=prework,
    )
    try:
        with render_ahead(job) as ahead:  # renders on the second core while the checks run
            result = valid_dataset(request.data, not request.use_cache, after_load=ahead.start)
            paths = ahead.write(result.dataset, result.problems)
    except AscnError as e:
        show_error(str(e))
        return 2
    show_paths(paths)
    return 0


def answer(request: Request) -> tuple[str, int] | None:
    """The stored output and exit code for this request, or None (validate in full)."""
    if not request.use_cache or (request.fmt == "text" and _may_colour()):
        return None
    quick = quick_scan(request.data)
    if quick is None:
        return None
    stored = _store().get(request.entry_name(quick.manifest))
    if isinstance(stored, dict):
        text, code = stored.get("out"), stored.get("exit")
        if isinstance(text, str) and code in (0, 1):
            return text, code
    # A miss: the full run reuses these hashes instead of reading every file again (it
    # imports the full scan anyway, so importing it here costs nothing).
    from ascn.load import scan

    scan.hand_over(quick)
    return None


def remember(request: Request, manifest: str, text: str, code: int) -> None:
    """Store a validation's output for `answer` (the caller checked it had no colours)."""
    _store().put(request.entry_name(manifest), {"out": text, "exit": code})


def _store() -> cache.Cache:
    """The cache under the year the checks use: `ASCN_NOW` if set, else the calendar's.

    Read as given rather than through ascn.clock (which imports datetime and the problem
    types): the same environment always gives the same key, and a run with an invalid
    ASCN_NOW stops before it stores anything.
    """
    year = f"{os.environ.get('ASCN_NOW', '')}|{time.localtime().tm_year}"
    return cache.Cache(cache.folder(), cache.environment_key(year))


def _may_colour() -> bool:
    """Whether text output could carry colour codes here (then it is not answered)."""
    return sys.stdout.isatty() or any(os.environ.get(name) for name in _FORCING)
