"""Builders for hostile cases too large (or too special) to commit: run at test time.

A case under tests/cases/hostile/ whose name is in BUILDERS is copied to a temporary
folder and its builder adds the hostile files there; the committed folder holds the
small base dataset and expected.txt only.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

SOURCE = "id: {id}\ntitle: x\nkind: official\n"
LEVELS = 10_000


def deep_nesting(data: Path) -> None:
    """10,000 levels of flow brackets, of compact block sequences, and 1,000 of indentation."""
    flow = SOURCE.format(id="flow") + "notes: " + "[" * LEVELS + "]" * LEVELS + "\n"
    (data / "sources" / "flow.yaml").write_text(flow)
    (data / "sources" / "block.yaml").write_text("- " * LEVELS + "x\n")
    lines = [" " * level + f"k{level}:" for level in range(1000)]
    (data / "sources" / "indented.yaml").write_text("\n".join(lines) + " x\n")


def huge_file(data: Path) -> None:
    """A 50 MB file (sparse: it takes no disk space, and must never be read)."""
    with (data / "sources" / "huge.yaml").open("wb") as file:
        file.truncate(50 * 1024 * 1024)


def huge_line(data: Path) -> None:
    """A 900 KB value on one line, and a syntax error 500,000 characters into a line."""
    long_value = SOURCE.format(id="long-value") + "notes: " + "x" * 900_000 + "\n"
    (data / "sources" / "long-value.yaml").write_text(long_value)
    syntax = SOURCE.format(id="long-syntax") + "notes: " + "y" * 500_000 + ": z: w\n"
    (data / "sources" / "long-syntax.yaml").write_text(syntax)


def unreadable(data: Path) -> None:
    """A file and a folder without read permission (skipped as root, who reads anything)."""
    if os.geteuid() == 0:
        pytest.skip("root can read any file; test_hostile simulates this case")
    (data / "cities" / "da-nang.yaml").chmod(0)
    (data / "partners").chmod(0)


def special_files(data: Path) -> None:
    """A FIFO named like a record: reading it would block forever."""
    os.mkfifo(data / "sources" / "fifo.yaml")


def hostile_names(data: Path) -> None:
    """File names with terminal escapes, a byte that is not UTF-8, a backslash, dots."""
    folder = os.fsencode(data / "sources")
    for name in (b"x\x1b[2Jy.yaml", b"caf\xe9.yaml", b"a\\b.yaml", b"..yaml", b"...yaml"):
        with open(os.path.join(folder, name), "w") as file:  # noqa: PTH118, PTH123 (bytes)
            file.write("id: x\n")


BUILDERS: dict[str, Callable[[Path], None]] = {
    "deep-nesting": deep_nesting,
    "huge-file": huge_file,
    "huge-line": huge_line,
    "unreadable": unreadable,
    "special-files": special_files,
    "hostile-names": hostile_names,
}


def prepare(case: Path, tmp_path: Path) -> Path:
    """The folder to run `case` in: the case itself, or a built copy under tmp_path."""
    build = BUILDERS.get(case.name) if case.parent.name == "hostile" else None
    if build is None:
        return case
    target = tmp_path / case.name
    shutil.copytree(case, target, symlinks=True)
    build(target / "data")
    return target
