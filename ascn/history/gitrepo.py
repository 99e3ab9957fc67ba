"""The git repository holding the data folder, and which of its files differ from a commit.

Split from `gitdata` so that the report's provenance (ascn/report/provenance.py), asked for
by a helper while the command starts, needs neither the YAML loader nor the models: only
git (hardened, `gitrun`), its tree listing (`gitobjects`) and the files' hashes.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ascn.history import gitobjects, gitrun
from ascn.history.gitobjects import TreeEntry
from ascn.problems import AscnError, GitUnavailable

REGULAR_MODES = frozenset({"100644", "100755"})


class UnknownRevision(AscnError):
    """A revision given to `ascn diff` or `--changed-since` does not name a commit."""


@dataclass(frozen=True)
class Repo:
    """A git work tree and where the data folder lies in it."""

    root: Path
    data: str  # the data folder relative to the root, with forward slashes ("data")
    shallow: bool
    object_format: str = "sha1"

    def rev_parse(self, rev: str) -> str:
        """The full commit id a revision names; UnknownRevision if none."""
        if rev.startswith("-") or "\0" in rev:
            raise UnknownRevision(f"unknown revision '{rev}'")
        try:
            out = gitrun.run(self.root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
        except GitUnavailable as e:
            hint = " (the clone is shallow: its history may not reach it)" if self.shallow else ""
            raise UnknownRevision(f"unknown revision '{rev}'{hint}") from e
        return out.decode("ascii", "replace").strip()

    def shallow_note(self) -> str | None:
        """What to say when the history is truncated."""
        if not self.shallow:
            return None
        return "this clone is shallow: older history is missing (run `git fetch --unshallow`)"

    def inside(self, path: str) -> str | None:
        """`path` relative to the data folder if it lies inside it by plain components."""
        prefix = "" if self.data in ("", ".") else self.data + "/"
        if not path.startswith(prefix):
            return None
        relative = path[len(prefix) :]
        parts = relative.split("/")
        return relative if all(p not in ("", ".", "..") for p in parts) else None


def open_repo(data_dir: Path) -> Repo:
    """The repository holding `data_dir`; GitUnavailable outside a git work tree."""
    if not data_dir.is_dir():
        raise GitUnavailable(f"the data folder {data_dir} is not a folder")
    try:
        out = gitrun.run(data_dir, "rev-parse", "--show-toplevel")
    except GitUnavailable as e:
        raise GitUnavailable(
            "not in a git work tree: history and diffs need a clone of the data repository"
        ) from e
    root = Path(out.decode("utf-8", "surrogateescape").removesuffix("\n"))
    try:
        data = data_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError as e:
        raise GitUnavailable(f"the data folder {data_dir} is outside the repository") from e
    shallow = gitrun.run(root, "rev-parse", "--is-shallow-repository").strip() == b"true"
    formats = gitrun.run(root, "rev-parse", "--show-object-format").decode().strip()
    return Repo(root, data, shallow, formats or "sha1")


def data_files(repo: Repo, rev: str) -> list[tuple[str, TreeEntry]]:
    """The files of the data folder at a commit, with their path inside the folder."""
    entries = gitobjects.list_tree(repo.root, rev, repo.data or ".")
    return [(relative, e) for e in entries if (relative := repo.inside(e.path)) is not None]


def changed_files(repo: Repo, rev: str) -> set[str]:
    """Paths inside the data folder of files that differ between a commit and the disk.

    Compared byte for byte by object id, without asking git about the working tree:
    git's status and diff would run the repository's filters and fsmonitor. Every file
    on disk counts, ignored or not: the loader reads them all.
    """
    at_rev = dict(data_files(repo, rev))
    on_disk = dict(_disk_files(repo.root / repo.data))
    changed = set(at_rev.keys() ^ on_disk.keys())
    for relative, entry in at_rev.items():
        path = on_disk.get(relative)
        if path is not None and not _same(path, entry, repo.object_format):
            changed.add(relative)
    return changed


def _disk_files(data_dir: Path) -> Iterable[tuple[str, Path]]:
    """Every non-folder entry below `data_dir`, links not followed, by relative path."""
    for folder, dirs, files in os.walk(data_dir):
        base = Path(folder)
        names = files + [d for d in dirs if (base / d).is_symlink()]
        for name in names:
            path = base / name
            yield path.relative_to(data_dir).as_posix(), path


def _same(path: Path, entry: TreeEntry, object_format: str) -> bool:
    """Whether the file on disk has the content (and kind) of the tree entry (an unreadable
    file counts as changed)."""
    try:
        return _same_content(path, entry, object_format)
    except OSError:
        return False


def _same_content(path: Path, entry: TreeEntry, object_format: str) -> bool:
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        content = os.fsencode(path.readlink())
        return entry.mode == "120000" and _object_id(content, object_format) == entry.object_id
    if not stat.S_ISREG(info.st_mode) or entry.mode not in REGULAR_MODES:
        return False
    if info.st_size != entry.size:
        return False
    digest = _digest(object_format, info.st_size)
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return str(digest.hexdigest()) == entry.object_id


def _digest(object_format: str, size: int) -> Any:
    """A hash started with git's blob header."""
    digest = hashlib.new("sha256" if object_format == "sha256" else "sha1")
    digest.update(b"blob %d\0" % size)
    return digest


def _object_id(content: bytes, object_format: str) -> str:
    digest = _digest(object_format, len(content))
    digest.update(content)
    return str(digest.hexdigest())
