"""What a data folder holds, by hash: the key of the result cache, without parsing anything.

`scan` finds every record file (discovery's rules) and hashes its text after the
loader's safety checks (size, kind, UTF-8); a file that cannot be read is hashed by
the problem why. `Scanned.manifest()` is one hash of all that: two runs that see the
same manifest would load the same values and find the same problems, so a result
stored under it may be given again. This module imports neither pydantic nor the
models, so that `ascn validate` can answer an unchanged dataset from the cache before
loading them (ascn/cli/fastpath.py); the loader and the incremental loader use it too.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ascn.ids import SLUG_PATTERN
from ascn.load import parallel
from ascn.load.discovery import RecordFile, discover, display_path, printable
from ascn.load.filecheck import MAX_FILE_BYTES, read_checked
from ascn.load.manifest import QuickScan, manifest_of
from ascn.problems import DataDirNotFound, Problem, Severity


@dataclass
class Scanned:
    """Every record file with the hash of its text (or of the problem why it has none)."""

    data_dir: Path
    record_files: list[RecordFile]
    problems: list[Problem]  # found by discovery
    digests: list[str] = field(default_factory=list)
    read_problems: list[Problem | None] = field(default_factory=list)

    def manifest(self) -> str:
        """A hash of everything loading depends on: paths, texts, discovery's problems."""
        problems = [repr(problem_json(problem)) for problem in self.problems]
        files = [
            (record_file.kind.name, record_file.display, text_hash)
            for record_file, text_hash in zip(self.record_files, self.digests, strict=True)
        ]
        return manifest_of(self.data_dir, problems, files)


_HANDED: list[QuickScan] = []  # at most one, handed from the fast path to the loader


def hand_over(quick: QuickScan) -> None:
    """Keep the fast path's quick scan for the next `scan` of the same folder in this process.

    The fast path (ascn/cli/fastpath.py) reads and hashes every file to look for a stored
    answer; when there is none, the full validation would read and hash every file
    again (half a second at 10,000 cities). It takes these hashes instead, once, when
    discovery finds the same files.
    """
    _HANDED[:] = [quick]


def scan(data_dir: Path) -> Scanned:
    """Discover every record file and hash its text, on both cores when there are many."""
    quick = _HANDED.pop() if _HANDED else None
    if not data_dir.is_dir():
        raise DataDirNotFound(f"data directory not found: {display_path(data_dir)}")
    record_files, problems = discover(data_dir)
    scanned = Scanned(data_dir, record_files, problems)
    if quick is not None and _same_files(scanned, quick):
        scanned.digests = [text_hash for _, _, text_hash in quick.files]
        scanned.read_problems = [None] * len(record_files)
        return scanned
    for digest, problem in parallel.split_map(_read_digest, record_files):
        scanned.digests.append(digest)
        scanned.read_problems.append(None if problem is None else problem_from_json(problem))
    return scanned


def _same_files(scanned: Scanned, quick: QuickScan) -> bool:
    """Whether discovery found exactly the files of the quick scan, and nothing odd."""
    found = [(f.kind.name, f.display) for f in scanned.record_files]
    listed = [(kind, shown) for kind, shown, _ in quick.files]
    return quick.data_dir == str(scanned.data_dir) and not scanned.problems and found == listed


def _read_digest(record_file: RecordFile) -> tuple[str, list[Any] | None]:
    """The hash of the file's text, or the problem why it cannot be read (as plain values)."""
    text, problem = read_record_file(record_file)
    return text_digest(text, problem), None if problem is None else problem_json(problem)


def read_record_file(record_file: RecordFile) -> tuple[str | None, Problem | None]:
    """The file's text, or the problem why it is not read (a bad name, size, kind, encoding)."""
    problem = check_file_name(record_file)
    if problem is not None:
        return None, problem
    return read_checked(record_file.path, record_file.display, MAX_FILE_BYTES)


def text_digest(text: str | None, problem: Problem | None) -> str:
    """The hash of a file's text, or a stand-in that names why there is no text."""
    if text is None:
        return "unread " + repr(problem_json(problem) if problem else None)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def check_file_name(record_file: RecordFile) -> Problem | None:
    """The bad-file-name problem if the file's name is not a record id."""
    if re.fullmatch(SLUG_PATTERN, record_file.stem):
        return None
    message = f"file name '{printable(record_file.path.name)}' is not a valid record id"
    hint = "use lowercase ascii letters, digits and hyphens, e.g. da-nang.yaml"
    return Problem(record_file.display, 1, 1, "bad-file-name", Severity.ERROR, message, hint)


def problem_json(problem: Problem) -> list[Any]:
    """A problem as a JSON list (every field, in order)."""
    return [
        problem.file,
        problem.line,
        problem.column,
        problem.code,
        problem.severity.value,
        problem.message,
        problem.hint,
        list(problem.pointer),
        problem.part,
        problem.context,
        None if problem.related is None else [problem.related[0], list(problem.related[1])],
    ]


def problem_from_json(value: list[Any]) -> Problem:
    """The problem `problem_json` wrote; ValueError on anything else (the caller's miss)."""
    try:
        return _problem_from_json(value)
    except (TypeError, IndexError, KeyError) as e:  # any shape a damaged entry may have
        raise ValueError("not a stored problem") from e


def _problem_from_json(value: list[Any]) -> Problem:
    file, line, column, code, severity, message, hint, pointer, part, context, related = value
    if not all(isinstance(v, str) for v in (file, code, message)) or part not in ("key", "value"):
        raise ValueError("not a stored problem")
    if type(line) is not int or type(column) is not int or not isinstance(pointer, list):
        raise ValueError("not a stored problem")
    place = None if related is None else (str(related[0]), tuple(related[1]))
    return Problem(
        file, line, column, code, Severity(severity), message, hint, tuple(pointer), part, context,
        place,
    )  # fmt: skip
