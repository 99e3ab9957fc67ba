"""The pull-request workflow and the pre-commit hooks call commands that exist, as documented."""

from __future__ import annotations

import re
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
    """Two hooks: validate runs once on the whole dataset, fmt on the changed data files."""
    hooks = {hook["id"]: hook for hook in _yaml(".pre-commit-hooks.yaml")}
    assert sorted(hooks) == ["ascn-fmt", "ascn-validate"]
    assert (hooks["ascn-validate"]["entry"], hooks["ascn-validate"]["pass_filenames"]) == (
        "ascn validate",
        False,
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
