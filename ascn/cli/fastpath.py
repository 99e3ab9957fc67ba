"""`ascn validate` of the whole dataset without typer, and from the stored output if unchanged.

A plain `ascn validate` (only `--data`, `--format`, `--strict` and `--no-cache`) is the
command CI and editors run most. `ascn.cli.main` hands such a line here before importing
typer (60-100 ms of start-up); anything else, `--help` included, goes to the typer app,
whose `validate` command calls `validate_whole` too, so both print the same.

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
    values = {"--data": "data", "--format": "text"}
    strict, use_cache = False, True
    args = iter(argv[1:])
    for arg in args:
        name, equals, value = arg.partition("=")
        if name in values:
            given = value if equals else next(args, None)
            if not given or given.startswith("-"):
                return None
            values[name] = given
        elif arg in ("--strict", "--no-strict"):
            strict = arg == "--strict"
        elif arg == "--no-cache":
            use_cache = False
        else:
            return None
    if values["--format"] not in FORMATS:
        return None
    # As typer gives it to the command (`data/` and `./data` are `data`).
    data = str(Path(values["--data"]))
    return Request(data, values["--format"], strict=strict, use_cache=use_cache)


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
