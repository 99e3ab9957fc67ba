"""Build hostile git repositories for tests: traps in the config, crafted trees and commits.

Commits and trees are written as raw objects (`hash-object --literally`), so that names,
authors and messages hold exactly what a test wants, past git's own clean-up.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

CLEAN_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_AUTHOR_DATE": "2024-01-01T10:00:00+00:00",
    "GIT_COMMITTER_DATE": "2024-01-01T10:00:00+00:00",
}


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run plain git (no hardening: this is the attacker's side) and return its output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args],
        cwd=root,
        input=stdin,
        env={**env, **CLEAN_ENV},
        capture_output=True,
        check=True,
    )
    return done.stdout


def init(root: Path) -> Path:
    """A new repository at `root`."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    return root


def put(root: Path, kind: str, content: bytes) -> str:
    """Write a raw object of `kind` and return its id."""
    return git(root, "hash-object", "--literally", "-w", "-t", kind, "--stdin", stdin=content)


def blob(root: Path, content: bytes) -> str:
    """A blob holding `content`."""
    return put(root, "blob", content).decode().strip()


def tree(root: Path, entries: list[tuple[str, bytes, str]]) -> str:
    """A tree of (mode, name, object id) entries, names taken as they are (even `..`, `/`)."""
    raw = b"".join(
        mode.encode() + b" " + name + b"\0" + bytes.fromhex(object_id)
        for mode, name, object_id in entries
    )
    return put(root, "tree", raw).decode().strip()


def commit(
    root: Path,
    tree_id: str,
    message: bytes,
    *,
    parent: str | None = None,
    author: bytes = b"Test",
    stamp: bytes = b"1704103200 +0000",
) -> str:
    """A commit object with exactly these bytes for author and message; HEAD points at it."""
    head = f"tree {tree_id}\n".encode()
    head += f"parent {parent}\n".encode() if parent else b""
    head += b"author " + author + b" <a@example.org> " + stamp + b"\n"
    head += b"committer Test <t@example.org> 1704103200 +0000\n"
    sha = put(root, "commit", head + b"\n" + message).decode().strip()
    git(root, "update-ref", "HEAD", sha)
    return sha


def data_tree(root: Path, files: dict[bytes, bytes]) -> str:
    """A root tree whose `data` folder holds `files` (folder/name -> content), one level deep."""
    folders: dict[bytes, list[tuple[str, bytes, str]]] = {}
    top: list[tuple[str, bytes, str]] = []
    for path, content in sorted(files.items()):
        folder, _, name = path.rpartition(b"/")
        entry = ("100644", name, blob(root, content))
        (folders.setdefault(folder, []) if folder else top).append(entry)
    for folder, entries in sorted(folders.items()):
        top.append(("40000", folder, tree(root, sorted(entries, key=lambda e: e[1]))))
    data = tree(root, sorted(top, key=lambda e: e[1]))
    return tree(root, [("40000", b"data", data)])
