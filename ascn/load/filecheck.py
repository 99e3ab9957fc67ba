"""Reading one record file safely: size cap, regular files only, strict UTF-8."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from ascn.load.manifest import MAX_FILE_BYTES

__all__ = ["MAX_FILE_BYTES", "decode", "open_file", "read_checked"]
from ascn.load.positions import Lines
from ascn.problems import Problem, Severity

_OTHER_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
UTF8_HINT = "save the file as UTF-8 without a byte order mark"


def read_checked(path: Path, shown: str, max_bytes: int) -> tuple[str | None, Problem | None]:
    """The text of a regular, readable UTF-8 file of at most `max_bytes`, or why not.

    The size and kind are checked before the file is opened (a 50 MB file costs one
    stat), and again on the open file, which is opened without blocking: a file
    swapped for a FIFO or grown in between is still refused, never waited on.
    """
    try:
        problem = _shape_problem(path.stat(), shown, max_bytes)
        if problem is not None:
            return None, problem
        data, problem = _read_regular(path, shown, max_bytes)
    except OSError as e:
        reason = e.strerror or type(e).__name__
        return None, _problem(shown, "unreadable-file", f"cannot read the file: {reason}")
    if data is None:
        return None, problem
    return decode(data, shown)


def _shape_problem(info: os.stat_result, shown: str, max_bytes: int) -> Problem | None:
    if not stat.S_ISREG(info.st_mode):
        return _problem(shown, "stray-file", "not a regular file")
    if info.st_size > max_bytes:
        return _too_large(shown, info.st_size, max_bytes)
    return None


def _too_large(shown: str, size: int, max_bytes: int) -> Problem:
    message = f"file is {size / 1024 / 1024:.1f} MiB, over the {max_bytes // 1024} KiB limit"
    return _problem(
        shown, "file-too-large", message + " for one record", "split or shorten the file"
    )


_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def open_file(path: Path) -> int:
    """A file descriptor for reading that never blocks on open (FIFOs) and is not inherited."""
    return os.open(path, _FLAGS | getattr(os, "O_CLOEXEC", 0))


def _read_regular(path: Path, shown: str, max_bytes: int) -> tuple[bytes | None, Problem | None]:
    """At most `max_bytes` of the open file, if it is (still) a regular file that fits."""
    descriptor = open_file(path)
    try:
        problem = _shape_problem(os.fstat(descriptor), shown, max_bytes)
        if problem is not None:
            return None, problem
        chunks, size = [], 0
        while size <= max_bytes and (chunk := os.read(descriptor, max_bytes + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(descriptor)
    if size > max_bytes:  # it grew after fstat()
        return None, _too_large(shown, size, max_bytes)
    return b"".join(chunks), None


def decode(data: bytes, shown: str) -> tuple[str | None, Problem | None]:
    """Strict UTF-8 text without BOM or NUL bytes, or the problem with its position."""
    if data.startswith(codecs.BOM_UTF8):
        return None, _problem(shown, "bom", "the file starts with a byte order mark", UTF8_HINT)
    for bom, name in _OTHER_BOMS:
        if data.startswith(bom):
            return None, _problem(shown, "encoding", f"the file is {name}, not UTF-8", UTF8_HINT)
    nul = data.find(b"\0")
    if nul >= 0 and _looks_like_utf16(data):
        message = "the file looks like UTF-16 without a byte order mark, not UTF-8"
        return None, _problem(shown, "encoding", message, UTF8_HINT)
    if nul >= 0:
        return None, _at_byte(data, nul, shown, "the file contains a NUL byte (binary data?)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as e:
        return None, _at_byte(data, e.start, shown, "the file is not valid UTF-8 here")


def _looks_like_utf16(data: bytes) -> bool:
    """Whether the start is ASCII text saved as UTF-16: every other byte NUL, the rest not."""
    head = data[:200]
    even, odd = head[0::2], head[1::2]
    little = not odd.strip(b"\0") and b"\0" not in even
    big = not even.strip(b"\0") and b"\0" not in odd
    return len(head) >= 4 and (little or big)


def _at_byte(data: bytes, offset: int, shown: str, message: str) -> Problem:
    """A problem at the byte `offset`, at the line and column an editor shows (see positions)."""
    before = data[:offset].decode("utf-8", "replace")
    line, column = Lines(before).position(len(before))
    return Problem(shown, line, column, "encoding", Severity.ERROR, message, UTF8_HINT)


def _problem(shown: str, code: str, message: str, hint: str | None = None) -> Problem:
    return Problem(shown, 1, 1, code, Severity.ERROR, message, hint)
