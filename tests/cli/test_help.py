"""--help reads as a focal point needs it: no type placeholders, every option described,
command summaries whole (issue 8, section 4)."""

from __future__ import annotations

import re

import pytest
import typer
from typer.core import TyperGroup, TyperOption
from typer.testing import CliRunner

from ascn.cli import app

ROOT = typer.main.get_command(app)


def _commands(group: TyperGroup, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, command in sorted(group.commands.items()):
        found.append((*path, name))
        if isinstance(command, TyperGroup):
            found += _commands(command, (*path, name))
    return found


COMMANDS = _commands(ROOT)  # type: ignore[arg-type]  # the root of a Typer app is a group


def _help(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], terminal_width=80)
    assert result.exit_code == 0
    return str(result.stdout)


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_help_has_no_type_placeholders(path: tuple[str, ...]) -> None:
    """No `<str>`, `<int>` or `<path>` where a metavar such as ID or YEAR belongs."""
    assert re.findall(r"<(?:str|int|path|float|bool)(?: range)?>", _help(path)) == []


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_every_option_is_described(path: tuple[str, ...]) -> None:
    """Each option of the command has a help text."""
    command = ROOT
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    bare = [p.name for p in command.params if isinstance(p, TyperOption) and not p.help]
    assert bare == []


@pytest.mark.parametrize("path", [(), ("new",)], ids=["ascn", "ascn new"])
def test_command_summaries_are_not_cut_off(path: tuple[str, ...]) -> None:
    """The command list shows whole sentences at 80 columns, never `...`."""
    listing = _help(path).split("Commands:\n", 1)[1]
    assert [line for line in listing.splitlines() if line.endswith("...")] == []
