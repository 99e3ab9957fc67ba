"""The dataset in git: records at any revision, and the commits that changed them.

Git runs only through `gitrun` (hardened) and its output is read by `gitobjects`
(object ids, sizes first, NUL-separated). Paths from trees and logs are untrusted:
a path is a record only if it lies in the data folder by plain components, and a
copy of the data at a commit is written only below its own folder. Old revisions are
read with the tool's own YAML reader, so a file that did not parse then is reported,
not fatal; a blob over the size cap is never read.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ascn.history import gitobjects, gitrun
from ascn.history.gitobjects import FileChange, TreeEntry
from ascn.load.loader import KINDS, MAX_FILE_BYTES, Kind, read_text
from ascn.load.yamlread import YamlRejected, compose, construct
from ascn.problems import AscnError, GitUnavailable

WORKING_TREE = "working tree"
KIND_BY_FOLDER = {str(kind.folder): kind for kind in KINDS if kind.folder}
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


@dataclass(frozen=True)
class RecordKey:
    """Which record a data file holds."""

    kind: str
    record_id: str


def record_key(repo: Repo, path: str) -> RecordKey | None:
    """The record a repository path holds, if it is a record file of the data folder."""
    relative = repo.inside(path)
    if relative is None or not relative.endswith(".yaml"):
        return None
    parts = relative.split("/")
    if parts == ["network.yaml"]:
        return RecordKey("network", "network")
    kind: Kind | None = KIND_BY_FOLDER.get(parts[0]) if len(parts) == 2 else None
    return RecordKey(kind.name, parts[1].removesuffix(".yaml")) if kind else None


@dataclass(frozen=True)
class Parsed:
    """A record file's data at some revision, or why it could not be read."""

    data: dict[str, Any] | None
    error: str | None = None


def parse(text: str | None) -> Parsed:
    """The data of a file's text, with the reason when it is not a readable record."""
    if text is None:
        return Parsed(None)
    try:
        root = compose(text)
        value = construct(root) if root is not None else None
    except YamlRejected as e:
        issue = e.issue
        return Parsed(None, f"{issue.code} at line {issue.line + 1}: {issue.message}")
    if not isinstance(value, dict):
        return Parsed(None, "not a mapping of field: value")
    return Parsed(value)


def parse_blobs(repo: Repo, ids: Iterable[str | None]) -> dict[str, Parsed]:
    """Each blob's data, read once per id; a blob over the size cap is not read at all."""
    parsed = {}
    stored = gitobjects.read_objects(repo.root, (i for i in ids if i), MAX_FILE_BYTES)
    for object_id, blob in stored.items():
        if blob.kind != "blob":
            parsed[object_id] = Parsed(None, f"not a file ({blob.kind})")
        elif blob.content is None:
            size = f"{blob.size / 1024 / 1024:.1f} MiB"
            parsed[object_id] = Parsed(None, f"file-too-large: {size}, over the size cap")
        else:
            parsed[object_id] = parse(blob.content.decode("utf-8", "replace"))
    return parsed


def _data_files(repo: Repo, rev: str) -> list[tuple[str, TreeEntry]]:
    """The files of the data folder at a commit, with their path inside the folder."""
    entries = gitobjects.list_tree(repo.root, rev, repo.data or ".")
    return [(relative, e) for e in entries if (relative := repo.inside(e.path)) is not None]


def export(repo: Repo, rev: str, target: Path) -> Path:
    """Write the data folder as it was at a commit under `target`; return its path there.

    Only regular files are written, each below `target/data` by plain path components;
    a blob over the size cap becomes a sparse file of its size (so that the loader
    reports it as it would on disk) and is never read. Links and submodules are left out.
    """
    data_dir = target / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    files = [(rel, e) for rel, e in _data_files(repo, rev) if e.mode in REGULAR_MODES]
    stored = gitobjects.read_objects(repo.root, (e.object_id for _, e in files), MAX_FILE_BYTES)
    for relative, entry in files:
        blob = stored.get(entry.object_id)
        file = data_dir.joinpath(*relative.split("/"))
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            with file.open("xb") as out:  # a name listed twice must not overwrite
                if blob is not None and blob.content is not None:
                    out.write(blob.content)
                elif blob is not None:
                    out.truncate(blob.size)
        except OSError:  # a name this file system cannot hold, or a file named like a folder
            continue
    return data_dir


def files_at(repo: Repo, rev: str) -> list[str]:
    """The record files of the data folder at a commit."""
    return sorted(e.path for _, e in _data_files(repo, rev) if record_key(repo, e.path))


def snapshot(repo: Repo, rev: str | None) -> dict[RecordKey, tuple[str, Parsed]]:
    """Every record at a commit, or in the working tree if `rev` is None, with its file."""
    if rev is None:
        return _working_snapshot(repo)
    entries = [e for _, e in _data_files(repo, rev) if e.mode in REGULAR_MODES]
    blobs = parse_blobs(repo, (e.object_id for e in entries))
    result = {}
    for entry in sorted(entries, key=lambda e: e.path):
        key = record_key(repo, entry.path)
        if key is not None:
            result[key] = (entry.path, blobs.get(entry.object_id, Parsed(None, "missing")))
    return result


def _working_snapshot(repo: Repo) -> dict[RecordKey, tuple[str, Parsed]]:
    data_dir = repo.root / repo.data
    result = {}
    for file in sorted(data_dir.rglob("*.yaml")):
        path = file.relative_to(repo.root).as_posix()
        key = record_key(repo, path)
        if key is not None:
            text, problem = read_text(file, path)
            result[key] = (path, parse(text) if problem is None else Parsed(None, problem.code))
    return result


@dataclass(frozen=True)
class Commit:
    """One commit of the log, with the data files it changed."""

    sha: str
    parent: str | None  # None: a root commit, or the first commit of a shallow clone
    date: str
    author: str
    subject: str
    changes: tuple[FileChange, ...] = field(default=())

    @property
    def files(self) -> tuple[str, ...]:
        """The paths the commit changed."""
        return tuple(change.path for change in self.changes)


def log(repo: Repo, paths: Iterable[str] | None = None) -> list[Commit]:
    """The commits that changed the data folder (or `paths`), newest first."""
    where = list(paths) if paths is not None else [repo.data or "."]
    out = gitrun.run(
        repo.root, "log", "-z", "--raw", "--no-abbrev", "--no-renames", "--no-ext-diff",
        "--no-textconv", "--format=%H %P", "--", *where,
    )  # fmt: skip
    logged = gitobjects.parse_log(out)
    stored = gitobjects.read_objects(repo.root, (c.sha for c in logged), MAX_FILE_BYTES)
    commits = []
    for entry in logged:
        blob = stored.get(entry.sha)
        info = gitobjects.commit_info(blob.content if blob else None)
        commits.append(
            Commit(entry.sha, entry.parent, info.date, info.author, info.subject, entry.changes)
        )
    return commits


def boundary(repo: Repo) -> set[str]:
    """The commits where a shallow clone's history stops (their parents are missing)."""
    if not repo.shallow:
        return set()
    out = gitrun.run(repo.root, "rev-parse", "--git-path", "shallow")
    path = Path(out.decode("utf-8", "surrogateescape").removesuffix("\n"))
    shallow_file = path if path.is_absolute() else repo.root / path
    try:
        text = shallow_file.read_text(encoding="ascii", errors="replace")
    except OSError:
        return set()
    return {word for word in text.split() if gitobjects.OBJECT_ID.fullmatch(word)}


def names_of_cities(records: Mapping[RecordKey, tuple[str, Parsed]]) -> dict[str, str]:
    """City id -> name, from the city records of a snapshot."""
    names = {}
    for key, (_, parsed) in records.items():
        if key.kind == "city" and parsed.data and isinstance(parsed.data.get("name"), str):
            names[key.record_id] = parsed.data["name"]
    return names


def changed_files(repo: Repo, rev: str) -> set[str]:
    """Paths inside the data folder of files that differ between a commit and the disk.

    Compared byte for byte by object id, without asking git about the working tree:
    git's status and diff would run the repository's filters and fsmonitor. Every file
    on disk counts, ignored or not: the loader reads them all.
    """
    at_rev = dict(_data_files(repo, rev))
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
