"""Writing output files atomically: each file is either its old self or complete and new.

Every document is first written to a temporary file beside its target; only when all of
them are written are they renamed over the targets (a rename within one directory is
atomic on POSIX and Windows). A failure removes the temporary files and raises
OutputNotWritable, so a broken run never leaves a half-written report behind nor replaces
a good one.

Data files (`replace_data_file`) get more: the old file's mode is kept, the file must still
hold the text the edit was made from (another writer's edit is never lost), a new file
never replaces one that appeared meanwhile, and writers of one data folder take turns
(`data_lock`). A temporary file is named after the process that wrote it, so one left by a
killed process (SIGKILL cannot be caught) is removed by the next writer.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from ascn.problems import AscnError, OutputNotWritable

_TEMP = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.tmp")


# Up to this many files each is fsync'ed; beyond, one os.sync() before the renames flushes
# them all: the same guarantee (data on disk before any rename), without one disk flush per
# file (a site of 22,000 files took 95 s with a flush per file, a few seconds without).
SYNC_EACH_UP_TO = 16


# A document: text (written as UTF-8), bytes as they are, or text in pieces, written as they
# come. A report written piece by piece (70 MB of HTML at 10,000 cities) is never whole in
# memory: each rendering process had 40,000-56,000 fewer page faults and spent about half a
# second less in the kernel, and used 130-150 MB less memory.
Document = str | bytes | Iterable[str]


class EditConflict(AscnError):
    """The file changed while the edit was being made; nothing was written."""


def _encoded(content: Document) -> Iterator[bytes]:
    if isinstance(content, bytes):
        yield content
    elif isinstance(content, str):
        yield content.encode("utf-8")
    else:  # each piece is whole text: the pieces' UTF-8 is the UTF-8 of their concatenation
        yield from (piece.encode("utf-8") for piece in content)


def _write_temp(
    target: Path,
    content: Document,
    mode: int | None = None,
    sync: bool = True,
    owner: int | None = None,
) -> Path:
    pid = os.getpid() if owner is None else owner
    temp = target.with_name(f".{target.name}.{pid}.{secrets.token_hex(4)}.tmp")
    # os.open with 0o666 lets the umask decide permissions, like an ordinary new file.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            for data in _encoded(content):
                handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def write_files(out_dir: Path, documents: Mapping[str, Document]) -> list[Path]:
    """Write each named document into `out_dir` (created if missing); return the paths.

    A name may hold slashes (`cities/da-nang.html`): its folders are created. Text is
    written as UTF-8, bytes as they are. A document in pieces that fails while it is made
    (its pieces raise) leaves nothing written.
    """
    return publish(stage_files(out_dir, documents))


Staged = dict[Path, Path]  # each target -> the complete temporary file that will replace it


def stage_files(
    out_dir: Path, documents: Mapping[str, Document], owner: int | None = None
) -> Staged:
    """Write each document to a temporary file beside its target; nothing is replaced yet.

    `owner` is the process id the temporary files are named after (default: this one): a
    helper process that stages files for its parent names them after the parent, which
    can then remove them (`discard_own`) if it stops the helper before they were handed over.
    """
    temps: Staged = {}
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(out_dir)
        sync_each = len(documents) <= SYNC_EACH_UP_TO
        for name in sorted(documents):
            target = out_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            temps[target] = _write_temp(target, documents[name], sync=sync_each, owner=owner)
        if not sync_each:
            os.sync()
    except OSError as e:
        discard(temps)
        raise OutputNotWritable(f"cannot write to {out_dir}: {e.strerror or e}") from e
    except BaseException:  # a document in pieces failed while it was made
        discard(temps)
        raise
    return temps


def publish(staged: Staged) -> list[Path]:
    """Rename staged files over their targets (written and flushed to disk before)."""
    try:
        for target, temp in staged.items():
            temp.replace(target)
    except OSError as e:
        discard(staged)
        folder = next(iter(staged)).parent
        raise OutputNotWritable(f"cannot write to {folder}: {e.strerror or e}") from e
    return list(staged)


def discard(staged: Staged) -> None:
    """Remove staged files that will not be published."""
    for temp in staged.values():
        temp.unlink(missing_ok=True)


def discard_own(folder: Path, owner: int | None = None) -> None:
    """Remove every temporary file in `folder` named after `owner` (default: this process)."""
    mine = os.getpid() if owner is None else owner
    _remove_temps(folder, lambda pid: pid == mine)


def replace_data_file(target: Path, text: str, old: str | None) -> None:
    """Replace a data file that holds `old` (None: create one that does not exist yet)."""
    remove_stale_temps(target.parent)
    try:
        mode = _mode_of(target) if old is not None else None
        temp = _write_temp(target, text, mode)
        try:
            _swap(target, temp, old)
        finally:
            temp.unlink(missing_ok=True)
    except OSError as e:
        raise OutputNotWritable(f"cannot write {target}: {e.strerror or e}") from e


def _mode_of(target: Path) -> int:
    return target.lstat().st_mode & 0o7777


def _swap(target: Path, temp: Path, old: str | None) -> None:
    """Put `temp` in place of `target` if the target is as the edit expects."""
    if old is None:
        try:
            os.link(temp, target)  # fails if the file appeared meanwhile; never replaces it
        except FileExistsError as e:
            raise EditConflict(f"{target} was created meanwhile; nothing was written") from e
        return
    if target.read_bytes() != old.encode("utf-8"):
        raise EditConflict(f"{target} changed while it was being edited; nothing was written")
    temp.replace(target)


def remove_stale_temps(folder: Path) -> None:
    """Remove temporary files of writers that no longer run (killed before they cleaned up)."""
    _remove_temps(folder, lambda pid: not _running(pid))


def _remove_temps(folder: Path, named_after: Callable[[int], bool]) -> None:
    """Remove the temporary files in `folder` whose writer's process id `named_after` picks."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            match = _TEMP.fullmatch(entry.name)
            if match and named_after(int(match.group("pid"))):
                Path(entry.path).unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError as e:
        return e.errno == errno.EPERM
    return True


@contextlib.contextmanager
def data_lock(data_dir: Path) -> Iterator[None]:
    """Hold the data folder's lock: writers of one dataset take turns, none loses an edit."""
    try:
        fd = os.open(data_dir, os.O_RDONLY)
    except OSError:
        yield  # no folder to lock: the command reports the missing folder itself
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
