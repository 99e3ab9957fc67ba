"""The forked helper: same results in the same order as a serial run, whatever happens."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from ascn.load import parallel
from ascn.validate import validate

PARENT = os.getpid()


def square(n: int) -> int:
    """A plain function of a plain value."""
    return n * n


def fails_in_child(n: int) -> int:
    """Square in the parent; raise in the forked child."""
    if os.getpid() != PARENT:
        raise RuntimeError("child")
    return n * n


@pytest.fixture
def helper_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make sure the helper is allowed (unless the machine cannot fork it at all)."""
    monkeypatch.delenv(parallel.ENV_SWITCH, raising=False)
    if not parallel.can_fork():
        pytest.skip("no fork here (not Linux, one core, or threads running)")


@pytest.mark.usefixtures("helper_on")
def test_results_are_in_order() -> None:
    """Items done by the helper and here are merged back in the original order."""
    assert parallel.split_map(square, list(range(11)), min_items=0) == [n * n for n in range(11)]


@pytest.mark.usefixtures("helper_on")
def test_a_failing_child_is_redone_here() -> None:
    """If the helper fails, its share is computed again in this process."""
    assert parallel.split_map(fails_in_child, list(range(6)), min_items=0) == [0, 1, 4, 9, 16, 25]


def test_switched_off_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """ASCN_PARALLEL=0 keeps everything in this process."""
    monkeypatch.setenv(parallel.ENV_SWITCH, "0")
    assert not parallel.can_fork()
    assert parallel.split_map(fails_in_child, [1, 2, 3], min_items=0) == [1, 4, 9]


def test_small_inputs_stay_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Below the threshold no helper is forked (the real 38-city network pays nothing)."""
    monkeypatch.delenv(parallel.ENV_SWITCH, raising=False)
    assert parallel.split_map(fails_in_child, [1, 2, 3], min_items=4) == [1, 4, 9]


@pytest.mark.usefixtures("helper_on")
def test_validation_is_the_same_with_the_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    """Problems, positions and source lines are identical with and without the helper."""
    case = Path(__file__).resolve().parents[1] / "cases" / "invalid" / "wrong-types-and-values"
    monkeypatch.chdir(case)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)
    with_helper = validate(Path("data"), current_year=2026).problems
    monkeypatch.setenv(parallel.ENV_SWITCH, "0")
    serial = validate(Path("data"), current_year=2026).problems
    assert with_helper
    assert [(p, p.line, p.column, p.message, p.context) for p in with_helper] == [
        (p, p.line, p.column, p.message, p.context) for p in serial
    ]


@pytest.mark.usefixtures("helper_on")
@pytest.mark.parametrize("share", [0.0, 0.3, 0.5, 0.55, 1.0])
def test_any_share_keeps_the_order(share: float) -> None:
    """Whatever share the helper takes, results come back in the original order."""
    found = parallel.split_map(square, list(range(23)), min_items=0, share=share)
    assert found == [n * n for n in range(23)]


@pytest.mark.usefixtures("helper_on")
def test_here_applies_to_this_process_only() -> None:
    """This process applies `here` to its items; the helper's items get `func`."""
    found = parallel.split_map(square, list(range(10)), min_items=0, here=lambda n: -n)
    assert found == [-n if n % 2 == 0 else n * n for n in range(10)]


CASES = sorted((Path(__file__).resolve().parents[1] / "cases").glob("*/*/data"))


@pytest.mark.usefixtures("helper_on")
@pytest.mark.parametrize("data", CASES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_every_case_is_the_same_with_the_helper(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With models built here during the helper's parse: the same problems and records."""
    monkeypatch.chdir(data.parent)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)
    helped = validate(Path("data"), current_year=2026)
    monkeypatch.setenv(parallel.ENV_SWITCH, "0")
    serial = validate(Path("data"), current_year=2026)
    assert [(p, p.message, p.hint, p.context) for p in helped.problems] == [
        (p, p.message, p.hint, p.context) for p in serial.problems
    ]
    assert helped.dataset == serial.dataset


def _group_members(group: int) -> list[int]:
    """Processes of a process group that still run (a zombie waiting to be reaped does not)."""
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == group and fields[0] != "Z":
                members.append(int(entry.name))
    return members


def _sleep_in_two_processes() -> None:
    parallel.split_map(lambda _: time.sleep(30), [1, 2], min_items=0)


@pytest.mark.usefixtures("helper_on")
def test_stop_ends_the_helpers_own_helper() -> None:
    """A started helper leads a process group: stopping it ends the helpers it forked too."""
    child = parallel.start(_sleep_in_two_processes)
    assert child is not None
    pid = child[0]
    deadline = time.monotonic() + 10
    while len(_group_members(pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(_group_members(pid)) == 2  # the helper and the helper's helper
    parallel.stop(child)
    while _group_members(pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _group_members(pid) == []
