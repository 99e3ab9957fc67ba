"""What every writer checks before it replaces a data file (pre-commit's and ruff's discipline).

An edit is a new text for one file. Before it is written: the target must be a plain file
inside the data folder (never a link: writing through one would change a file outside
data/ or turn two records into one), the text must fit the loader's size cap, and the
whole dataset, with the file replaced in memory, must have no error that it does not
have already. Problems are compared by file, code and message, so an edit is judged only
by what it adds.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ascn import checks, output
from ascn.load import loader, related
from ascn.load.loader import KINDS, Kind, RecordFile
from ascn.models import Dataset, Network
from ascn.problems import AscnError, Problem, Severity

# The Dataset attribute that holds each kind's records.
_ATTRIBUTE = {"source": "sources", "country": "countries", "city": "cities", "plan": "plans"}
_ATTRIBUTE["partner"] = "partners"


@dataclass(frozen=True)
class Edit:
    """A file to write: where, its new text, what to tell the user, and the text it replaces.

    `old` is None for a new file; otherwise the file must still hold it when the edit is
    written (another writer's change is never overwritten).
    """

    path: Path
    text: str
    message: str
    old: str | None


def write_edit(data_dir: Path, make_edit: Callable[[], Edit]) -> Edit:
    """Make an edit under the data folder's lock, check it in context, and write it."""
    with output.data_lock(data_dir):
        edit = make_edit()
        check_edit(data_dir, edit.path, edit.text)
        output.replace_data_file(edit.path, edit.text, edit.old)
    return edit


class UnsafeTarget(AscnError):
    """The file to write is a link, or lies outside the data folder."""


class WriteRefused(AscnError):
    """The edit would add errors to the dataset; nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        count = f"{len(problems)} error{'s' if len(problems) != 1 else ''}"
        super().__init__(f"nothing was written: the edit would add {count} (shown above)")


def kind_of(path: Path) -> Kind | None:
    """The record kind a file holds, from where it lies (network.yaml, cities/, ...)."""
    if path.name == "network.yaml":
        return KINDS[0]
    return next((kind for kind in KINDS[1:] if kind.folder == path.parent.name), None)


def safe_target(data_dir: Path, path: Path) -> None:
    """Raise UnsafeTarget unless `path` is (or will be) a plain file inside `data_dir`."""
    shown = loader.display_path(path)
    if path.is_symlink():
        raise UnsafeTarget(f"{shown} is a link; ascn writes only plain files in the data folder")
    if not path.parent.resolve().is_relative_to(data_dir.resolve()):
        raise UnsafeTarget(f"{shown} lies outside the data folder {data_dir}")


def too_large(path: Path, text: str) -> Problem | None:
    """A file-too-large problem if `text` would exceed the loader's cap."""
    size = len(text.encode("utf-8"))
    if size <= loader.MAX_FILE_BYTES:
        return None
    message = f"the file would be {size:,} bytes; a record file holds at most 1 MiB"
    hint = "split the record, or shorten long texts (notes, descriptions)"
    shown = loader.display_path(path)
    return Problem(shown, 1, 1, "file-too-large", Severity.ERROR, message, hint)


def check_edit(data_dir: Path, path: Path, text: str, current_year: int | None = None) -> None:
    """Raise WriteRefused with the errors that writing `text` to `path` would add."""
    safe_target(data_dir, path)
    large = too_large(path, text)
    if large is not None:
        raise WriteRefused([large])
    added = new_errors(data_dir, path, text, current_year)
    if added:
        raise WriteRefused(added)


def new_errors(
    data_dir: Path, path: Path, text: str, current_year: int | None = None
) -> list[Problem]:
    """The errors the dataset would have with `path` holding `text`, that it has not now."""
    kind = kind_of(path)
    if kind is None:
        raise UnsafeTarget(f"{loader.display_path(path)} is not where a record file belongs")
    base = loader.load(data_dir)
    record_file = RecordFile(kind, path, loader.display_path(path))
    before = base.problems + loader.locate_all(
        checks.run_all(base.dataset, current_year), base.paths
    )
    record, own = loader.read_record_text(record_file, text, base.dataset.cities)
    after_ds = _replaced(base.dataset, record_file, record)
    found = list(checks.run_all(after_ds, current_year))
    shown = record_file.display
    after = [p for p in base.problems if p.file != shown] + own
    after += loader.locate([p for p in found if p.file == shown], text)
    after += loader.locate_all((p for p in found if p.file != shown), base.paths)
    return _added(related.placed(before), related.placed(after))


def _replaced(ds: Dataset, record_file: RecordFile, record: object) -> Dataset:
    """The dataset with one file's record replaced (or marked unloaded when None)."""
    kind, stem = record_file.kind.name, record_file.stem
    unloaded = ds.unloaded - {(kind, stem)} | ({(kind, stem)} if record is None else set())
    files = {**ds.files, (kind, stem): record_file.display}
    if kind == "network":
        network = record if isinstance(record, Network) else None
        return dataclasses.replace(ds, network=network, files=files, unloaded=frozenset(unloaded))
    records = dict(getattr(ds, _ATTRIBUTE[kind]))
    records.pop(stem, None)
    if record is not None:
        records[stem] = record
    changes = {_ATTRIBUTE[kind]: records, "files": files, "unloaded": frozenset(unloaded)}
    return dataclasses.replace(ds, **changes)  # type: ignore[arg-type]


def _added(before: Sequence[Problem], after: Sequence[Problem]) -> list[Problem]:
    """Errors in `after` beyond those in `before` (compared by file, code and message)."""
    errors = [p for p in after if p.severity is Severity.ERROR]
    old = Counter((p.file, p.code, p.message) for p in before if p.severity is Severity.ERROR)
    added = []
    for problem in sorted(errors):
        key = (problem.file, problem.code, problem.message)
        if old[key]:
            old[key] -= 1
        else:
            added.append(problem)
    return added
