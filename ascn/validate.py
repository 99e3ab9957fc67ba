"""Validation as one call: load every file, run the checks, locate and sort the problems."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ascn import checks
from ascn.history import gitdata
from ascn.load import loader, related
from ascn.models import Dataset
from ascn.problems import AscnError, Problem


@dataclass(frozen=True)
class Validation:
    """The outcome of validating a data directory."""

    dataset: Dataset
    problems: list[Problem]
    files: int
    # With --changed-since: problems that were there before, in files the change left alone.
    existing: list[Problem] = field(default_factory=list)


def validate(data_dir: Path, current_year: int | None = None) -> Validation:
    """Load `data_dir` and check it; problems are sorted by file, line, column and code."""
    with loader.collector_paused():  # checks walk every record too: see collector_paused
        result = loader.load(data_dir)
        found = related.placed(
            loader.locate_all(checks.run_all(result.dataset, current_year), result.paths)
        )
    return Validation(result.dataset, sorted(result.problems + found), result.files)


class PathOutsideData(AscnError):
    """A path given to `ascn validate` is not inside the data folder."""


def validate_paths(
    data_dir: Path, paths: list[Path], current_year: int | None = None
) -> Validation:
    """Validate the whole dataset; keep only the problems of the named files or folders."""
    root = data_dir.resolve()
    wanted = []
    for path in paths:
        if not path.exists():
            raise PathOutsideData(f"no such file or folder: {loader.display_path(path)}")
        resolved = path.resolve()
        if not resolved.is_relative_to(root):
            raise PathOutsideData(
                f"{loader.display_path(path)} is not inside the data folder "
                f"{loader.display_path(data_dir)} (give --data the folder it belongs to)"
            )
        wanted.append(resolved)
    result = validate(data_dir, current_year)
    named = [p for p in result.problems if _under(Path(p.file).resolve(), wanted)]
    files = sum(1 for p in paths if p.is_file()) + sum(
        1 for p in paths if p.is_dir() for _ in p.rglob("*.yaml")
    )
    return Validation(result.dataset, named, files)


def _under(file: Path, wanted: list[Path]) -> bool:
    return any(file == w or file.is_relative_to(w) for w in wanted)


def validate_changes(data_dir: Path, since: str, current_year: int | None = None) -> Validation:
    """Validate; problems in files changed since `since`, or new since then, block.

    A problem blocks if its file differs from the commit `since` (or is new), or if it
    was not there at that commit: a reference the change broke in a file it did not touch.
    Problems that were already there, in files the change left alone, are `existing`.
    """
    now = validate(data_dir, current_year)
    repo = gitdata.open_repo(data_dir)
    rev = repo.rev_parse(since)
    touched = gitdata.changed_files(repo, rev)
    shown = loader.display_path(data_dir)
    with tempfile.TemporaryDirectory() as tmp:
        old_dir = gitdata.export(repo, rev, Path(tmp))
        old_shown = loader.display_path(old_dir)
        before = {_key(p, old_shown, shown) for p in validate(old_dir, current_year).problems}
    blocking: list[Problem] = []
    existing: list[Problem] = []
    for problem in now.problems:
        key = _key(problem, shown, shown)
        (blocking if key[0] in touched or key not in before else existing).append(problem)
    return Validation(now.dataset, blocking, now.files, existing)


def _key(problem: Problem, data_shown: str, as_shown: str) -> tuple[str, int, int, str, str]:
    """A problem's identity across two copies of the data: path inside data/, place, words."""
    relative = os.path.relpath(problem.file, data_shown).replace(os.sep, "/")
    message = problem.message.replace(data_shown, as_shown)
    return relative, problem.line, problem.column, problem.code, message
