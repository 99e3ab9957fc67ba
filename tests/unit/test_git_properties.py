"""Property tests: git-facing parsing holds for arbitrary names, authors and messages.

Each example builds a real repository from raw objects, so names and messages reach ascn
exactly as generated (newlines, separators, NUL, escapes, `..`), past git's clean-up.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ascn.history import gitdata, gitrepo
from tests import gitcraft

# Any character but `/` and NUL (a tree entry name cannot hold them) and surrogates (not UTF-8).
NAME_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="/\0")
names = st.text(NAME_CHARS, min_size=1, max_size=20)
authors = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="<>\n"))
subjects = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), min_size=1
).filter(lambda s: s == s.strip(" \t"))
commits = st.lists(st.tuples(names, authors, subjects), min_size=1, max_size=3).filter(
    lambda cs: len({n for n, _, _ in cs}) == len(cs)
)
PROPERTY = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _build(root: Path, history: list[tuple[str, str, str]]) -> list[str]:
    """One commit per (name, author, subject), each adding data/cities/<name>; their ids."""
    gitcraft.init(root)
    (root / "data").mkdir()
    files: dict[bytes, bytes] = {}
    shas: list[str] = []
    for index, (name, author, subject) in enumerate(history):
        files[b"cities/" + name.encode()] = f"id: x\nname: City {index}\n".encode()
        tree = gitcraft.data_tree(root, files)
        parent = shas[-1] if shas else None
        message = subject.encode() + b"\n\nbody\n"
        shas.append(gitcraft.commit(root, tree, message, parent=parent, author=author.encode()))
    return shas


@PROPERTY
@given(commits)
def test_log_reads_every_commit_exactly(history: list[tuple[str, str, str]]) -> None:
    """Authors, subjects and the one file each commit added come back as written."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shas = _build(root, history)
        found = gitdata.log(gitrepo.open_repo(root / "data"))
    assert [(c.sha, c.author, c.subject, c.files) for c in found] == [
        (sha, author, subject, (f"data/cities/{name}",))
        for sha, (name, author, subject) in reversed(list(zip(shas, history, strict=True)))
    ]


@PROPERTY
@given(st.lists(names, min_size=1, max_size=6, unique=True))
def test_export_stays_in_its_folder(file_names: list[str]) -> None:
    """Whatever the names in a tree, the copy of the data holds only plain paths below it."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "repo"
        _build(root, [(name, "a", "s") for name in file_names])
        target = Path(folder) / "copy"
        repo = gitrepo.open_repo(root / "data")
        gitdata.export(repo, "HEAD", target)
        written = sorted(p.relative_to(target).as_posix() for p in target.rglob("*"))
        outside = sorted(p.name for p in Path(folder).iterdir())
    plain = sorted(n for n in file_names if n not in (".", ".."))
    assert written == ["data", "data/cities", *(f"data/cities/{n}" for n in plain)]
    assert outside == ["copy", "repo"]
