"""Which files under data/ are records, and what else is there that should not be.

Nothing here reads a file's content. Links that lead outside the data folder (or
loop, or lead nowhere), folders where files belong and files where folders
belong become problems; folders that cannot be listed too. File names are shown
with control characters and undecodable bytes escaped, so that a hostile name
cannot write to the terminal or break a CI annotation.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ascn.load.manifest import RECORD_FOLDERS, display_path, printable
from ascn.problems import Problem, Severity

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = [
    "FOLDERS",
    "KINDS",
    "KIND_BY_NAME",
    "Kind",
    "RecordFile",
    "discover",
    "display_path",
    "printable",
    "scan_folder",
]


@dataclass(frozen=True)
class Kind:
    """A kind of record: where its files live and which model checks them."""

    name: str
    folder: str | None  # None: the single file data/<name>.yaml
    model_name: str  # the class in ascn.models

    @cached_property
    def model(self) -> type[BaseModel]:
        """The model class, imported on first use.

        Discovery stays free of pydantic (130 ms of imports) so that an unchanged dataset
        can be answered from the result cache before the models load (ascn.cli.fastpath).
        """
        from ascn import models  # noqa: PLC0415 - deferred on purpose, see above

        model: type[BaseModel] = getattr(models, self.model_name)
        return model


_MODELS = {
    "source": "Source",
    "country": "Country",
    "city": "City",
    "plan": "Plan",
    "partner": "Partner",
}
# The folders and their order come from ascn.load.manifest, which must agree with discovery.
KINDS: tuple[Kind, ...] = (
    Kind("network", None, "Network"),
    *(Kind(kind, folder, _MODELS[kind]) for kind, folder in RECORD_FOLDERS),
)
KIND_BY_NAME = {kind.name: kind for kind in KINDS}
FOLDERS = tuple(str(kind.folder) for kind in KINDS[1:])


@dataclass(frozen=True)
class RecordFile:
    """A file that should hold one record."""

    kind: Kind
    path: Path
    display: str  # as shown in messages: relative to the current directory

    @property
    def stem(self) -> str:
        """The record id the file name gives."""
        return self.path.stem


def discover(data_dir: Path) -> tuple[list[RecordFile], list[Problem]]:
    """The record files under `data_dir`, sorted, and problems with what else is there."""
    root = data_dir.resolve()
    found: list[RecordFile] = []
    problems: list[Problem] = list(_unexpected_entries(data_dir))
    network = data_dir / "network.yaml"
    if network.exists() or network.is_symlink():
        problem = _link_problem(network, root)
        if problem is None:
            found.append(RecordFile(KINDS[0], network, display_path(network)))
        else:
            problems.append(problem)
    else:
        problems.append(_file_problem("missing-file", display_path(network), "no network.yaml"))
    for kind in KINDS[1:]:
        found_here, problems_here = _discover_folder(kind, data_dir / str(kind.folder), root)
        found.extend(found_here)
        problems.extend(problems_here)
    return found, problems


def _discover_folder(
    kind: Kind, folder: Path, root: Path
) -> tuple[list[RecordFile], list[Problem]]:
    if not (folder.exists() or folder.is_symlink()):
        return [], []
    problem = _link_problem(folder, root) or _not_a_folder(folder)
    if problem:
        return [], [problem]
    entries, problem = _list(folder)
    if problem:
        return [], [problem]
    found, problems = [], []
    shown = _child_display(folder)
    for path, plain in entries:
        # A plain file needs no more system calls (its type came with the listing).
        problem = None if plain else _link_problem(path, root) or _stray(kind, path)
        if problem:
            problems.append(problem)
        else:
            found.append(RecordFile(kind, path, shown(path.name)))
    return found, problems


def _child_display(folder: Path) -> Callable[[str], str]:
    """`display_path` for the entries of `folder`, without a relpath call per file."""
    base = display_path(folder)
    if base == ".":  # relpath gives "name", not "./name"
        return printable
    return lambda name: f"{base}{os.sep}{printable(name)}"


def _list(folder: Path) -> tuple[list[tuple[Path, bool]], Problem | None]:
    """The folder's entries, sorted by name, without hidden ones (.DS_Store, swap files).

    Each comes with whether it is a plain .yaml file (not a link, not a folder), as the
    listing tells without a system call per entry (22,000 files at 10,000 cities).
    """
    try:
        names = scan_folder(folder)
    except OSError as e:
        message = f"cannot list the folder: {e.strerror or type(e).__name__}"
        return [], _file_problem("unreadable-file", display_path(folder), message)
    entries = [(folder / name, plain) for name, plain in names if not name.startswith(".")]
    entries.sort(key=lambda entry: entry[0].name)
    return entries, None


def scan_folder(folder: Path) -> list[tuple[str, bool]]:
    """Each entry's name and whether it is a plain .yaml file (OSError if unlistable)."""
    with os.scandir(folder) as listing:
        return [(entry.name, _plain_yaml(entry)) for entry in listing]


def _plain_yaml(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.name.endswith(".yaml") and entry.is_file(follow_symlinks=False)
    except OSError:
        return False


def _not_a_folder(folder: Path) -> Problem | None:
    if folder.is_dir():
        return None
    hint = f"{folder.name}/ is a folder of <id>.yaml files"
    return _file_problem("stray-file", display_path(folder), "a file where a folder belongs", hint)


def _stray(kind: Kind, path: Path) -> Problem | None:
    if path.suffix == ".yaml" and not path.is_dir():
        return None
    what = "a folder" if path.is_dir() else "not a .yaml file"
    hint = f"records in {kind.folder}/ are files named <id>.yaml"
    return _file_problem("stray-file", display_path(path), f"{what} in {kind.folder}/", hint)


def _link_problem(path: Path, root: Path) -> Problem | None:
    """A problem if `path` is a link that loops or leads outside the data folder."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop, on Python before 3.13
        target = None
    if target is not None and target.is_relative_to(root):
        return None
    what = "folder" if path.is_dir() else "file"
    message = (
        "a link that loops" if target is None else f"a link to a {what} outside the data folder"
    )
    return _file_problem("unsafe-link", display_path(path), message, "copy the file in instead")


def _unexpected_entries(data_dir: Path) -> Iterator[Problem]:
    entries, problem = _list(data_dir)
    if problem:
        yield problem
    known = {"network.yaml", *FOLDERS}
    hint = "data/ holds network.yaml and the folders " + ", ".join(sorted(FOLDERS))
    for path, _ in entries:
        if path.name not in known:
            yield _file_problem("stray-file", display_path(path), "not part of the dataset", hint)


def _file_problem(code: str, shown: str, message: str, hint: str | None = None) -> Problem:
    return Problem(shown, 1, 1, code, Severity.ERROR, message, hint)
