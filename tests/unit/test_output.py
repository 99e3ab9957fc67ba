"""Atomic report writing and the provenance lookup from git."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ascn import __version__, output
from ascn.problems import OutputNotWritable
from ascn.report.provenance import Provenance, lookup


def test_write_files_creates_the_folder_and_returns_paths(tmp_path: Path) -> None:
    """Documents are written under a new folder; paths come back in name order."""
    paths = output.write_files(tmp_path / "out", {"b.md": "B\n", "a.html": "A\n"})
    assert paths == [tmp_path / "out" / "a.html", tmp_path / "out" / "b.md"]
    assert [p.read_text(encoding="utf-8") for p in paths] == ["A\n", "B\n"]


def test_write_files_writes_utf8_bytes_unchanged(tmp_path: Path) -> None:
    """Text is written as UTF-8 with no newline translation."""
    (path,) = output.write_files(tmp_path, {"r.md": "a\r\nb \u00fc\n"})
    assert path.read_bytes() == b"a\r\nb \xc3\xbc\n"


def test_write_files_writes_bytes_into_subfolders(tmp_path: Path) -> None:
    """Bytes are written as given; a name with slashes gets its folders."""
    (path,) = output.write_files(tmp_path, {"cities/hue.sqlite": b"\x00\xff"})
    assert path == tmp_path / "cities" / "hue.sqlite"
    assert path.read_bytes() == b"\x00\xff"


def test_many_files_are_flushed_once_and_all_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beyond SYNC_EACH_UP_TO files one os.sync() replaces the flush per file."""
    calls: list[str] = []
    monkeypatch.setattr(output.os, "sync", lambda: calls.append("sync"))
    monkeypatch.setattr(output.os, "fsync", lambda fd: calls.append("fsync"))
    count = output.SYNC_EACH_UP_TO + 1
    paths = output.write_files(tmp_path, {f"p{n:02d}.html": str(n) for n in range(count)})
    assert calls == ["sync"]
    assert [p.read_text(encoding="utf-8") for p in paths] == [str(n) for n in range(count)]


def test_write_files_replaces_an_existing_file(tmp_path: Path) -> None:
    """A second write replaces the first and leaves no temporary file behind."""
    output.write_files(tmp_path, {"r.md": "old"})
    output.write_files(tmp_path, {"r.md": "new"})
    assert [(p.name, p.read_text("utf-8")) for p in tmp_path.iterdir()] == [("r.md", "new")]


def test_write_files_into_a_file_raises_output_not_writable(tmp_path: Path) -> None:
    """An output folder that is a file is OutputNotWritable."""
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    with pytest.raises(OutputNotWritable, match=r"cannot write to .*taken: File exists"):
        output.write_files(tmp_path / "taken", {"r.md": "new"})


def test_failed_write_changes_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the second document fails, the first target keeps its old text and no temp remains."""
    output.write_files(tmp_path, {"a.md": "old a"})
    real = output._write_temp

    def fail_on_b(target: Path, text: str, mode: int | None = None, **options: Any) -> Path:
        if target.name == "b.md":
            raise OSError(28, "No space left on device")
        return real(target, text, mode, **options)

    monkeypatch.setattr(output, "_write_temp", fail_on_b)
    with pytest.raises(OutputNotWritable, match="No space left on device"):
        output.write_files(tmp_path, {"a.md": "new a", "b.md": "new b"})
    assert [(p.name, p.read_text("utf-8")) for p in tmp_path.iterdir()] == [("a.md", "old a")]


def _listing(folder: Path) -> list[tuple[str, str]]:
    return sorted((p.name, p.read_text("utf-8")) for p in folder.iterdir())


def test_staged_files_replace_nothing_until_published(tmp_path: Path) -> None:
    """Staging writes hidden temporary files only; publishing renames them over the targets."""
    output.write_files(tmp_path, {"a.md": "old a"})
    staged = output.stage_files(tmp_path, {"b.md": "new b", "a.md": "new a"})
    assert list(staged) == [tmp_path / "a.md", tmp_path / "b.md"]
    assert all(t.name.startswith(f".{n.name}.{os.getpid()}.") for n, t in staged.items())
    assert (tmp_path / "a.md").read_text("utf-8") == "old a"
    assert not (tmp_path / "b.md").exists()
    assert output.publish(staged) == [tmp_path / "a.md", tmp_path / "b.md"]
    assert _listing(tmp_path) == [("a.md", "new a"), ("b.md", "new b")]


def test_discard_own_removes_only_the_owners_temporary_files(tmp_path: Path) -> None:
    """Files staged for another owner (a parent process) are that owner's to remove."""
    output.write_files(tmp_path, {"a.md": "kept"})
    output.stage_files(tmp_path, {"a.md": "for the parent"}, owner=os.getppid())
    output.stage_files(tmp_path, {"b.md": "mine"})
    output.discard_own(tmp_path)
    temp, kept = sorted(p.name for p in tmp_path.iterdir())
    assert (temp.startswith(f".a.md.{os.getppid()}."), kept) == (True, "a.md")
    output.discard_own(tmp_path, owner=os.getppid())
    assert _listing(tmp_path) == [("a.md", "kept")]


def test_staging_removes_temporary_files_of_writers_that_died(tmp_path: Path) -> None:
    """A temporary file named after a process that no longer runs is removed by the next one."""
    gone = subprocess.run(["sh", "-c", "echo $$"], capture_output=True, text=True, check=True)
    left = tmp_path / f".r.md.{gone.stdout.strip()}.0123abcd.tmp"
    left.write_text("half a report", encoding="utf-8")
    output.publish(output.stage_files(tmp_path, {"r.md": "whole"}))
    assert _listing(tmp_path) == [("r.md", "whole")]


def test_provenance_outside_git_is_unknown(tmp_path: Path) -> None:
    """Without a repository the commit and the tree state are unknown."""
    assert lookup(tmp_path) == Provenance("unknown", None, __version__)


def _git(repo: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args]
    done = subprocess.run(command, cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with one commit holding data/network.yaml; returns data/."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "network.yaml").write_text("founded: 2018\n", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "data")
    # The commit's date is the report's data cut-off: fix it so that the test can name it.
    when = "2024-03-01T12:00:00+00:00"
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "d"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when},
    )
    return data


def test_provenance_names_the_commit_of_a_clean_tree(repo: Path) -> None:
    """In a clean repository: HEAD's commit id, not dirty, and the data commit's date."""
    head = _git(repo, "rev-parse", "HEAD")
    assert lookup(repo) == Provenance(head, False, __version__, "2024-03-01")


def test_provenance_sees_edited_data(repo: Path) -> None:
    """An uncommitted edit under the data folder makes the tree dirty."""
    (repo / "network.yaml").write_text("founded: 2019\n", encoding="utf-8")
    assert lookup(repo).dirty is True


def test_provenance_sees_new_untracked_data(repo: Path) -> None:
    """A new, untracked data file makes the tree dirty too."""
    (repo / "cities").mkdir()
    (repo / "cities" / "hue.yaml").write_text("id: hue\n", encoding="utf-8")
    assert lookup(repo).dirty is True


def test_provenance_ignores_changes_outside_the_data(repo: Path) -> None:
    """Edits outside the data folder do not make the data dirty."""
    (repo.parent / "README.md").write_text("notes\n", encoding="utf-8")
    assert lookup(repo).dirty is False


def test_a_document_in_pieces_is_written_as_their_text(tmp_path: Path) -> None:
    """Pieces of text are written one after the other as UTF-8: the bytes of the joined text."""
    (path,) = output.write_files(tmp_path, {"r.md": iter(["a\r\n", "", "b \u00fc", "\n"])})
    assert path.read_bytes() == b"a\r\nb \xc3\xbc\n"


def test_pieces_that_fail_leave_nothing_staged(tmp_path: Path) -> None:
    """A document whose pieces raise midway: no file, temporary or not, from this staging."""
    output.write_files(tmp_path, {"b.md": "old b"})

    def failing() -> Iterator[str]:
        yield "half of b"
        raise ValueError("the template broke")

    with pytest.raises(ValueError, match="the template broke"):
        output.stage_files(tmp_path, {"a.md": "new a", "b.md": failing()})
    assert _listing(tmp_path) == [("b.md", "old b")]
