"""Git output is untrusted: no repository program runs, names and subjects cannot steer ascn."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ascn.cli import app
from ascn.history import gitrun
from tests import gitcraft
from tests.conftest import MINIMAL_FILES

TRAP = """#!/bin/sh
touch "{marker}/$(basename "$0")-ran"
exit 0
"""
ATTRIBUTES = "*.yaml diff=trap filter=trap merge=trap\n"


def _trap_repo(root: Path) -> Path:
    """A repository whose config names a program for every hook git could run by itself."""
    gitcraft.init(root)
    marker, bin_dir = root.parent / "marker", root.parent / "bin"
    marker.mkdir()
    bin_dir.mkdir()
    for name in ("fsmonitor", "hook", "external", "textconv", "clean", "smudge", "pager", "gpg"):
        script = bin_dir / name
        script.write_text(TRAP.format(marker=marker))
        script.chmod(0o755)
    hooks = root / ".git" / "hooks"
    for hook in ("post-index-change", "pre-commit", "post-checkout", "reference-transaction"):
        (hooks / hook).symlink_to(bin_dir / "hook")
    settings = {
        "core.fsmonitor": bin_dir / "fsmonitor",
        "diff.external": bin_dir / "external",
        "diff.trap.textconv": bin_dir / "textconv",
        "diff.trap.command": bin_dir / "external",
        "filter.trap.clean": bin_dir / "clean",
        "filter.trap.smudge": bin_dir / "smudge",
        "filter.trap.required": "true",
        "core.pager": bin_dir / "pager",
        "pager.log": bin_dir / "pager",
        "gpg.program": bin_dir / "gpg",
        "log.showSignature": "true",
    }
    for key, value in settings.items():
        gitcraft.git(root, "config", key, str(value))
    return marker


def _commit_dataset(root: Path, message: str, **changes: str) -> None:
    for relative, text in {**MINIMAL_FILES, **changes}.items():
        path = root / "data" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    (root / ".gitattributes").write_text(ATTRIBUTES)
    # Committed with hooks and filters off: only ascn's own runs are under test.
    gitcraft.git(root, "-c", "core.hooksPath=/dev/null", "-c", "filter.trap.clean=cat",
                 "-c", "core.fsmonitor=", "add", "-A")  # fmt: skip
    gitcraft.git(root, "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=",
                 "commit", "-q", "--no-verify", "-m", message)  # fmt: skip


@pytest.fixture
def trapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A trapped repository with two commits and an uncommitted edit; cwd is its root."""
    root = tmp_path / "repo"
    marker = _trap_repo(root)
    _commit_dataset(root, "first")
    _commit_dataset(root, "second", **{"cities/hue.yaml": "id: hue\nname: Hue\ncountry: VN\n"})
    (root / "data" / "cities" / "da-nang.yaml").write_text("id: da-nang\nname: Da Nang\n")
    for left_by_setup in marker.iterdir():
        left_by_setup.unlink()
    monkeypatch.chdir(root)
    return root, marker


GIT_COMMANDS = [
    ["history", "da-nang"],
    ["diff"],
    ["diff", "HEAD~1..HEAD"],
    ["validate", "--changed-since", "HEAD~1"],
    ["report", "--year", "2018", "--out", "reports"],
]


@pytest.mark.parametrize("argv", GIT_COMMANDS, ids=" ".join)
def test_no_repository_program_runs(trapped: tuple[Path, Path], argv: list[str]) -> None:
    """fsmonitor, hooks, external diff, textconv, filters, pager and gpg never run."""
    _, marker = trapped
    (marker.parent / "repo" / "data" / "cities" / "da-nang.yaml").touch()  # stat-dirty
    result = CliRunner().invoke(app, argv)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert sorted(p.name for p in marker.iterdir()) == []


def test_the_traps_are_armed(trapped: tuple[Path, Path]) -> None:
    """Plain git in the same repository does run them: the test above can fail."""
    root, marker = trapped
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    subprocess.run(["git", "status"], cwd=root, capture_output=True, env=env, check=False)
    subprocess.run(["git", "diff"], cwd=root, capture_output=True, env=env, check=False)
    assert {"fsmonitor-ran", "clean-ran"} <= {p.name for p in marker.iterdir()}


def _crafted(tmp_path: Path, names: list[bytes]) -> tuple[Path, str]:
    """A repository whose first commit has `names` in data/cities; HEAD is the real dataset."""
    root = gitcraft.init(tmp_path / "repo")
    good = gitcraft.blob(root, b"id: x\nname: X\ncountry: VN\njoined: 2018\n")
    cities = gitcraft.tree(root, sorted((("100644", n, good) for n in names), key=lambda e: e[1]))
    data = gitcraft.tree(root, [("40000", b"cities", cities)])
    first = gitcraft.commit(root, gitcraft.tree(root, [("40000", b"data", data)]), b"crafted\n")
    _commit_dataset(root, "real dataset")
    return root, first


def test_tree_names_never_leave_the_copy_of_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`..`, names with `/`, newlines and escapes in a tree are skipped, never written outside."""
    escape = f"escape-{uuid.uuid4().hex}.yaml".encode()
    names = [
        b"..",
        b".",
        b"../../" + escape,
        b"a/../../../" + escape,
        b"x\ny.yaml",
        b"\x1b[2J.yaml",
    ]
    root, first = _crafted(tmp_path, names)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["validate", "--changed-since", first])
    assert result.exit_code in (0, 1)
    for folder in {tmp_path, Path(os.environ.get("TMPDIR", "/tmp")), tmp_path.parent}:
        assert not (folder / escape.decode()).exists()


def test_diff_names_crafted_files_without_shifting_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name holding a newline, unit and record separators is one path, not three."""
    root, first = _crafted(tmp_path, [b"a\nb\x1fc\x1ed.yaml", b"hue.yaml"])
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["diff", f"{first}..HEAD", "--format", "json"])
    assert result.exit_code == 0
    assert result.stdout.count('"file": "data/cities/a\\nb\\u001fc\\u001ed.yaml"') == 1


def test_a_huge_historic_blob_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A blob over the size cap is named too large by its size, never loaded."""
    root = gitcraft.init(tmp_path / "repo")
    _commit_dataset(root, "first")
    _commit_dataset(root, "huge", **{"cities/da-nang.yaml": "notes: " + "x" * 3_000_000 + "\n"})
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["history", "da-nang"])
    assert result.exit_code == 0
    assert "data/cities/da-nang.yaml could not be read (file-too-large: 2.9 MiB" in result.stdout


def _run_cli(root: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "ascn", *argv],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["diff", "--", "--output=x"], "error: unknown revision '--output=x'\n"),
        (["diff", "no-such-rev..HEAD"], "error: unknown revision 'no-such-rev'\n"),
        (
            ["history", "../../etc"],
            "error: no city, plan, partner or project '../../etc' in data/\n",
        ),
        (["validate", "--changed-since", "HEAD:data"], "error: unknown revision 'HEAD:data'\n"),
    ],
)
def test_git_failures_are_clean_errors(tmp_path: Path, argv: list[str], message: str) -> None:
    """Bad revisions and ids end in one error line and exit 2, never a traceback."""
    root = gitcraft.init(tmp_path / "repo")
    _commit_dataset(root, "first")
    done = _run_cli(root, *argv)
    assert (done.returncode, done.stderr, done.stdout) == (2, message, "")


def test_data_that_was_a_file_at_the_revision(tmp_path: Path) -> None:
    """`data` was a file at REV: every record counts as added, no traceback."""
    root = gitcraft.init(tmp_path / "repo")
    (root / "data").write_text("not a folder yet\n")
    gitcraft.git(root, "add", "-A")
    gitcraft.git(root, "commit", "-q", "-m", "data as a file")
    (root / "data").unlink()
    _commit_dataset(root, "a folder now")
    done = _run_cli(root, "diff", "HEAD~1..HEAD")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.endswith("7 records: 7 added, 0 removed, 0 changed.\n")


def test_data_outside_any_repository_is_a_clean_error(tmp_path: Path) -> None:
    """--changed-since without a repository says so and exits 2."""
    (tmp_path / "data").mkdir()
    done = _run_cli(tmp_path, "validate", "--changed-since", "HEAD")
    assert done.returncode == 2
    assert done.stderr == (
        "error: not in a git work tree: history and diffs need a clone of the data repository\n"
    )


@pytest.mark.parametrize("digits", [30, 5000])
def test_absurd_commit_timestamps_and_authors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, digits: int
) -> None:
    """A timestamp too large for a date, an author with escapes: a placeholder, escaped text."""
    root = gitcraft.init(tmp_path / "repo")
    tree = gitcraft.data_tree(root, {b"cities/da-nang.yaml": b"id: da-nang\nname: Da Nang\n"})
    sha = gitcraft.commit(
        root,
        tree,
        b"sub\x1b[2Jject\x1f\x1e\n",
        author=b"Eve\x1b]0;x\x07",
        stamp=b"9" * digits + b" +9999",
    )
    gitcraft.git(root, "reset", "-q", "--hard")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["history", "da-nang"])
    assert result.exception is None, result.output
    assert result.stdout == (
        f"????-??-??  {sha[:7]}  Eve\\x1b]0;x\\x07  sub\\x1b[2Jject\\x1f\\x1e\n"
        "  Da Nang: city added\n"
    )


def test_user_safe_directories_are_carried_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user's own safe.directory entries reach git; nothing else of their config does."""
    config = tmp_path / "gitconfig"
    config.write_text("[safe]\n\tdirectory = /srv/data\n[core]\n\tfsmonitor = /bin/evil\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    gitrun._user_safe_directories.cache_clear()
    try:
        argv = gitrun.command("log")
    finally:
        gitrun._user_safe_directories.cache_clear()
    assert argv[-3:] == ["-c", "safe.directory=/srv/data", "log"]
    assert "core.fsmonitor=" in argv
    assert gitrun.hardened_env()["GIT_CONFIG_GLOBAL"] == os.devnull
