"""Where a report's data comes from: the git commit of the data and whether it was edited.

Git is asked, never the clock: the same commit gives the same report. Outside a git
repository (or without git) the commit is "unknown" and so is the state of the tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ascn import __version__
from ascn.problems import AscnError

if TYPE_CHECKING:
    from ascn.history.gitrepo import Repo

UNKNOWN = "unknown"


@dataclass(frozen=True)
class Provenance:
    """The data commit, whether the data had uncommitted changes (None: unknown), the tool."""

    commit: str
    dirty: bool | None
    version: str
    date: str = ""  # the data commit's committer date (YYYY-MM-DD): the report's data cut-off


def lookup(data_dir: Path) -> Provenance:
    """The provenance of the data in `data_dir`: its commit, and whether files differ from it.

    Git runs hardened (ascn.history.gitrun), and the files are compared by content without
    `git status`, which would run a repository's fsmonitor and filters. Untracked files
    count too: a new city file changes the report as much as an edit.
    """
    # Imported here: `ascn report` asks git in its prework helper (ascn/report/prework.py),
    # so the command itself never loads git's modules (8 ms before it starts loading).
    from ascn.history import gitrepo  # noqa: PLC0415

    try:
        repo = gitrepo.open_repo(data_dir)
        head = repo.rev_parse("HEAD")
    except AscnError:  # no git, not a repository, or no commit yet
        return Provenance(UNKNOWN, None, __version__)
    try:
        dirty: bool | None = bool(gitrepo.changed_files(repo, head))
    except (AscnError, OSError):
        dirty = None
    return Provenance(head, dirty, __version__, _cutoff(repo))


def _cutoff(repo: Repo) -> str:
    """The committer date (YYYY-MM-DD) of the last commit that touched the data folder.

    Not HEAD's date: commits elsewhere in the repository do not move the data cut-off.
    """
    from ascn.history import gitrun  # noqa: PLC0415 - as in `lookup`

    try:
        out = gitrun.run(repo.root, "log", "-1", "--format=%cs", "--", repo.data or ".")
    except AscnError:
        return ""
    return out.decode("ascii", "replace").strip()
