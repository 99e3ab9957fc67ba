"""The dataset in git: records at any revision, and the commits that changed them.

The only module that runs git. Every call is a fixed argument list (no shell); file
contents come from one `git cat-file --batch` process per command, and history from one
`git log --name-status` pass over data/. Old revisions are read with the tool's own YAML
reader, so a file that did not parse then is reported, not fatal.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ascn.load.loader import KINDS, Kind, read_text
from ascn.load.yamlread import YamlRejected, compose, construct
from ascn.problems import AscnError, GitUnavailable

WORKING_TREE = "working tree"
KIND_BY_FOLDER = {str(kind.folder): kind for kind in KINDS if kind.folder}


class UnknownRevision(AscnError):
    """A revision given to `ascn diff` or `--changed-since` does not name a commit."""


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run git in `root` and return its output; GitUnavailable if it fails."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError as e:
        raise GitUnavailable("git is not installed; history and diffs need it") from e
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitUnavailable(f"git {args[0]} failed: {reason[-1] if reason else done.returncode}")
    return done.stdout


@dataclass(frozen=True)
class Repo:
    """A git work tree and where the data folder lies in it."""

    root: Path
    data: str  # the data folder relative to the root, with forward slashes ("data")
    shallow: bool

    def rev_parse(self, rev: str) -> str:
        """The full commit id a revision names; UnknownRevision if none."""
        try:
            return (
                _git(self.root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
                .decode()
                .strip()
            )
        except GitUnavailable as e:
            hint = " (the clone is shallow: its history may not reach it)" if self.shallow else ""
            raise UnknownRevision(f"unknown revision '{rev}'{hint}") from e

    def shallow_note(self) -> str | None:
        """What to say when the history is truncated."""
        if not self.shallow:
            return None
        return "this clone is shallow: older history is missing (run `git fetch --unshallow`)"


def open_repo(data_dir: Path) -> Repo:
    """The repository holding `data_dir`; GitUnavailable outside a git work tree."""
    start = data_dir if data_dir.is_dir() else Path.cwd()
    try:
        root = Path(_git(start, "rev-parse", "--show-toplevel").decode().strip())
    except GitUnavailable as e:
        raise GitUnavailable(
            "not in a git work tree: history and diffs need a clone of the data repository"
        ) from e
    shallow = _git(root, "rev-parse", "--is-shallow-repository").decode().strip() == "true"
    data = data_dir.resolve().relative_to(root.resolve()).as_posix()
    return Repo(root, data, shallow)


@dataclass(frozen=True)
class RecordKey:
    """Which record a data file holds."""

    kind: str
    record_id: str


def record_key(repo: Repo, path: str) -> RecordKey | None:
    """The record a repository path holds, if it is a record file of the data folder."""
    prefix = repo.data.rstrip("/") + "/" if repo.data not in ("", ".") else ""
    if not path.startswith(prefix) or not path.endswith(".yaml"):
        return None
    parts = path[len(prefix) :].split("/")
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


def read_raw(repo: Repo, specs: Iterable[str]) -> dict[str, bytes | None]:
    """The bytes of each `REV:path` (None where it does not exist), in one git process."""
    wanted = list(dict.fromkeys(specs))
    if not wanted:
        return {}
    out = _git(repo.root, "cat-file", "--batch", stdin="".join(f"{s}\n" for s in wanted).encode())
    blobs: dict[str, bytes | None] = {}
    position = 0
    for spec in wanted:
        header_end = out.index(b"\n", position)
        header = out[position:header_end].split()
        position = header_end + 1
        if len(header) < 3 or header[1] != b"blob":
            blobs[spec] = None  # "<spec> missing": no such file at that revision
            continue
        size = int(header[2])
        blobs[spec] = out[position : position + size]
        position += size + 1
    return blobs


def read_blobs(repo: Repo, specs: Iterable[str]) -> dict[str, str | None]:
    """The text of each `REV:path` (None where it does not exist), in one git process."""
    return {
        spec: None if blob is None else blob.decode("utf-8", "replace")
        for spec, blob in read_raw(repo, specs).items()
    }


def export(repo: Repo, rev: str, target: Path) -> Path:
    """Write the data folder as it was at a commit under `target`; return its path there."""
    listing = _git(repo.root, "ls-tree", "-r", "-z", "--name-only", rev, "--", repo.data)
    paths = [p for p in listing.decode().split("\0") if p]
    blobs = read_raw(repo, (f"{rev}:{p}" for p in paths))
    data_dir = target / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    for path in paths:
        blob = blobs[f"{rev}:{path}"]
        if blob is not None:
            file = data_dir / Path(path).relative_to(repo.data)
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(blob)
    return data_dir


def files_at(repo: Repo, rev: str) -> list[str]:
    """The record files of the data folder at a commit."""
    listing = _git(repo.root, "ls-tree", "-r", "-z", "--name-only", rev, "--", repo.data)
    return sorted(p for p in listing.decode().split("\0") if p and record_key(repo, p))


def snapshot(repo: Repo, rev: str | None) -> dict[RecordKey, tuple[str, Parsed]]:
    """Every record at a commit, or in the working tree if `rev` is None, with its file."""
    if rev is None:
        return _working_snapshot(repo)
    paths = files_at(repo, rev)
    texts = read_blobs(repo, (f"{rev}:{p}" for p in paths))
    result = {}
    for path in paths:
        key = record_key(repo, path)
        if key is not None:
            result[key] = (path, parse(texts[f"{rev}:{path}"]))
    return result


def _working_snapshot(repo: Repo) -> dict[RecordKey, tuple[str, Parsed]]:
    data_dir = repo.root / repo.data
    result = {}
    for file in sorted(data_dir.rglob("*.yaml")):
        path = file.relative_to(repo.root).as_posix()
        key = record_key(repo, path)
        if key is not None:
            text, _ = read_text(file, path)
            result[key] = (path, parse(text))
    return result


@dataclass(frozen=True)
class Commit:
    """One commit of the log, with the data files it changed."""

    sha: str
    parent: str | None  # None: a root commit, or the first commit of a shallow clone
    date: str
    author: str
    subject: str
    files: tuple[str, ...] = field(default=())


_FIELD, _RECORD = "\x1f", "\x1e"


def log(repo: Repo, paths: Iterable[str] | None = None) -> list[Commit]:
    """The commits that changed the data folder (or `paths`), newest first, in one git call."""
    fmt = _RECORD + _FIELD.join(("%H", "%P", "%ad", "%an", "%s"))
    where = list(paths) if paths is not None else [repo.data]
    out = _git(
        repo.root, "log", f"--format={fmt}", "--date=short", "--name-only", "--no-renames",
        "-z", "--", *where,
    ).decode("utf-8", "replace")  # fmt: skip
    return [_commit(chunk) for chunk in out.split(_RECORD) if chunk.strip("\0\n")]


def _commit(chunk: str) -> Commit:
    header, _, names = chunk.partition("\n")  # with -z the header ends in NUL, newline
    sha, parents, date, author, subject = header.rstrip("\0").split(_FIELD)
    files = tuple(name.strip("\n") for name in names.split("\0") if name.strip("\n"))
    parent = parents.split()[0] if parents.strip() else None
    return Commit(sha, parent, date, author, subject, files)


def boundary(repo: Repo) -> set[str]:
    """The commits where a shallow clone's history stops (their parents are missing)."""
    if not repo.shallow:
        return set()
    path = Path(_git(repo.root, "rev-parse", "--git-path", "shallow").decode().strip())
    shallow_file = path if path.is_absolute() else repo.root / path
    return set(shallow_file.read_text(encoding="ascii").split()) if shallow_file.exists() else set()


def names_of_cities(records: Mapping[RecordKey, tuple[str, Parsed]]) -> dict[str, str]:
    """City id -> name, from the city records of a snapshot."""
    names = {}
    for key, (_, parsed) in records.items():
        if key.kind == "city" and parsed.data and isinstance(parsed.data.get("name"), str):
            names[key.record_id] = parsed.data["name"]
    return names


def changed_files(repo: Repo, rev: str) -> Iterator[str]:
    """Repository paths of data files that differ between a commit and the working tree."""
    out = _git(repo.root, "diff", "--name-only", "-z", "--no-renames", rev, "--", repo.data)
    untracked = _git(repo.root, "ls-files", "--others", "--exclude-standard", "-z", "--", repo.data)
    for name in (out + untracked).decode().split("\0"):
        if name:
            yield name
