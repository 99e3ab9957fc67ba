"""Git objects and logs read as untrusted data: by object id, sizes first, NUL-separated.

Objects are named by their ids only (never `REV:path`, which a path with a newline would
break), their sizes are read with `cat-file --batch-check` before any content, and
objects over the cap are never read: a 54 MB blob costs one header line. Commit
metadata comes from the commit objects themselves (lengths, not separators), so an
author or subject holding NUL, newlines or unit separators cannot shift the parsing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from ascn.history import gitrun
from ascn.problems import GitUnavailable

OBJECT_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_CHECK_LINE = re.compile(rb"([0-9a-f]{40,64}) (blob|tree|commit|tag) ([0-9]{1,15})")
NULL_IDS = frozenset({"0" * 40, "0" * 64})


@dataclass(frozen=True)
class Stored:
    """An object's type and size, and its content if it is within the cap (else None)."""

    kind: str
    size: int
    content: bytes | None


def _sizes(root: Path, ids: list[str]) -> dict[str, tuple[str, int]]:
    """Type and size of each id that exists in the repository."""
    stdin = "".join(f"{i}\n" for i in ids).encode()
    out = gitrun.run(root, "cat-file", "--batch-check", stdin=stdin)
    found = {}
    for line in out.split(b"\n"):
        match = _CHECK_LINE.fullmatch(line)
        if match:
            found[match[1].decode()] = (match[2].decode(), int(match[3]))
    return found


def read_objects(root: Path, ids: Iterable[str], max_bytes: int) -> dict[str, Stored]:
    """Each existing object among `ids`, with the content of those of at most `max_bytes`."""
    wanted = [i for i in dict.fromkeys(ids) if OBJECT_ID.fullmatch(i) and i not in NULL_IDS]
    if not wanted:
        return {}
    sizes = _sizes(root, wanted)
    small = [i for i, (_, size) in sizes.items() if size <= max_bytes]
    contents = _contents(root, small, sizes) if small else {}
    return {i: Stored(kind, size, contents.get(i)) for i, (kind, size) in sizes.items()}


def _contents(root: Path, ids: list[str], sizes: dict[str, tuple[str, int]]) -> dict[str, bytes]:
    """The content of each id, read by the sizes checked before (never by line ends)."""
    out = gitrun.run(root, "cat-file", "--batch", stdin="".join(f"{i}\n" for i in ids).encode())
    contents, position = {}, 0
    for object_id in ids:
        header_end = out.find(b"\n", position)
        size = sizes[object_id][1]
        expected = f"{object_id} {sizes[object_id][0]} {size}".encode()
        if header_end < 0 or out[position:header_end] != expected:
            raise GitUnavailable("git cat-file gave an object other than the one asked for")
        contents[object_id] = out[header_end + 1 : header_end + 1 + size]
        position = header_end + 1 + size + 1
    return contents


@dataclass(frozen=True)
class TreeEntry:
    """A file of a tree listing: mode, object id, size and path (from `ls-tree -r -z -l`)."""

    mode: str
    object_id: str
    size: int
    path: str


_TREE_ENTRY = re.compile(r"([0-7]{6}) (blob|commit|tree) ([0-9a-f]{40,64}) +(-|[0-9]{1,15})\t")


def list_tree(root: Path, rev: str, folder: str) -> list[TreeEntry]:
    """The files under `folder` at `rev`; entries are split on NUL, never on line ends."""
    out = gitrun.run(root, "ls-tree", "-r", "-z", "-l", rev, "--", folder)
    entries = []
    for item in gitrun.nul_fields(out):
        match = _TREE_ENTRY.match(item)
        if match is None:
            raise GitUnavailable("git ls-tree gave a line ascn cannot read")
        size = -1 if match[4] == "-" else int(match[4])
        entries.append(TreeEntry(match[1], match[3], size, item[match.end() :]))
    return entries


@dataclass(frozen=True)
class FileChange:
    """One file a commit changed, with its blob before and after (None: absent on that side)."""

    path: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class LoggedCommit:
    """A commit of `git log --raw -z`: its id, first parent and the files it changed."""

    sha: str
    parent: str | None
    changes: tuple[FileChange, ...]


_HEADER = re.compile(r"([0-9a-f]{40,64})((?: [0-9a-f]{40,64})*) ?")
_RAW = re.compile(r":[0-7]{6} [0-7]{6} ([0-9a-f]{40,64}) ([0-9a-f]{40,64}) [A-Z][0-9]*")


def parse_log(out: bytes) -> list[LoggedCommit]:
    """Commits from `git log -z --raw --format=%H %P`: a raw record is always followed by
    its path, taken as it is (a path may start with a newline or a colon)."""
    commits: list[LoggedCommit] = []
    changes: list[FileChange] = []
    fields = out.split(b"\0")
    index = 0
    while index < len(fields):
        item = fields[index].decode("utf-8", "replace").lstrip("\n")
        index += 1
        raw, header = _RAW.fullmatch(item), _HEADER.fullmatch(item)
        if raw and index < len(fields):
            path = fields[index].decode("utf-8", "replace")
            index += 1
            changes.append(FileChange(path, _side(raw[1]), _side(raw[2])))
        elif header:
            _close(commits, changes)
            parents = header[2].split()
            commits.append(LoggedCommit(header[1], parents[0] if parents else None, ()))
        elif item:
            raise GitUnavailable("git log gave a record ascn cannot read")
    _close(commits, changes)
    return commits


def _side(object_id: str) -> str | None:
    return None if object_id in NULL_IDS else object_id


def _close(commits: list[LoggedCommit], changes: list[FileChange]) -> None:
    """Attach the changes read so far to the last commit."""
    if commits and changes:
        last = commits[-1]
        commits[-1] = LoggedCommit(last.sha, last.parent, (*last.changes, *changes))
    changes.clear()


@dataclass(frozen=True)
class CommitInfo:
    """Who wrote a commit, on which day (in the author's time zone), and its subject."""

    date: str
    author: str
    subject: str


_AUTHOR = re.compile(rb"author (.*?) ?<[^<>\n]*> ([0-9]+) ([+-])([0-9]{2})([0-9]{2})")
UNKNOWN_DATE = "????-??-??"


def commit_info(content: bytes | None) -> CommitInfo:
    """The author, date and subject of a raw commit object (placeholders where unreadable)."""
    if content is None:
        return CommitInfo(UNKNOWN_DATE, "?", "(commit too large to read)")
    head, _, message = content.partition(b"\n\n")
    author = next((m for line in head.split(b"\n") if (m := _AUTHOR.fullmatch(line))), None)
    if author is None:
        return CommitInfo(UNKNOWN_DATE, "?", _subject(message))
    name = author[1].decode("utf-8", "replace")
    return CommitInfo(_day(author), name, _subject(message))


def _day(author: re.Match[bytes]) -> str:
    """The author's date as YYYY-MM-DD in their zone; placeholders for an absurd timestamp."""
    sign = -1 if author[3] == b"-" else 1
    offset = timedelta(hours=int(author[4]), minutes=int(author[5])) * sign
    try:
        moment = datetime.fromtimestamp(int(author[2]), UTC).astimezone(timezone(offset))
    except (OverflowError, OSError, ValueError):  # ValueError: over 4,300 digits, or zone
        return UNKNOWN_DATE
    return moment.date().isoformat()


def _subject(message: bytes) -> str:
    """The first paragraph of a message on one line, as git's %s gives it."""
    paragraph = message.lstrip(b"\n").split(b"\n\n", 1)[0]
    lines = paragraph.decode("utf-8", "replace").split("\n")
    return " ".join(line.strip(" \t\r") for line in lines if line.strip(" \t\r"))
