"""Where a report's data comes from: the git commit of the data and whether it was edited.

Git is asked, never the clock: the same commit gives the same report. Outside a git
repository (or without git) the commit is "unknown" and so is the state of the tree.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from ascn import __version__

UNKNOWN = "unknown"


@dataclass(frozen=True)
class Provenance:
    """The data commit, whether the data had uncommitted changes (None: unknown), the tool."""

    commit: str
    dirty: bool | None
    version: str
    date: str = ""  # the data commit's committer date (YYYY-MM-DD): the report's data cut-off


def _git(data_dir: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args], cwd=data_dir, capture_output=True, text=True, check=False
        )
    except OSError:  # no git on PATH, or data_dir is not a directory
        return None
    return done.stdout if done.returncode == 0 else None


def lookup(data_dir: Path) -> Provenance:
    """The provenance of the data in `data_dir`, from `git rev-parse` and `git status`."""
    head = _git(data_dir, "rev-parse", "--verify", "--quiet", "HEAD")
    if head is None:
        return Provenance(UNKNOWN, None, __version__)
    # Untracked files count too: a new city file changes the report as much as an edit.
    status = _git(data_dir, "status", "--porcelain", "--untracked-files=all", "--", ".")
    dirty = None if status is None else bool(status.strip())
    # The last commit that touched the data, not HEAD's: edits elsewhere do not move the cut-off.
    date = _git(data_dir, "log", "-1", "--format=%cs", "--", ".") or ""
    return Provenance(head.strip(), dirty, __version__, date.strip())
