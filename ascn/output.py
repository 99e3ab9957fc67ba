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
from collections.abc import Iterator, Mapping
from pathlib import Path

from ascn.problems import AscnError, OutputNotWritable

_TEMP = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.tmp")


class EditConflict(AscnError):
    """The file changed while the edit was being made; nothing was written."""


def _write_temp(target: Path, text: str | bytes, mode: int | None = None) -> Path:
    temp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    # os.open with 0o666 lets the umask decide permissions, like an ordinary new file.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(text if isinstance(text, bytes) else text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def write_files(out_dir: Path, documents: Mapping[str, str | bytes]) -> list[Path]:
    """Write each named document (text as UTF-8, or bytes) into `out_dir`; return the paths."""
    temps: dict[Path, Path] = {}
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name in sorted(documents):
            target = out_dir / name
            temps[target] = _write_temp(target, documents[name])
        for target, temp in temps.items():
            temp.replace(target)
    except OSError as e:
        for temp in temps.values():
            temp.unlink(missing_ok=True)
        raise OutputNotWritable(f"cannot write to {out_dir}: {e.strerror or e}") from e
    return list(temps)


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
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            match = _TEMP.fullmatch(entry.name)
            if match and not _running(int(match.group("pid"))):
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
