"""The only reader of data/: files -> checked values -> models, with every problem located."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ascn.load import contacts, parallel
from ascn.load.discovery import (
    KIND_BY_NAME,
    KINDS,
    Kind,
    RecordFile,
    discover,
    display_path,
    printable,
)
from ascn.load.filecheck import MAX_FILE_BYTES, read_checked
from ascn.load.issues import (
    locate_issue,
    with_line,
)
from ascn.load.positions import Lines
from ascn.load.scan import check_file_name
from ascn.load.schema_errors import problems_from_validation, short
from ascn.load.yamlread import NodeIndex, YamlRejected, compose, parse
from ascn.models import Dataset
from ascn.problems import DataDirNotFound, Problem, Severity

__all__ = [  # discovery's names stay importable from here, where they used to live
    "KINDS",
    "KIND_BY_NAME",
    "MAX_FILE_BYTES",
    "Kind",
    "LoadResult",
    "RecordFile",
    "check_file_name",
    "discover",
    "display_path",
    "load",
    "locate",
    "locate_all",
    "read_record",
    "read_record_text",
    "read_text",
]


@dataclass
class LoadResult:
    """What loading found: the dataset, the problems, and how many files were read."""

    dataset: Dataset
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    # Each file as messages show it -> its path: a shown path has control characters
    # escaped (a data folder named with a tab), so it cannot be opened again as it is.
    paths: dict[str, Path] = field(default_factory=dict)


def load(data_dir: Path) -> LoadResult:
    """Load every record file under `data_dir`; problems never stop the other files."""
    if not data_dir.is_dir():
        raise DataDirNotFound(f"data directory not found: {display_path(data_dir)}")
    with collector_paused():
        return _load(data_dir)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while loading.

    Loading allocates hundreds of thousands of small objects and no reference
    cycles; the collector would otherwise rescan the growing dataset again and
    again (a third of the load time at 1,000 cities, and more than linear growth).
    Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load(data_dir: Path) -> LoadResult:
    record_files, problems = discover(data_dir)
    found = Records()
    # Outcomes come one file at a time, cities before plans, so that problems in a
    # plan can name its city by name.
    for record_file, ((record, file_problems), may_hold_contacts) in zip(
        record_files, _read_all(record_files, found.records["city"]), strict=True
    ):
        problems.extend(file_problems)
        found.add(record_file, record, contact_free=not may_hold_contacts)
    return found.result(record_files, problems)


class Records:
    """The records of a load as they come, file by file; then the dataset and the result.

    Shared by this loader and the cache's (ascn.load.incremental), which differ only in
    where each file's record comes from.
    """

    def __init__(self) -> None:
        self.records: dict[str, dict[str, Any]] = {kind.name: {} for kind in KINDS}
        self.files: dict[tuple[str, str], str] = {}
        self.unloaded: set[tuple[str, str]] = set()
        self.contact_free: dict[tuple[str, str], object] = {}

    def add(self, record_file: RecordFile, record: Any, *, contact_free: bool = False) -> None:
        """One file's record (None: it could not be built)."""
        key = (record_file.kind.name, record_file.stem)
        if record is None:
            self.unloaded.add(key)
            return
        self.records[record_file.kind.name][record_file.stem] = record
        self.files[key] = record_file.display
        if contact_free:
            self.contact_free[key] = record

    def result(self, record_files: list[RecordFile], problems: list[Problem]) -> LoadResult:
        """The load result: the dataset, the problems made printable, the paths by name."""
        dataset = Dataset.from_records(
            self.records, self.files, frozenset(self.unloaded), self.contact_free
        )
        paths = {record_file.display: record_file.path for record_file in record_files}
        located = [printable_problem(p) for p in problems]
        return LoadResult(dataset, located, len(record_files), paths)


Outcome = tuple[BaseModel | None, list[Problem]]
# A file's outcome, and whether its text may hold contact details (ascn.load.contacts).
Read = tuple[Outcome, bool]


def _read_all(record_files: list[RecordFile], cities: Mapping[str, Any]) -> Iterator[Read]:
    """Each file's record and problems, in order; large datasets use a second core."""
    if len(record_files) < parallel.MIN_ITEMS or not parallel.can_fork():
        yield from (_read_one(record_file, cities) for record_file in record_files)
        return
    # The helper parses; models are built here (they do not cross processes): those of
    # this process's own files while the helper still parses and sends its values.
    parsed = parallel.split_map(
        _parse_plain, record_files, min_items=0, here=_parse_and_build, share=HELPER_SHARE
    )
    for record_file, (value, plain, may_hold, built) in zip(record_files, parsed, strict=True):
        if built is not None:
            yield (built, []), may_hold
        else:
            yield _from_plain(record_file, value, plain, cities), may_hold


# The helper's share of the files. This process also builds the models (0.18 s of CPU
# at 1,000 cities, against 1.15 s of parsing), but the helper pays for sending its
# values and for copy-on-write faults: timed at 1,000 cities with shares from 0.47 to
# 0.58, the two finished together at about half, and a larger share kept this one waiting.
HELPER_SHARE = 0.5


def _read_one(record_file: RecordFile, cities: Mapping[str, Any]) -> Read:
    value, problems, text = _parse_file(record_file)
    if value is None:
        return (None, problems), True
    return build_record(record_file, value, text, cities), contacts.may_hold_contacts(text)


def read_record(record_file: RecordFile, cities: Mapping[str, Any] | None = None) -> Outcome:
    """Read, parse and validate one file; the record is None if it could not be built.

    `cities` (loaded city records by id) lets problems in a plan name its city.
    """
    value, problems, text = _parse_file(record_file)
    if value is None:
        return None, problems
    return build_record(record_file, value, text, cities or {})


def read_record_text(
    record_file: RecordFile, text: str, cities: Mapping[str, Any] | None = None
) -> Outcome:
    """`read_record` of a text that a writer is about to put in the file (nothing is read)."""
    value, problems, _ = _parse_text(record_file, text)
    if value is None:
        return None, problems
    return build_record(record_file, value, text, cities or {})


def _parse_file(record_file: RecordFile) -> tuple[dict[str, Any] | None, list[Problem], str]:
    """The file's mapping of plain values, or the problems why not; and its text."""
    shown = record_file.display
    problem = check_file_name(record_file)
    if problem is not None:
        return None, [problem], ""
    text, problem = read_text(record_file.path, shown)
    if text is None:
        return None, [problem] if problem else [], ""
    return _parse_text(record_file, text)


def parse_text(record_file: RecordFile, text: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The mapping of plain values in a file's text, or the problems why there is none."""
    value, problems, _ = _parse_text(record_file, text)
    return value, problems


def _parse_text(
    record_file: RecordFile, text: str
) -> tuple[dict[str, Any] | None, list[Problem], str]:
    shown = record_file.display
    try:
        value = parse(text)
    except YamlRejected as e:
        return None, [locate_issue(shown, text, e)], text
    if value is None or not isinstance(value, dict):
        what = "is empty" if value is None else "is not a mapping of field: value"
        hint = f"a {record_file.kind.name} file is a list of `field: value` lines"
        code = "empty-file" if value is None else "not-a-mapping"
        problem = Problem(shown, 1, 1, code, Severity.ERROR, f"the file {what}", hint)
        return None, [problem], text
    return value, [], text


PlainProblem = tuple[Any, ...]
_PROBLEM_FIELDS = tuple(f.name for f in dataclasses.fields(Problem))


Parsed = tuple[dict[str, Any] | None, list[PlainProblem], bool, BaseModel | None]


def _parse_plain(record_file: RecordFile) -> Parsed:
    """`_parse_file` as plain values that can cross processes (see ascn.load.parallel).

    With them, whether the text may hold contact details: decided here, where the text is;
    the model is None (`_parse_and_build` builds it).
    """
    value, problems, text = _parse_file(record_file)
    plain = [tuple(getattr(p, name) for name in _PROBLEM_FIELDS) for p in problems]
    may_hold = value is None or contacts.may_hold_contacts(text)
    shared = [tuple(str(v) if isinstance(v, Severity) else v for v in p) for p in plain]
    return value, shared, may_hold, None


def _parse_and_build(record_file: RecordFile) -> Parsed:
    """`_parse_plain` with the model, if the values are valid (else built in file order later,
    when the city a plan's messages name has been read)."""
    value, plain, may_hold, _ = _parse_plain(record_file)
    if value is None:
        return value, plain, may_hold, None
    try:
        return None, plain, may_hold, record_file.kind.model.model_validate(value)
    except ValidationError:
        return value, plain, may_hold, None


def _from_plain(
    record_file: RecordFile,
    value: dict[str, Any] | None,
    plain: list[PlainProblem],
    cities: Mapping[str, Any],
) -> Outcome:
    if value is None:
        fields = [dict(zip(_PROBLEM_FIELDS, p, strict=True)) for p in plain]
        return None, [Problem(**{**f, "severity": Severity(f["severity"])}) for f in fields]
    return build_record(record_file, value, None, cities)


def read_text(path: Path, shown: str) -> tuple[str | None, Problem | None]:
    """The file's text if it is a safe, small, UTF-8 file; otherwise the problem."""
    return read_checked(path, shown, MAX_FILE_BYTES)


def build_record(
    record_file: RecordFile, value: dict[str, Any], text: str | None, cities: Mapping[str, Any]
) -> Outcome:
    """The record built from `value`, or its problems located in `text` (read again if None)."""
    try:
        return record_file.kind.model.model_validate(value), []
    except ValidationError as e:
        model, shown = record_file.kind.model, record_file.display
        record = _plan_words(record_file, cities)
        problems = problems_from_validation(e, model, value, shown, record)
        if text is not None:
            return None, locate(problems, text)
        return None, locate_all(problems, {shown: record_file.path})


def _plan_words(record_file: RecordFile, cities: Mapping[str, Any]) -> str | None:
    """'Da Nang plan' for a plan whose city loaded (None: let the record name itself)."""
    city = cities.get(record_file.stem) if record_file.kind.name == "plan" else None
    return f"{short(city.name)} plan" if city is not None else None


def locate(problems: Iterable[Problem], text: str) -> list[Problem]:
    """Give each problem of one file its line and column, composing and indexing the file once."""
    pending = list(problems)
    lines = Lines(text)
    if all(p.located for p in pending):
        return [with_line(p, lines) for p in pending]
    nodes = NodeIndex(compose(text))
    located = []
    for problem in pending:
        placed = problem
        if not problem.located:
            offset = nodes.offset(problem.pointer, problem.part) if nodes.root else 0
            placed = problem.moved_to(*lines.position(offset))
        located.append(with_line(placed, lines))
    return located


def locate_all(
    problems: Iterable[Problem], paths: Mapping[str, Path] | None = None
) -> list[Problem]:
    """Locate problems from cross-file checks, reading each file with problems once.

    `paths` maps a file as shown to its path (LoadResult.paths); without it the shown
    name is opened, which fails for a path whose control characters were escaped.
    """
    by_file: dict[str, list[Problem]] = {}
    done: list[Problem] = []
    for problem in problems:
        (done if problem.located else by_file.setdefault(problem.file, [])).append(problem)
    for shown, pending in by_file.items():
        text, _ = read_text((paths or {}).get(shown, Path(shown)), shown)
        done.extend(locate(pending, text) if text is not None else pending)
    return [printable_problem(p) for p in done]


def printable_problem(problem: Problem) -> Problem:
    """The problem with control characters in its message and hint escaped.

    Messages quote names and titles from the data, which may hold terminal escape
    sequences (YAML's "\\e"); printed as they are, they could rewrite the terminal.
    """
    hint = problem.hint
    if problem.message.isprintable() and (hint is None or hint.isprintable()):
        return problem
    return dataclasses.replace(
        problem, message=printable(problem.message), hint=None if hint is None else printable(hint)
    )
