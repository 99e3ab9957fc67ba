"""`ascn.cli.main` ends a command that loaded a dataset without freeing it (`keep`).

The output, the exit code and what goes to stderr are those of an ordinary exit; only the
freeing of the kept dataset is skipped. No timing is asserted (`make bench`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ascn import cli


class Ended(Exception):
    """Raised by the stand-in for os._exit, with its status."""


@pytest.fixture
def kept(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Something kept, and os._exit replaced by a stand-in that raises Ended."""
    held: list[object] = [object()]
    monkeypatch.setattr(cli, "_KEPT", held)

    def stand_in(status: int) -> None:
        raise Ended(status)

    monkeypatch.setattr(cli.os, "_exit", stand_in)
    return held


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (1, 1), (2, 2)])
def test_codes_as_system_exit_reads_them(kept: list[object], code: int | None, status: int) -> None:
    """None is success; a number is the status."""
    with pytest.raises(Ended) as ended:
        cli._end(code)
    assert ended.value.args == (status,)


def test_a_message_goes_to_stderr_with_status_one(
    kept: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    """A text, as `raise SystemExit("...")` gives, is printed to stderr; the status is 1."""
    with pytest.raises(Ended) as ended:
        cli._end("cannot run")
    assert (ended.value.args, capsys.readouterr().err) == ((1,), "cannot run\n")


def test_nothing_kept_is_an_ordinary_exit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a kept dataset `main` raises SystemExit as before (tests, tools, small runs)."""
    monkeypatch.setattr(cli, "_KEPT", [])
    with pytest.raises(SystemExit) as stop:
        cli._end(3)
    assert stop.value.code == 3


def test_keep_ignores_none(monkeypatch: pytest.MonkeyPatch) -> None:
    """A result answered whole from the cache has no dataset: nothing is kept."""
    monkeypatch.setattr(cli, "_KEPT", [])
    cli.keep(None)
    assert cli._KEPT == []


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--no-cache", "--format", "json"],
        ["validate", "--no-cache", "--data", "missing"],
        ["progress", "--no-cache", "--year", "2021"],
    ],
)
def test_the_console_script_prints_what_the_app_prints(args: list[str]) -> None:
    """Through the entry point, in a process of its own, ended without freeing the dataset:
    the same output and exit code as the app run in this process (which ends nothing)."""
    in_process = CliRunner().invoke(cli.app, args)
    script = Path(sys.executable).with_name("ascn")
    # Buffered as users run it (the suite may run with PYTHONUNBUFFERED set).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    argv = [str(script), *args]
    run = subprocess.run(argv, capture_output=True, text=True, check=False, env=env)
    assert (run.stdout, run.stderr, run.returncode) == (
        in_process.stdout,
        in_process.stderr,
        in_process.exit_code,
    )
    assert run.stdout or run.stderr
