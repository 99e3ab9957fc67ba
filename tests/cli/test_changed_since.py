"""`ascn validate --changed-since REV`: what the change made blocks; older problems do not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ascn.cli import app
from tests.cli.test_history_diff import commit, git, write
from tests.conftest import MINIMAL_FILES

OLD_PROBLEM = "id: hue\nname: Hue\ncountry: VN\njoined: 2019\nsources:\n  - me2024\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A dataset committed with one old problem: Hue names the unknown source 'me2024'."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    for relative, text in {**MINIMAL_FILES, "cities/hue.yaml": OLD_PROBLEM}.items():
        write(root, relative, text)
    commit(root, "Dataset with an old problem", "Alice Focal", "2024-01-10")
    monkeypatch.chdir(root)
    return root


def run(*args: str) -> object:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_old_problems_elsewhere_do_not_block(repo: Path) -> None:
    """Nothing changed since HEAD: the old problem is listed as existing and the run passes."""
    result = run("validate", "--changed-since", "HEAD", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert (document["ok"], document["problems"]) == (True, [])
    assert [(p["file"], p["code"]) for p in document["existing"]] == [
        ("data/cities/hue.yaml", "ref-unknown-source")
    ]


def test_a_problem_in_a_changed_file_blocks(repo: Path) -> None:
    """A new problem in a file the change touched fails the run, in text with the old one below."""
    write(repo, "cities/da-nang.yaml", "id: da-nang\nname: Da Nang\ncountry: VN\njoined: 2108\n")
    result = run("validate", "--changed-since", "HEAD")
    assert result.exit_code == 1
    assert result.stdout == (
        "data/cities/da-nang.yaml\n"
        "  4:9     error   city Da Nang: joined must be at most 2100  (bad-value)\n"
        "            joined: 2108\n"
        "                    ^\n"
        "\n"
        "1 error, 0 warnings in 8 files.\n"
        "\n"
        "Existing problems, not blocking:\n"
        "data/cities/hue.yaml\n"
        "  6:5     error   unknown source 'me2024': no data/sources/me2024.yaml  "
        "(ref-unknown-source)\n"
        "              - me2024\n"
        "                ^\n"
        "            hint: did you mean 'me-2024'?\n"
        "1 existing problem in files this change did not touch (not blocking).\n"
    )


def test_a_reference_broken_in_an_untouched_file_blocks(repo: Path) -> None:
    """Removing a project breaks the partnership naming it: that problem blocks too."""
    write(repo, "plans/da-nang.yaml", "city: da-nang\n")
    result = run("validate", "--changed-since", "HEAD", "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert [(p["file"], p["code"]) for p in document["problems"]] == [
        ("data/partners/jica.yaml", "ref-unknown-project")
    ]
    assert len(document["existing"]) == 1


def test_a_new_untracked_file_counts_as_changed(repo: Path) -> None:
    """A file added but not committed yet is part of the change."""
    write(repo, "cities/hoi-an.yaml", "id: hoi-an\nname: Hoi An\ncountry: VN\n")
    result = run("validate", "--changed-since", "HEAD", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=data/cities/hoi-an.yaml,line=1,col=1,title=missing-field::"
        "city Hoi An: required field 'joined' is missing\n"
        "1 error, 0 warnings in 9 files.\n"
        "::notice file=data/cities/hue.yaml,line=6,col=5,title=existing ref-unknown-source::"
        "unknown source 'me2024': no data/sources/me2024.yaml\n"
        "1 existing problem in files this change did not touch (not blocking).\n"
    )


def test_changed_since_outside_git_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a repository the comparison cannot be made."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    for relative, text in MINIMAL_FILES.items():
        path = tmp_path / "data" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = run("validate", "--changed-since", "HEAD")
    assert result.exit_code == 2


def test_markdown_summary_lists_every_problem_past_the_annotation_limit(
    repo: Path,
) -> None:
    """Over 10 errors: the job summary says GitHub shows 10 and lists all of them."""
    for n in range(11):
        write(repo, f"cities/c{n}.yaml", f"id: c{n}\nname: C{n}\ncountry: VN\n")
    result = run("validate", "--format", "markdown")
    lines = result.stdout.splitlines()
    assert lines[:7] == [
        "## ascn validate",
        "",
        "12 errors, 0 warnings in 19 files.",
        "",
        "> GitHub shows only 10 annotations of each type per step: all 12 problems are listed "
        "below.",
        "",
        "| where | severity | code | problem |",
    ]
    assert lines[8] == (
        "| `data/cities/c0.yaml:1:1` | error | `missing-field` | "
        "city C0: required field 'joined' is missing |"
    )
    assert len([line for line in lines if line.startswith("| `data/")]) == 12
