"""Writing output files atomically: each file is either its old self or complete and new.

Every document is first written to a temporary file beside its target; only when all of
them are written are they renamed over the targets (a rename within one directory is
atomic on POSIX and Windows). A failure removes the temporary files and raises
OutputNotWritable, so a broken run never leaves a half-written report behind nor replaces
a good one.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from ascn.problems import OutputNotWritable


def _write_temp(target: Path, text: str | bytes) -> Path:
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    # os.open with 0o666 lets the umask decide permissions, like an ordinary new file.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
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
