"""`ascn history` and `ascn diff` on a temporary git repository built commit by commit."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ascn.cli import app
from tests.conftest import MINIMAL_FILES

GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_COMMITTER_NAME": "CI",
    "GIT_COMMITTER_EMAIL": "ci@example.org",
}
UPDATES_2022 = "    updates:\n      - year: 2022\n        status: ongoing\n"


def git(repo: Path, *args: str, author: str = "CI", date: str = "2024-01-01") -> str:
    """Run git in the repository with a fixed identity and date; return its output."""
    env = {
        **os.environ,
        **GIT_ENV,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "focal.point@example.org",
        "GIT_AUTHOR_DATE": f"{date}T10:00:00+07:00",
        "GIT_COMMITTER_DATE": f"{date}T10:00:00+07:00",
    }
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def write(repo: Path, relative: str, text: str) -> None:
    path = repo / "data" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def commit(repo: Path, message: str, author: str, date: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, author=author, date=date)
    return git(repo, "rev-parse", "--short=7", "HEAD")


def plan(updates: str) -> str:
    return (
        "city: da-nang\nprojects:\n  - id: da-nang-water\n    title: Smart Water Management\n"
        "    focus_area: quality-environment\n    first_listed: 2018\n" + updates
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
    """Five commits: Da Nang added, statuses recorded, one corrected, Hue added, JICA edited."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    for relative, text in MINIMAL_FILES.items():
        write(root, relative, text)
    shas = [commit(root, "Add Da Nang", "Alice Focal", "2024-01-10")]
    write(
        root,
        "plans/da-nang.yaml",
        plan(UPDATES_2022 + "      - year: 2023\n        status: ongoing\n"
             "      - year: 2024\n        status: ongoing\n"),
    )  # fmt: skip
    shas.append(commit(root, "Record 2023 and 2024 statuses", "Binh Reviewer", "2024-03-05"))
    write(
        root,
        "plans/da-nang.yaml",
        plan(UPDATES_2022 + "      - year: 2023\n        status: ongoing\n"
             "      - year: 2024\n        status: completed\n        note: Handed over.\n"),
    )  # fmt: skip
    shas.append(commit(root, "Da Nang: water project completed", "Alice Focal", "2025-02-01"))
    write(root, "cities/hue.yaml", "id: hue\nname: Hue\ncountry: VN\njoined: 2019\n")
    write(
        root,
        "cities/da-nang.yaml",
        "id: da-nang\nname: Da Nang\ncountry: VN\njoined: 2018\npopulation:\n  value: 1200000\n",
    )
    shas.append(commit(root, "Add Hue; Da Nang population", "Alice Focal", "2025-03-01"))
    jica = textwrap.dedent(MINIMAL_FILES["partners/jica.yaml"])
    write(root, "partners/jica.yaml", jica.replace("Water supply", "Water supply and drainage"))
    shas.append(commit(root, "JICA: wider topic", "Chai Partner Desk", "2025-04-01"))
    monkeypatch.chdir(root)
    return root, shas


def run(*args: str) -> object:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_history_of_a_city_lists_its_city_and_plan_changes(repo: tuple[Path, list[str]]) -> None:
    """Newest first: date, commit, author, subject, then each change in the data's terms."""
    _, shas = repo
    result = run("history", "da-nang")
    assert result.exit_code == 0
    assert result.stdout == (
        f"2025-03-01  {shas[3]}  Alice Focal  Add Hue; Da Nang population\n"
        "  Da Nang: population set to value 1200000\n"
        "\n"
        f"2025-02-01  {shas[2]}  Alice Focal  Da Nang: water project completed\n"
        "  Da Nang, Smart Water Management: status 2024 ongoing -> completed\n"
        '  Da Nang, Smart Water Management: note 2024 set to "Handed over."\n'
        "\n"
        f"2024-03-05  {shas[1]}  Binh Reviewer  Record 2023 and 2024 statuses\n"
        "  Da Nang, Smart Water Management: status 2023 added: ongoing\n"
        "  Da Nang, Smart Water Management: status 2024 added: ongoing\n"
        "\n"
        f"2024-01-10  {shas[0]}  Alice Focal  Add Da Nang\n"
        "  Da Nang: city added\n"
        "  Da Nang: plan added (1 project)\n"
    )


def test_history_of_a_project_shows_only_that_project(repo: tuple[Path, list[str]]) -> None:
    """A project id follows the project inside its plan file, named by city and title."""
    _, shas = repo
    result = run("history", "da-nang-water")
    assert result.stdout == (
        f"2025-02-01  {shas[2]}  Alice Focal  Da Nang: water project completed\n"
        "  Da Nang, Smart Water Management: status 2024 ongoing -> completed\n"
        '  Da Nang, Smart Water Management: note 2024 set to "Handed over."\n'
        "\n"
        f"2024-03-05  {shas[1]}  Binh Reviewer  Record 2023 and 2024 statuses\n"
        "  Da Nang, Smart Water Management: status 2023 added: ongoing\n"
        "  Da Nang, Smart Water Management: status 2024 added: ongoing\n"
        "\n"
        f"2024-01-10  {shas[0]}  Alice Focal  Add Da Nang\n"
        "  Da Nang, Smart Water Management: project added (quality-environment, 2018)\n"
    )


def test_history_of_a_partner(repo: tuple[Path, list[str]]) -> None:
    """A partnership's field change is named by partner and partnership id."""
    _, shas = repo
    result = run("history", "jica")
    assert result.stdout.split("\n\n")[0] == (
        f"2025-04-01  {shas[4]}  Chai Partner Desk  JICA: wider topic\n"
        "  Japan International Cooperation Agency, partnership da-nang-jica-2019: "
        'topic "Water supply" -> "Water supply and drainage"'
    )


def test_history_of_an_unknown_record_exits_2(repo: tuple[Path, list[str]]) -> None:
    """An id that no record has, now or before, cannot be followed."""
    result = run("history", "danang")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: no city, plan, partner or project 'danang' in data/\n",
    )


def test_diff_between_revisions(repo: tuple[Path, list[str]]) -> None:
    """HEAD~3..HEAD: every record changed in the last three commits, grouped by file."""
    result = run("diff", "HEAD~3..HEAD")
    assert result.exit_code == 0
    assert result.stdout == (
        "Changes from HEAD~3 to HEAD:\n"
        "\n"
        "data/cities/da-nang.yaml (city da-nang, changed)\n"
        "  Da Nang: population set to value 1200000\n"
        "\n"
        "data/cities/hue.yaml (city hue, added)\n"
        "  Hue: city added\n"
        "\n"
        "data/plans/da-nang.yaml (plan da-nang, changed)\n"
        "  Da Nang, Smart Water Management: status 2024 ongoing -> completed\n"
        '  Da Nang, Smart Water Management: note 2024 set to "Handed over."\n'
        "\n"
        "data/partners/jica.yaml (partner jica, changed)\n"
        "  Japan International Cooperation Agency, partnership da-nang-jica-2019: "
        'topic "Water supply" -> "Water supply and drainage"\n'
        "\n"
        "4 records: 1 added, 0 removed, 3 changed.\n"
    )


def test_diff_json(repo: tuple[Path, list[str]]) -> None:
    """--format json gives the same changes as one object."""
    result = run("diff", "HEAD~1..HEAD", "--format", "json")
    assert json.loads(result.stdout) == {
        "version": 1,
        "from": "HEAD~1",
        "to": "HEAD",
        "note": None,
        "records": [
            {
                "kind": "partner",
                "id": "jica",
                "file": "data/partners/jica.yaml",
                "change": "changed",
                "changes": [
                    "Japan International Cooperation Agency, partnership da-nang-jica-2019: "
                    'topic "Water supply" -> "Water supply and drainage"'
                ],
            }
        ],
    }


def test_diff_defaults_to_the_working_tree_against_head(repo: tuple[Path, list[str]]) -> None:
    """Uncommitted edits, a deleted file and a file that does not parse are all shown."""
    root, _ = repo
    (root / "data" / "cities" / "hue.yaml").unlink()
    write(root, "cities/da-nang.yaml", "id: da-nang\nname: Da Nang\ncountry: [VN\n")
    result = run("diff")
    assert result.stdout == (
        "Changes from HEAD to working tree:\n"
        "\n"
        "data/cities/da-nang.yaml (city da-nang, changed)\n"
        "  Da Nang: data/cities/da-nang.yaml could not be read (yaml-syntax at line 4: "
        "while parsing a flow sequence: did not find expected ',' or ']')\n"
        "\n"
        "data/cities/hue.yaml (city hue, removed)\n"
        "  Hue: city removed\n"
        "\n"
        "2 records: 0 added, 1 removed, 1 changed.\n"
    )


def test_diff_with_an_unknown_revision_exits_2(repo: tuple[Path, list[str]]) -> None:
    """A revision that names no commit is a could-not-run error."""
    result = run("diff", "v9..HEAD")
    assert (result.exit_code, result.stderr) == (2, "error: unknown revision 'v9'\n")


def test_outside_a_git_work_tree_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a repository there is no history: a clear message and exit 2."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    (tmp_path / "data").mkdir()
    for args in (["history", "da-nang"], ["diff"]):
        result = run(*args)
        assert (result.exit_code, result.stderr) == (
            2,
            "error: not in a git work tree: history and diffs need a clone of the data "
            "repository\n",
        )


def test_shallow_clone_says_history_is_truncated(
    repo: tuple[Path, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a shallow clone the oldest commit is marked and a note says history is missing."""
    root, shas = repo
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{root}", str(clone))
    monkeypatch.chdir(clone)
    result = run("history", "da-nang")
    assert result.stdout == (
        f"2025-03-01  {shas[3]}  Alice Focal  Add Hue; Da Nang population\n"
        "  Da Nang: city as first seen in this clone (older history is missing)\n"
        "  Da Nang: plan as first seen in this clone (older history is missing)\n"
        "\n"
        "note: this clone is shallow: older history is missing (run `git fetch --unshallow`)\n"
    )
    missing = run("diff", "HEAD~3..HEAD")
    assert (missing.exit_code, missing.stderr) == (
        2,
        "error: unknown revision 'HEAD~3' (the clone is shallow: its history may not reach it)\n",
    )
