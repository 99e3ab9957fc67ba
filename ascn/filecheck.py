"""Reading one record file safely: size cap, regular files only, strict UTF-8."""

from __future__ import annotations

import codecs
import stat
from pathlib import Path

from ascn.problems import Problem, Severity

_OTHER_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
UTF8_HINT = "save the file as UTF-8 without a byte order mark"


def read_checked(path: Path, shown: str, max_bytes: int) -> tuple[str | None, Problem | None]:
    """The text of a regular, readable UTF-8 file of at most `max_bytes`, or why not."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return None, _problem(shown, "stray-file", "not a regular file")
        if info.st_size > max_bytes:
            size = f"{info.st_size / 1024 / 1024:.1f} MiB"
            message = f"file is {size}, over the {max_bytes // 1024} KiB limit for one record"
            return None, _problem(shown, "file-too-large", message, "split or shorten the file")
        data = path.read_bytes()[: max_bytes + 1]  # the file may grow after stat()
    except OSError as e:
        reason = e.strerror or type(e).__name__
        return None, _problem(shown, "unreadable-file", f"cannot read the file: {reason}")
    return decode(data, shown)


def decode(data: bytes, shown: str) -> tuple[str | None, Problem | None]:
    """Strict UTF-8 text without BOM or NUL bytes, or the problem with its position."""
    if data.startswith(codecs.BOM_UTF8):
        return None, _problem(shown, "bom", "the file starts with a byte order mark", UTF8_HINT)
    for bom, name in _OTHER_BOMS:
        if data.startswith(bom):
            return None, _problem(shown, "encoding", f"the file is {name}, not UTF-8", UTF8_HINT)
    nul = data.find(b"\0")
    if nul >= 0:
        return None, _at_byte(data, nul, shown, "the file contains a NUL byte (binary data?)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as e:
        return None, _at_byte(data, e.start, shown, "the file is not valid UTF-8 here")


def _at_byte(data: bytes, offset: int, shown: str, message: str) -> Problem:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return Problem(shown, line, column, "encoding", Severity.ERROR, message, UTF8_HINT)


def _problem(shown: str, code: str, message: str, hint: str | None = None) -> Problem:
    return Problem(shown, 1, 1, code, Severity.ERROR, message, hint)
