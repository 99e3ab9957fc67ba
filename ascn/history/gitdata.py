"""The dataset in git: records at any revision, and the commits that changed them.

Git runs only through `gitrun` (hardened) and its output is read by `gitobjects`
(object ids, sizes first, NUL-separated). Paths from trees and logs are untrusted:
a path is a record only if it lies in the data folder by plain components, and a
copy of the data at a commit is written only below its own folder. Old revisions are
read with the tool's own YAML reader, so a file that did not parse then is reported,
not fatal; a blob over the size cap is never read. The repository itself and which files
differ from a commit are in `gitrepo`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ascn.history import gitobjects, gitrun
from ascn.history.gitobjects import FileChange
from ascn.history.gitrepo import REGULAR_MODES, Repo, data_files
from ascn.load.loader import KINDS, MAX_FILE_BYTES, Kind, read_text
from ascn.load.yamlread import YamlRejected, compose, construct

WORKING_TREE = "working tree"
KIND_BY_FOLDER = {str(kind.folder): kind for kind in KINDS if kind.folder}


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


def export(repo: Repo, rev: str, target: Path) -> Path:
    """Write the data folder as it was at a commit under `target`; return its path there.

    Only regular files are written, each below `target/data` by plain path components;
    a blob over the size cap becomes a sparse file of its size (so that the loader
    reports it as it would on disk) and is never read. Links and submodules are left out.
    """
    data_dir = target / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    files = [(rel, e) for rel, e in data_files(repo, rev) if e.mode in REGULAR_MODES]
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
    return sorted(e.path for _, e in data_files(repo, rev) if record_key(repo, e.path))


def snapshot(repo: Repo, rev: str | None) -> dict[RecordKey, tuple[str, Parsed]]:
    """Every record at a commit, or in the working tree if `rev` is None, with its file."""
    if rev is None:
        return _working_snapshot(repo)
    entries = [e for _, e in data_files(repo, rev) if e.mode in REGULAR_MODES]
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
