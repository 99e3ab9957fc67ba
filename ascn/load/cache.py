"""A result cache that is safe by design: JSON files in the user's cache folder.

What it stores: per file, the plain values a data file parsed to and its problems;
per dataset, the sorted problems of a whole validation; the Python source Jinja
compiles the report's templates to. Nothing is ever unpickled or unmarshalled:
every entry is JSON, so reading one can build nothing but dicts, lists, text and
numbers, and a corrupt, foreign or unreadable entry is simply a miss.

- Where: $ASCN_CACHE_DIR, else $XDG_CACHE_HOME/ascn, else ~/.cache/ascn; never in
  the repository. The folder is made with mode 0700, each file written to a
  temporary name with mode 0600 and renamed into place (atomic); an entry that
  is not a regular file owned by this user, or that others may write, is ignored.
- Key: every entry's name is hashed with a fingerprint of the tool's own files (an
  editable install keeps its version number while the models change), the versions of
  Python and the dependencies that shape results, the current year (checks
  such as "update in the future" depend on it) and a format number.
- Size: at most MAX_ENTRIES files and MAX_BYTES bytes; the least recently
  written go first, and an entry larger than the cap is not written.
- `--no-cache` on every command that loads the dataset turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from functools import cache
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (see ascn.cli.fastpath)
if TYPE_CHECKING:
    from typing import Any

ENV_DIR = "ASCN_CACHE_DIR"
FORMAT = "2"  # bump when the meaning of an entry changes
MAX_ENTRIES = 256
MAX_BYTES = 512 * 1024 * 1024
DEPENDENCIES = ("pydantic", "pydantic-core", "ruamel.yaml", "ruamel.yaml.clib", "jinja2")
_PACKAGE = Path(__file__).resolve().parents[1]  # the ascn package


def folder() -> Path:
    """Where entries live: $ASCN_CACHE_DIR, else $XDG_CACHE_HOME/ascn, else ~/.cache/ascn."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ascn"


@cache
def code_digest() -> str:
    """A fingerprint of the tool's own files (Python and templates), whatever its version says.

    Each file's path, size and modification time, as CPython's own bytecode cache checks
    its sources: editing a model changes it, and no file is read (reading all 130 was a
    tenth of answering an unchanged dataset from the cache). The templates folder is a
    link inside the package (ascn/templates), so the walk follows links.
    """
    digest = hashlib.sha256()
    for name in _own_files():
        info = os.stat(os.path.join(_PACKAGE, name))  # noqa: PTH116, PTH118
        digest.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _own_files() -> list[str]:
    """The package's .py and .j2 files, relative to it, sorted."""
    found = []
    for root, _, names in os.walk(_PACKAGE, followlinks=True):
        where = os.path.relpath(root, _PACKAGE)
        for name in names:
            if name.endswith((".py", ".j2")):
                found.append(name if where == "." else f"{where}/{name}")
    return sorted(found)


def environment_key(current_year: int | str) -> str:
    """What every entry's key includes: code, Python, dependency versions, year, format."""
    versions = [f"{name}={_version(name)}" for name in DEPENDENCIES]
    parts = [FORMAT, code_digest(), sys.version, *versions, str(current_year)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _version(name: str) -> str:
    """The installed version of a distribution, from its metadata folder's name.

    `importlib.metadata` would answer the same but costs 20 ms of imports, a third of
    what answering an unchanged dataset from the cache may take. The folder names
    `<name>-<version>.dist-info` (or `.egg-info`) of the first sys.path entry that has
    one, as importlib.metadata looks them up; "none" if none does.
    """
    wanted = _normalise(name)
    for entry in sys.path:
        for folder in _metadata_folders(entry or "."):
            stem = folder.rsplit(".", 1)[0]
            found, _, version = stem.partition("-")
            if _normalise(found) == wanted:
                return version.partition("-")[0]
    return "none"


def _normalise(name: str) -> str:
    """A distribution name as PEP 503 compares them (`ruamel.yaml` and `Ruamel_YAML` match)."""
    return "-".join(name.replace("_", "-").replace(".", "-").lower().split("-"))


@cache
def _metadata_folders(entry: str) -> tuple[str, ...]:
    try:
        names = os.listdir(entry)  # noqa: PTH208 - names only: a Path per entry costs more
    except OSError:
        return ()
    return tuple(n for n in names if n.endswith((".dist-info", ".egg-info")))


class Cache:
    """JSON entries under one environment key; any error reading is a miss."""

    def __init__(self, where: Path, key: str) -> None:
        self.where = where
        self.key = key

    def _path(self, name: str) -> Path:
        return self.where / (hashlib.sha256(f"{self.key}\0{name}".encode()).hexdigest() + ".json")

    def get(self, name: str) -> Any | None:
        """The value stored under `name`, or None (missing, corrupt, foreign or unsafe)."""
        try:
            with self._path(name).open("rb") as handle:
                info = os.fstat(handle.fileno())
                if not _trusted(info):
                    return None
                entry = json.loads(handle.read())
        except (OSError, ValueError, RecursionError):
            return None
        if not isinstance(entry, dict) or entry.get("key") != self.key:
            return None
        return entry.get("value") if entry.get("name") == name else None

    def put(self, name: str, value: Any) -> None:
        """Store `value` (JSON) under `name`; failures are ignored (the cache is optional)."""
        try:
            entry = {"key": self.key, "name": name, "value": value}
            data = json.dumps(entry, separators=(",", ":"), check_circular=False).encode()
            if len(data) > MAX_BYTES:
                return
            self.where.mkdir(mode=0o700, parents=True, exist_ok=True)
            _write_private(self._path(name), data)
            _prune(self.where)
        except (OSError, ValueError, TypeError, RecursionError):
            return


def open_cache(current_year: int) -> Cache:
    """The cache for this tool, its dependencies and the year."""
    return Cache(folder(), environment_key(current_year))


def _trusted(info: os.stat_result) -> bool:
    """A regular file of ours that no one else may write."""
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_ISREG(info.st_mode) and mine and not info.st_mode & 0o022


def _write_private(target: Path, data: bytes) -> None:
    """Write `data` to `target` atomically, readable and writable by this user only."""
    import secrets  # noqa: PLC0415 - only writers need it; readers start faster without

    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        temp.replace(target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _prune(where: Path) -> None:
    """Remove the oldest entries beyond MAX_ENTRIES files or MAX_BYTES bytes."""
    entries = []
    for path in where.glob("*.json"):
        try:
            info = path.stat()
        except OSError:
            continue
        entries.append((info.st_mtime_ns, info.st_size, path))
    entries.sort(reverse=True)
    total = 0
    for count, (_, size, path) in enumerate(entries, start=1):
        total += size
        if count > MAX_ENTRIES or total > MAX_BYTES:
            path.unlink(missing_ok=True)
