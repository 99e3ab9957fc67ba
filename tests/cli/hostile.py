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

from tests import gitcraft

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


TRAP = '#!/bin/sh\ntouch "{data}/cities/trap-ran.yaml"\nsleep 30\n'


def _commit_all(root: Path, message: str) -> None:
    gitcraft.git(
        root, "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=", "add", "-A", "data"
    )
    gitcraft.git(root, "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=",
                 "commit", "-q", "--no-verify", "-m", message)  # fmt: skip


def git_traps(data: Path) -> None:
    """A repository whose config runs a slow program that adds a city, from every hook git has:
    if ascn let git run one, the case would time out and show the extra city."""
    root = gitcraft.init(data.parent)
    _commit_all(root, "first")
    trap = root.parent / "trap"
    trap.write_text(TRAP.format(data=data))
    trap.chmod(0o755)
    for key in ("core.fsmonitor", "diff.external", "diff.t.textconv", "diff.t.command",
                "filter.t.clean", "filter.t.smudge", "core.pager", "gpg.program"):  # fmt: skip
        gitcraft.git(root, "config", key, str(trap))
    gitcraft.git(root, "config", "log.showSignature", "true")
    (root / ".gitattributes").write_text("* diff=t filter=t\n")
    (root / ".git" / "hooks" / "post-index-change").symlink_to(trap)
    city = data / "cities" / "da-nang.yaml"
    city.write_text(city.read_text() + "national_capital: false\n")
    off = ("-c", "filter.t.clean=cat", "-c", "core.fsmonitor=", "-c", "core.hooksPath=/dev/null")
    gitcraft.git(root, *off, "commit", "-q", "-a", "-m", "Da Nang is not the capital")
    city.write_text(city.read_text().replace("name: Da Nang", "name: Da Nang City"))


def git_huge_blob(data: Path) -> None:
    """A 60 MB version of a city in history: reading it would cost gigabytes."""
    root = gitcraft.init(data.parent)
    _commit_all(root, "first")
    city = data / "cities" / "da-nang.yaml"
    original = city.read_bytes()
    city.write_bytes(original + b"notes: " + b"x" * 60_000_000 + b"\n")
    _commit_all(root, "huge notes")
    city.write_bytes(original)
    _commit_all(root, "notes removed")


def git_hostile_names(data: Path) -> None:
    """A crafted commit whose tree holds `..`, `.`, names with `/`, newlines, separators and
    escapes in data/cities, tagged `crafted`; the real data is committed on top of it."""
    root = gitcraft.init(data.parent)
    good = gitcraft.blob(root, b"id: x\nname: X\ncountry: VN\njoined: 2018\n")
    names = [b"..", b".", b"../../escape.yaml", b"a\nb.yaml", b"\x1b[2J.yaml", b"x\x1fy\x1ez.yaml"]
    cities = gitcraft.tree(root, sorted((("100644", n, good) for n in names), key=lambda e: e[1]))
    tree = gitcraft.tree(
        root, [("40000", b"data", gitcraft.tree(root, [("40000", b"cities", cities)]))]
    )
    gitcraft.git(root, "update-ref", "refs/tags/crafted", gitcraft.commit(root, tree, b"crafted\n"))
    _commit_all(root, "real data")


def git_hostile_log(data: Path) -> None:
    """Commits whose author and subject hold terminal escapes, separators and NUL, one with a
    timestamp too large for a date; history must show them escaped, one commit per entry."""
    root = gitcraft.init(data.parent)
    _commit_all(root, "first")
    head = gitcraft.git(root, "rev-parse", "HEAD").decode().strip()
    city = data / "cities" / "da-nang.yaml"
    base = city.read_text()
    commits = [
        (b"Eve\x1b]0;pwned\x07", b"sub\x1b[2Jject\x1f1\x1e2\x00three", b"1704103200 +0700"),
        (b"Mallory\x9b31m", b"line\rover\nwritten", b"9" * 30 + b" +0000"),
    ]
    for population, (author, subject, stamp) in enumerate(commits, 1):
        city.write_text(base + f"notes: population {population}\n")
        gitcraft.git(root, "add", "-A", "data")
        tree = gitcraft.git(root, "write-tree").decode().strip()
        head = gitcraft.commit(root, tree, subject + b"\n", parent=head, author=author, stamp=stamp)
    gitcraft.git(root, "reset", "-q", "--hard")


def _source(name: str, text: str, end: str = "\n") -> tuple[str, bytes]:
    return name, text.replace("\n", end).encode()


POSITION_FILES = (
    _source("line-sep.yaml", 'id: line-sep\ntitle: "a\u2028b\u2029c"\nkind: officia\n'),
    _source("nel.yaml", 'id: nel\ntitle: "a\x85b"\nkind: officia\n'),
    _source("cr-only.yaml", "id: cr-only\ntitle: x\nkind: officia\n", "\r"),
    _source("crlf.yaml", "id: crlf\ntitle: x\nkind: officia\n", "\r\n"),
    _source("control.yaml", 'id: control\nnotes: "a\u2028b"\ntitle: "x\x1b[2Jy"\n'),
    _source(
        "conflict.yaml", "id: conflict\n<<<<<<< HEAD\ntitle: x\n=======\ntitle: y\n>>>>>>> b\n"
    ),
    _source("long-key.yaml", "id: long-key\ntitle: x\n" + "k" * 3000 + ": 1\n"),
)


def positions(data: Path) -> None:
    """Line separators libyaml counts and editors do not, CR-only and CRLF files, a control
    character after a separator, a merge conflict, a 3,000-character key."""
    for name, content in POSITION_FILES:
        (data / "sources" / name).write_bytes(content)


def many_problems(data: Path) -> None:
    """One file with 10,000 unknown keys: locating them was quadratic (30,000: > 15 min)."""
    keys = "".join(f"k{i:05d}: 1\n" for i in range(10_000))
    (data / "sources" / "many.yaml").write_text(SOURCE.format(id="many") + keys)


def writer_link_out(data: Path) -> None:
    """The plan is a link to a file outside data/: `fmt` must not write through it."""
    plan = data / "plans" / "da-nang.yaml"
    outside = data.parent / "outside.yaml"
    outside.write_text("projects: []\ncity: da-nang\n")  # out of order: fmt would rewrite it
    plan.unlink()
    plan.symlink_to(outside)


def writer_copy(data: Path) -> None:
    """Writers run on a copy: a refusal must leave it as it is, and nothing else is touched."""


BUILDERS: dict[str, Callable[[Path], None]] = {
    "writer-link-out": writer_link_out,
    "writer-path-ids": writer_copy,
    "writer-future-year": writer_copy,
    "git-traps": git_traps,
    "git-traps-changed-since": git_traps,
    "git-huge-blob": git_huge_blob,
    "git-hostile-names": git_hostile_names,
    "git-hostile-log": git_hostile_log,
    "positions": positions,
    "many-problems": many_problems,
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
