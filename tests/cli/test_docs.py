"""The README documents every command and every problem code (sqlite-utils' test_docs)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from ascn.cli import app
from ascn.explain import CODES

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def command_names() -> list[str]:
    """Every top-level command, and every subcommand as 'group sub'."""
    group = typer.main.get_group(app)
    names = []
    for name, command in sorted(group.commands.items()):
        names.append(name)
        subcommands = getattr(command, "commands", {})
        names.extend(f"{name} {sub}" for sub in sorted(subcommands))
    return names


@pytest.mark.parametrize("name", [n for n in command_names() if " " not in n])
def test_readme_has_a_section_per_command(name: str) -> None:
    """Each command has a `### ascn NAME` heading and an example line."""
    assert f"### `ascn {name}" in README
    assert re.search(rf"^ascn {re.escape(name)}\b", README, re.MULTILINE)


@pytest.mark.parametrize("name", command_names())
def test_help_of_every_command_shows_an_example(name: str) -> None:
    """`ascn NAME --help` includes an `Example:` line."""
    result = CliRunner().invoke(app, [*name.split(), "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout


@pytest.mark.parametrize("code", sorted(CODES))
def test_readme_lists_every_problem_code(code: str) -> None:
    """The README's table has a row for each code with its severity and summary."""
    doc = CODES[code]
    row = f"| `{code}` | {doc.severity.value} | {doc.summary.replace('|', chr(92) + '|')} |"
    assert row in README.splitlines()


def test_readme_lists_no_unknown_codes() -> None:
    """Every code row in the README names a real code."""
    listed = re.findall(r"^\| `([a-z0-9-]+)` \| (?:error|warning) \|", README, re.MULTILINE)
    assert sorted(set(listed) - set(CODES)) == []
