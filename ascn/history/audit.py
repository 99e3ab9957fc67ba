"""`ascn history` and `ascn diff`: who changed what, in the data's own terms, from git."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ascn.history import gitdata, gitrepo
from ascn.history.gitdata import Commit, Parsed, RecordKey
from ascn.history.gitrepo import Repo
from ascn.history.semdiff import Change, RecordDiff, diff_record, label, project_changes
from ascn.load.loader import KINDS
from ascn.problems import AscnError

KIND_ORDER = {kind.name: index for index, kind in enumerate(KINDS)}


class RecordNotFound(AscnError):
    """`ascn history` was given an id that no record has, now or in the history."""


@dataclass(frozen=True)
class Entry:
    """One commit that changed the record, and what it changed."""

    commit: Commit
    lines: tuple[str, ...]


@dataclass(frozen=True)
class History:
    """The commits that changed a record, newest first, and a note if history is missing."""

    record_id: str
    entries: tuple[Entry, ...]
    note: str | None


@dataclass(frozen=True)
class Target:
    """What `ascn history` follows: record files, or one project inside plan files."""

    paths: tuple[str, ...]
    project: str | None = None


def _find_target(
    repo: Repo, record_id: str, current: Mapping[RecordKey, tuple[str, Parsed]]
) -> Target:
    """The files (and project) to follow: as the record is now, else as history had it."""
    paths = [path for key, (path, _) in current.items() if key.record_id == record_id]
    if paths:
        return Target(tuple(sorted(paths)))
    for key, (path, parsed) in current.items():
        if key.kind == "plan" and _project(parsed.data, record_id) is not None:
            return Target((path,), project=record_id)
    removed = {
        path
        for commit in gitdata.log(repo)
        for path in commit.files
        if (found := gitdata.record_key(repo, path)) and found.record_id == record_id
    }
    if removed:
        return Target(tuple(sorted(removed)))
    raise RecordNotFound(f"no city, plan, partner or project '{record_id}' in {repo.data}/")


def _project(plan: dict[str, Any] | None, project_id: str) -> dict[str, Any] | None:
    projects = (plan or {}).get("projects")
    for project in projects if isinstance(projects, list) else []:
        if isinstance(project, dict) and project.get("id") == project_id:
            return project
    return None


def history(data_dir: Path, record_id: str) -> History:
    """Every commit that changed the record (a city, plan, partner or project id)."""
    repo = gitrepo.open_repo(data_dir)
    current = gitdata.snapshot(repo, None)
    target = _find_target(repo, record_id, current)
    commits = gitdata.log(repo, target.paths)
    blobs = gitdata.parse_blobs(
        repo, (side for c in commits for change in c.changes for side in (change.old, change.new))
    )
    names = gitdata.names_of_cities(current)
    stops = gitdata.boundary(repo)
    entries = []
    for commit in commits:
        lines = _commit_lines(repo, commit, target, blobs, names=names, stop=commit.sha in stops)
        if lines:
            entries.append(Entry(commit, tuple(lines)))
    return History(record_id, tuple(entries), repo.shallow_note())


def _commit_lines(
    repo: Repo,
    commit: Commit,
    target: Target,
    blobs: Mapping[str, Parsed],
    *,
    names: Mapping[str, str],
    stop: bool,
) -> list[str]:
    lines: list[str] = []
    for change in commit.changes:
        path = change.path
        key = gitdata.record_key(repo, path)
        if key is None:
            continue
        old = _side(blobs, change.old if commit.parent else None)
        new = _side(blobs, change.new)
        if stop:
            name = label(key.kind, key.record_id, new.data, names)
            lines.append(
                f"{name}: {key.kind} as first seen in this clone (older history is missing)"
            )
            continue
        lines += _change_lines(key, path, old, new, names=names, project=target.project)
    return lines


def _side(blobs: Mapping[str, Parsed], object_id: str | None) -> Parsed:
    """A file's data on one side of a change (absent: no data)."""
    if object_id is None:
        return Parsed(None)
    return blobs.get(object_id, Parsed(None, "missing from this clone"))


def _change_lines(
    key: RecordKey,
    path: str,
    old: Parsed,
    new: Parsed,
    *,
    names: Mapping[str, str],
    project: str | None = None,
) -> list[str]:
    """What changed in one file (or in one project of it), as change lines."""
    for side in (old, new):
        if side.error:
            name = label(key.kind, key.record_id, old.data or new.data, names)
            return [f"{name}: {path} could not be read ({side.error})"]
    if project is None:
        return diff_record(key.kind, key.record_id, old.data, new.data, names)
    city = names.get(key.record_id, key.record_id)
    before, after = _project(old.data, project), _project(new.data, project)
    return list(project_changes(project, before, after, city)) if before != after else []


@dataclass(frozen=True)
class Diff:
    """The semantic changes between two revisions of the data."""

    old: str
    new: str
    records: tuple[RecordDiff, ...]
    note: str | None


def _order(key: RecordKey) -> tuple[int, str]:
    return KIND_ORDER[key.kind], key.record_id


def parse_range(spec: str | None) -> tuple[str, str | None]:
    """`A..B` -> (A, B); `A` -> (A, working tree); nothing -> (HEAD, working tree)."""
    if not spec:
        return "HEAD", None
    if ".." in spec:
        old, new = spec.split("..", 1)
        return old or "HEAD", new or "HEAD"
    return spec, None


def diff(data_dir: Path, spec: str | None) -> Diff:
    """Records added, removed and changed between two revisions (or a revision and the files)."""
    repo = gitrepo.open_repo(data_dir)
    old_rev, new_rev = parse_range(spec)
    old_sha = repo.rev_parse(old_rev)
    new_sha = repo.rev_parse(new_rev) if new_rev is not None else None
    before, after = gitdata.snapshot(repo, old_sha), gitdata.snapshot(repo, new_sha)
    names = {**gitdata.names_of_cities(before), **gitdata.names_of_cities(after)}
    records = []
    for key in sorted(before.keys() | after.keys(), key=_order):
        old_path, old = before.get(key, ("", Parsed(None)))
        new_path, new = after.get(key, ("", Parsed(None)))
        if old == new:
            continue
        change: Change = "changed"
        if key not in before or key not in after:
            change = "added" if key not in before else "removed"
        path = new_path or old_path
        lines = tuple(_change_lines(key, path, old, new, names=names))
        records.append(RecordDiff(key.kind, key.record_id, path, change, lines))
    shown_new = new_rev if new_rev is not None else gitdata.WORKING_TREE
    return Diff(old_rev, shown_new, tuple(records), repo.shallow_note())
