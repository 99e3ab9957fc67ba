"""Validation as one call: load every file, run the checks, locate and sort the problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ascn import checks, loader
from ascn.models import Dataset
from ascn.problems import Problem


@dataclass(frozen=True)
class Validation:
    """The outcome of validating a data directory."""

    dataset: Dataset
    problems: list[Problem]
    files: int


def validate(data_dir: Path, current_year: int | None = None) -> Validation:
    """Load `data_dir` and check it; problems are sorted by file, line, column and code."""
    with loader.collector_paused():  # checks walk every record too: see collector_paused
        result = loader.load(data_dir)
        found = loader.locate_all(checks.run_all(result.dataset, current_year))
    return Validation(result.dataset, sorted(result.problems + found), result.files)
