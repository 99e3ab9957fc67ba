"""The pull-request workflow and the pre-commit hooks call commands that exist, as documented."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import typer.main

from ascn.cli import app
from ascn.load.yamlread import compose, construct
from tests.conftest import REPO


def _yaml(relative: str) -> Any:
    return construct(compose((REPO / relative).read_text(encoding="utf-8")))


def _commands() -> set[str]:
    return set(typer.main.get_group(app).commands)


def test_pre_commit_hooks_run_validate_and_fmt() -> None:
    """Two hooks on the changed data files: validate (with the whole dataset) and fmt."""
    hooks = {hook["id"]: hook for hook in _yaml(".pre-commit-hooks.yaml")}
    assert sorted(hooks) == ["ascn-fmt", "ascn-validate"]
    assert (hooks["ascn-validate"]["entry"], hooks["ascn-validate"]["pass_filenames"]) == (
        "ascn validate",
        True,
    )
    assert hooks["ascn-fmt"]["entry"] == "ascn fmt"
    assert {hook["entry"].split()[1] for hook in hooks.values()} <= _commands()


def test_workflow_checks_pull_requests_with_the_three_commands() -> None:
    """On pull requests: annotations, a Markdown job summary, fmt --check and schema --check."""
    workflow = _yaml(".github/workflows/validate.yml")
    assert "pull_request" in workflow["on"]
    scripts = "\n".join(step.get("run", "") for step in workflow["jobs"]["validate"]["steps"])
    used = re.findall(r"^\s*(?:status=0\s*)?(ascn [a-z]+ [^|>\n]*)", scripts, re.MULTILINE)
    assert [line.strip() for line in used] == [
        'ascn validate --format github "${since[@]}"',
        'ascn validate --format markdown "${since[@]}"',
        "ascn fmt --check",
        "ascn schema --check",
    ]
    assert "GITHUB_STEP_SUMMARY" in scripts
    assert "--changed-since" in scripts


def test_workflow_restores_no_cache() -> None:
    """No step restores a cache: a pull request must never feed ascn's result cache."""
    workflow = _yaml(".github/workflows/validate.yml")
    for job in workflow["jobs"].values():
        used = [step.get("uses", "") for step in job["steps"]]
        assert [name for name in used if "cache" in name] == []
        assert all("ASCN_CACHE_DIR" not in str(step.get("env", {})) for step in job["steps"])


FAKE_FMT = """#!/bin/sh
printf -- '--- data/plans/hue.yaml\\n+++ data/plans/hue.yaml (formatted)\\n@@ -1 +1 @@\\n-a\\n+b\\n'
exit 1
"""


def _fmt_step(tmp_path: Path, event: str) -> subprocess.CompletedProcess[str]:
    """Run the workflow's fmt step with an `ascn` whose fmt --check finds one file to lay out."""
    steps = _yaml(".github/workflows/validate.yml")["jobs"]["validate"]["steps"]
    script = next(step["run"] for step in steps if step.get("name") == "ascn fmt --check")
    fake = tmp_path / "bin" / "ascn"
    fake.parent.mkdir()
    fake.write_text(FAKE_FMT)
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{fake.parent}:{os.environ['PATH']}", "EVENT": event}
    env["GITHUB_STEP_SUMMARY"] = str(tmp_path / "summary.md")
    return subprocess.run(
        ["bash", "-eo", "pipefail", "-c", script],
        check=False,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )


def test_layout_is_a_notice_with_the_fix_on_pull_requests(tmp_path: Path) -> None:
    """On a pull request the fmt step passes and says which command fixes the layout."""
    done = _fmt_step(tmp_path, "pull_request")
    notice = (
        "::notice file=data/plans/hue.yaml,title=Layout::Not in the canonical layout "
        "(key order, indentation). Fix: ascn fmt data/plans/hue.yaml"
    )
    assert (done.returncode, done.stdout.splitlines()[-1]) == (0, notice)
    assert "ascn fmt data/plans/hue.yaml\n```" in (tmp_path / "summary.md").read_text()


def test_layout_fails_on_main(tmp_path: Path) -> None:
    """On a push to main the same layout difference fails the step."""
    assert _fmt_step(tmp_path, "push").returncode == 1


def test_fmt_summary_fence_outlasts_backticks_in_the_data(tmp_path: Path) -> None:
    """A data line of backticks in the fmt diff cannot close the summary's code fence."""
    steps = _yaml(".github/workflows/validate.yml")["jobs"]["validate"]["steps"]
    [script] = [step["run"] for step in steps if step.get("name") == "ascn fmt --check"]
    fake = tmp_path / "bin" / "ascn"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nprintf ' notes: |\\n ```\\n <b>x</b>\\n+ `````\\n'\nexit 1\n")
    fake.chmod(0o755)
    summary = tmp_path / "summary.md"
    env = {"PATH": f"{fake.parent}:{os.environ['PATH']}", "GITHUB_STEP_SUMMARY": str(summary)}
    done = subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, env=env, check=False)
    assert done.returncode == 1
    lines = summary.read_text().splitlines()
    assert (lines[8], lines[-1]) == ("``````diff", "``````")
    assert lines[9:-1] == [" notes: |", " ```", " <b>x</b>", "+ `````"]
