"""The manifest of an ordinary data folder, computed with nothing but the standard library.

`ascn.load.scan` computes a data folder's manifest (the hash that keys a stored result)
with discovery's and the file check's full rules. Importing them (dataclasses, the
problem types) costs as much as the rest of answering an unchanged dataset from the
cache (ascn/cli/fastpath.py), so this module computes the same hash for the ordinary case
only: network.yaml and the record folders, each holding plain `<id>.yaml` files of
strict UTF-8 under the size cap. On anything else (a link, a stray or hidden-name-only
oddity that discovery reports, a file the check would refuse) it gives up and returns
None; the full command then runs. A test compares it with `scan` on every case folder.

It is also the one home of how paths are shown (`display_path`, `printable`), which
discovery uses, so that both compute the same names.
"""

# Paths are strings joined with os.path here: a Path object per file costs more than the
# hashing at 10,000 cities (22,000 files), and this module exists to be quick.
# ruff: noqa: PTH114, PTH118

from __future__ import annotations

import hashlib
import os
import re
import stat

from ascn.ids import SLUG_PATTERN

# Where each kind of record lives, in the order files are loaded (discovery's KINDS).
NETWORK_FILE = "network.yaml"
RECORD_FOLDERS = (
    ("source", "sources"),
    ("country", "countries"),
    ("city", "cities"),
    ("plan", "plans"),
    ("partner", "partners"),
)
MAX_FILE_BYTES = 1024 * 1024  # a record is a few KiB; a larger file is a mistake or an attack
_SLUG = re.compile(SLUG_PATTERN)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_BOM_STARTS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")  # UTF-8, UTF-16/32 LE, UTF-16 BE


class _Unusual(Exception):
    """Something the full scan would report or treat specially: give up."""


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as users see it: relative to the current directory when below it, printable."""
    try:
        shown = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        shown = os.fspath(path)
    return printable(shown)


def printable(text: str) -> str:
    """Text with control characters and undecodable bytes written as escapes (`\\x1b`)."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


def _escape(char: str) -> str:
    if "\udc80" <= char <= "\udcff":  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii")


class QuickScan:
    """The manifest of an ordinary data folder and each file's line of it."""

    def __init__(self, data_dir: str) -> None:
        self.data_dir = data_dir
        self.files: list[tuple[str, str, str]] = []  # kind, name as shown, hash of the text
        self.manifest = ""


def quick_manifest(data_dir: str) -> str | None:
    """`scan(data_dir).manifest()` for an ordinary data folder, else None."""
    found = quick_scan(data_dir)
    return None if found is None else found.manifest


def quick_scan(data_dir: str) -> QuickScan | None:
    """The quick scan of an ordinary data folder, else None."""
    try:
        return _scan(data_dir)
    except (_Unusual, OSError, UnicodeError):
        return None


def _scan(data_dir: str) -> QuickScan:
    if os.path.islink(data_dir):
        raise _Unusual
    top = _plain_entries(data_dir)
    expected = {NETWORK_FILE, *(folder for _, folder in RECORD_FOLDERS)}
    if NETWORK_FILE not in top or not set(top) <= expected or top[NETWORK_FILE] != "file":
        raise _Unusual
    found = QuickScan(data_dir)
    network = os.path.join(data_dir, NETWORK_FILE)
    found.files.append(("network", display_path(network), _text_hash(network)))
    for kind, folder in RECORD_FOLDERS:
        if folder not in top:
            continue
        if top[folder] != "folder":
            raise _Unusual
        path = os.path.join(data_dir, folder)
        base = display_path(path)
        for name in sorted(_yaml_files(path)):
            shown = printable(name) if base == "." else f"{base}{os.sep}{printable(name)}"
            found.files.append((kind, shown, _text_hash(os.path.join(path, name))))
    found.manifest = manifest_of(data_dir, [], found.files)
    return found


def manifest_of(
    data_dir: str | os.PathLike[str], problems: list[str], files: list[tuple[str, str, str]]
) -> str:
    """The manifest: the folder as shown, discovery's problems (as text) and each file's
    kind, name as shown and text hash. The one formula of both scans."""
    digest = hashlib.sha256(display_path(data_dir).encode())
    for problem in problems:
        digest.update(problem.encode())
    for kind, shown, text_hash in files:
        digest.update(f"\0{kind}\0{shown}\0{text_hash}".encode())
    return digest.hexdigest()


def _plain_entries(folder: str) -> dict[str, str]:
    """Non-hidden entries by name: "file" or "folder"; a link or anything else is unusual."""
    found = {}
    with os.scandir(folder) as listing:
        for entry in listing:
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():
                raise _Unusual
            found[entry.name] = "folder" if entry.is_dir() else "file" if entry.is_file() else ""
            if not found[entry.name]:
                raise _Unusual
    return found


def _yaml_files(folder: str) -> list[str]:
    """The folder's record file names; anything discovery would call stray is unusual."""
    names = []
    for name, kind in _plain_entries(folder).items():
        stem, dot, suffix = name.rpartition(".")
        if kind != "file" or not dot or suffix != "yaml" or not _SLUG.fullmatch(stem):
            raise _Unusual
        names.append(name)
    return names


def _text_hash(path: str) -> str:
    """The hash of a file's text as the scan computes it, if the file check would accept it."""
    data = _read_small(path)
    if data.startswith(_BOM_STARTS) or b"\0" in data:
        raise _Unusual
    data.decode("utf-8")  # strict: raises on text the file check would refuse
    # For valid UTF-8 the scan's hash of the decoded text is the hash of these bytes.
    return hashlib.sha256(data).hexdigest()


def _read_small(path: str) -> bytes:
    """The bytes of a regular file under the size cap, read in one call (else unusual).

    Opened without blocking, as the file check does, in case a FIFO took the file's place.
    """
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            raise _Unusual
        data = os.read(descriptor, info.st_size + 1)
    finally:
        os.close(descriptor)
    if len(data) != info.st_size:  # it changed while being read
        raise _Unusual
    return data
