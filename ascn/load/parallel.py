"""Use the second core for large datasets: half of the files are read in a forked helper.

On by default from MIN_ITEMS files; ASCN_PARALLEL=0 turns it off. On the 2-core
bench machine it takes `ascn validate` at 1,000 cities from 1.4 s to 1.1 s when
the second core is free, and costs nothing measurable when another process keeps
that core busy (BENCHMARKS.md has the figures; `make bench` measures both ways).

Why a fork and not a pool: a forked child already has every module imported,
so it starts in milliseconds; a spawned or forkserver worker would first spend
longer importing pydantic than it saves. One helper process suits the 2-core
machines this runs on (CI runners, laptops); the parent does the other half
itself, so both cores work.

Safety: the child sends back only plain values (dicts, lists, text, numbers) in
`marshal` form, which cannot build arbitrary objects; nothing is cached or read
back from disk. If forking is unsafe (threads running, not Linux) or the child
fails in any way, its share is simply done again here, so results never depend
on the helper: they are the same values in the same order as a serial run.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
# Below this many items the fork (~5 ms) and the transfer cost more than they save.
MIN_ITEMS = 400
ENV_SWITCH = "ASCN_PARALLEL"  # "0" reads every file in this process


def split_map(
    func: Callable[[Item], Any],
    items: Sequence[Item],
    min_items: int = MIN_ITEMS,
    *,
    here: Callable[[Item], Any] | None = None,
    share: float = 0.5,
) -> list[Any]:
    """`[func(item) for item in items]`, with a `share` of the items done by a forked helper.

    `func` must return plain values (marshal-able: None, bool, int, float, str,
    bytes, tuple, list, dict). `here`, if given, is what this process applies to its
    own items instead (anything: its results never cross); the helper's items, and
    all items when nothing is forked, get `func`.
    """
    if len(items) < min_items or not can_fork():
        return [func(item) for item in items]
    # Spread evenly: item i is the helper's when the running share passes a whole number.
    theirs_at = [i for i in range(len(items)) if int((i + 1) * share) > int(i * share)]
    theirs_items = [items[i] for i in theirs_at]
    ours_at = sorted(set(range(len(items))) - set(theirs_at))
    theirs = _in_child(func, theirs_items)
    ours = [(here or func)(items[i]) for i in ours_at]
    results = _collect(theirs)
    if results is None or len(results) != len(theirs_items):
        results = [func(item) for item in theirs_items]
    merged: list[Any] = [None] * len(items)
    for index, result in (*zip(ours_at, ours, strict=True), *zip(theirs_at, results, strict=True)):
        merged[index] = result
    return merged


def can_fork() -> bool:
    """Whether a helper may be forked here: not switched off, Linux, 2+ cores, one thread."""
    if os.environ.get(ENV_SWITCH) == "0" or not sys.platform.startswith("linux"):
        return False
    return len(os.sched_getaffinity(0)) >= 2 and threading.active_count() == 1


def _in_child(
    func: Callable[[Item], Any], items: Sequence[Item], *, own_group: bool = False
) -> tuple[int, int] | None:
    """Fork a child that maps `func` over `items` and writes the results to a pipe.

    With `own_group`, the child leads a process group of its own, which its own helpers
    join: `stop` then ends them all (a helper's helper would otherwise run on, orphaned).
    """
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if own_group:  # in both processes, so that neither can act before the group exists
        _lead_group(pid or os.getpid())
    if pid == 0:  # the child: never return into the caller's code
        status = 1
        try:
            os.close(read_end)
            data = marshal.dumps([func(item) for item in items])
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _collect(child: tuple[int, int] | None) -> list[Any] | None:
    """The child's results, or None if there is no child or it did not finish cleanly."""
    if child is None:
        return None
    pid, read_end = child
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        return None
    try:
        # Our own child's output, in marshal form: plain values only (see the module doc).
        results = marshal.loads(data)  # noqa: S302
    except (EOFError, ValueError, TypeError):
        return None
    return results if isinstance(results, list) else None


def _lead_group(pid: int) -> None:
    with contextlib.suppress(OSError):  # the child may have exited already: nothing to group
        os.setpgid(pid, pid)


Child = tuple[int, int]  # a forked helper's process id and the read end of its pipe


def start(func: Callable[[], Any]) -> Child | None:
    """Run `func()` in a forked helper now (None if forking is not safe here).

    `func` must return plain values, as for `split_map`; `finish` collects them. The
    caller goes on with other work meanwhile: the two run on both cores. The helper
    leads its own process group, so that `stop` also ends any helper it forks itself.
    """
    if not can_fork():
        return None
    return _in_child(lambda _: func(), [None], own_group=True)


def finish(child: Child) -> Any | None:
    """The helper's result, or None if it failed in any way."""
    results = _collect(child)
    return results[0] if results is not None and len(results) == 1 else None


def stop(child: Child) -> None:
    """End a helper whose result is no longer wanted, and reap it."""
    pid, read_end = child
    with contextlib.suppress(ProcessLookupError):  # it had finished already
        os.killpg(pid, signal.SIGKILL)  # the group `start` made: the helper and its helpers
    with contextlib.suppress(ProcessLookupError):  # in case it could not lead a group
        os.kill(pid, signal.SIGKILL)
    os.close(read_end)
    os.waitpid(pid, 0)
