"""`ascn explain`: one code, the list, and an unknown code."""

from __future__ import annotations

from typer.testing import CliRunner

from ascn.cli import app
from ascn.explain import explain_text, list_text


def test_explain_prints_the_entry() -> None:
    """`ascn explain CODE` prints the explanation and exits 0."""
    result = CliRunner().invoke(app, ["explain", "update-order"])
    assert result.exit_code == 0
    assert result.stdout == explain_text("update-order")


def test_explain_without_code_lists_every_code() -> None:
    """`ascn explain` alone lists all codes with their summaries."""
    result = CliRunner().invoke(app, ["explain"])
    assert result.exit_code == 0
    assert result.stdout == list_text()


def test_explain_unknown_code_suggests_and_exits_2() -> None:
    """An unknown code is a could-not-run error with a did-you-mean, on stderr."""
    result = CliRunner().invoke(app, ["explain", "yaml-tabs"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: unknown problem code 'yaml-tabs'; did you mean 'yaml-tab'? "
        "(`ascn explain` lists them all)\n"
    )
