"""Validation as one call: load every file, run the checks, locate and sort the problems."""

from __future__ import annotations

import gc
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ascn import checks, clock
from ascn.checks import gates, perfile, references
from ascn.checks.base import record_keys, record_of
from ascn.load import cache, incremental, loader, related
from ascn.models import Dataset
from ascn.problems import AscnError, Problem


@dataclass(frozen=True)
class Validation:
    """The outcome of validating a data directory."""

    dataset: Dataset
    problems: list[Problem]
    files: int
    # With --changed-since: problems that were there before, in files the change left alone.
    existing: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Checked:
    """The problems of a data directory and how many files were read (no dataset)."""

    problems: list[Problem]
    files: int
    existing: list[Problem] = field(default_factory=list)  # as Validation's; always empty
    manifest: str = ""  # with the cache: the hash of the files these problems are of
    # The dataset loaded to find them (None if answered whole from the cache), for a caller
    # that ends the process without freeing it (ascn.cli.keep).
    dataset: Dataset | None = field(default=None, repr=False, compare=False)


AfterLoad = Callable[[Dataset, int], None]  # called with the dataset and the number of files


def validate(
    data_dir: Path,
    current_year: int | None = None,
    *,
    use_cache: bool = False,
    after_load: AfterLoad | None = None,
) -> Validation:
    """Load `data_dir` and check it; problems are sorted by file, line, column and code.

    With `use_cache`, results of unchanged files come from the result cache (ascn.load.cache).
    `after_load` is called once the dataset is loaded, before the checks run: the report
    starts rendering on the second core there (ascn/report/ahead.py).
    """
    if use_cache:
        problems, files, dataset, _ = _cached(
            data_dir, _year(current_year), need_dataset=True, after_load=after_load
        )
        if dataset is not None:  # always, as the dataset was asked for
            return Validation(dataset, problems, files)
    with loader.collector_paused():  # checks walk every record too: see collector_paused
        result = loader.load(data_dir)
        if after_load is not None:
            after_load(result.dataset, result.files)
        checked = run_checks(result.dataset, _year(current_year))
        found = related.placed(loader.locate_all(checked, result.paths))
        _exempt_from_collector()
    return Validation(result.dataset, sorted(result.problems + found), result.files)


def check(data_dir: Path, current_year: int | None = None, *, use_cache: bool = False) -> Checked:
    """The problems of `data_dir` only: with an unchanged dataset, straight from the cache."""
    if use_cache:
        problems, files, dataset, manifest = _cached(
            data_dir, _year(current_year), need_dataset=False
        )
        return Checked(problems, files, manifest=manifest, dataset=dataset)
    result = validate(data_dir, current_year)
    return Checked(result.problems, result.files, dataset=result.dataset)


def run_checks(ds: Dataset, year: int, skip: frozenset[str] = frozenset()) -> list[Problem]:
    """`checks.run_all`, in code order, but for the checks in `skip`.

    All in this process: a forked helper that ran half of the checks gained nothing
    (0.49 s against 0.40 s serial at 1,000 cities), as the child's reference counting
    copied the loaded dataset page by page.
    """
    return list(checks.run_all(ds, year, skip))


def _exempt_from_collector() -> None:
    """Move what is loaded out of the collector's reach before it resumes.

    The records form no reference cycles, yet the collector's first full pass after
    loading would walk all of them (-11% for validate at 10,000 cities, -17% at 1,000).
    Reference counting still frees them.
    """
    gc.freeze()


def _year(current_year: int | None) -> int:
    return current_year if current_year is not None else clock.current_year()


def _cached(
    data_dir: Path, year: int, *, need_dataset: bool, after_load: AfterLoad | None = None
) -> tuple[list[Problem], int, Dataset | None, str]:
    """Validation with the result cache: the whole result, else per-file results."""
    with loader.collector_paused():
        try:
            found = _cached_paused(data_dir, year, need_dataset=need_dataset, after_load=after_load)
        except incremental.StaleEntry:  # a stored plan that does not build: parse it again
            found = _cached_paused(data_dir, year, need_dataset=True, after_load=after_load)
        _exempt_from_collector()
    return found


def _cached_paused(
    data_dir: Path, year: int, *, need_dataset: bool, after_load: AfterLoad | None
) -> tuple[list[Problem], int, Dataset | None, str]:
    store = cache.open_cache(year)
    scanned = incremental.scan(data_dir)
    manifest = scanned.manifest()
    whole = _stored_result(store.get(f"result:{manifest}"))
    if whole is not None and not need_dataset:
        return whole.problems, whole.files, None, manifest
    shards = incremental.read_store(store, data_dir)
    known = {display: entry for shard in shards for display, entry in shard.items()}
    # Without a dataset to hand on, plans are built only when read (few are, on a warm run).
    result, entries = incremental.load(scanned, known, plans_on_read=not need_dataset)
    if after_load is not None:
        after_load(result.dataset, result.files)
    parsed = scanned.manifest()  # of the texts parsed: a file may have changed since the scan
    if whole is not None and parsed == manifest:
        problems = whole.problems
    else:
        found = related.placed(_check_cached(result.dataset, year, entries, result.paths))
        problems = sorted(result.problems + found)
        shown = [incremental.problem_json(p) for p in problems]
        store.put(f"result:{parsed}", {"problems": shown, "files": result.files})
    incremental.write_store(store, data_dir, entries, shards)
    # A dataset whose plans are built when read stays here (StaleEntry is caught above).
    return problems, result.files, result.dataset if need_dataset else None, parsed


def _stored_result(value: Any) -> Checked | None:
    try:
        problems = [incremental.problem_from_json(p) for p in value["problems"]]
        return Checked(problems, value["files"])
    except (TypeError, ValueError, KeyError):
        return None


# Checks whose problems (or facts) the cache keeps per file: per record (personal data),
# the file checks, and the source ids each file names (ref-unknown-source).
_PER_FILE = frozenset(checks.RECORD_CHECKS) | checks.FILE_CHECKS | {"ref-unknown-source"}
_NOT_FILE_CHECKS = frozenset(checks.CHECKS) - checks.FILE_CHECKS


def _check_cached(
    ds: Dataset, year: int, entries: dict[str, Any], paths: dict[str, Path]
) -> list[Problem]:
    """Every check's problems; per-file checks come from `entries` where stored there.

    Only the cross-file checks run over the whole dataset (at 10,000 cities the file
    checks were 1.6 s of the 2.6 s that checking cost a run with one changed file), and
    of them only those that the plans' stored facts do not rule out (ascn/checks/gates.py).
    """
    facts = _plan_facts_cached(ds, entries)
    found = loader.locate_all(run_checks(ds, year, _PER_FILE | gates.ruled_out(ds, facts)), paths)
    found += _record_checks_cached(ds, entries, paths)
    found += _file_checks_cached(ds, year, entries, paths, gates.named_for_their_files(facts))
    found += _unknown_sources_cached(ds, entries, paths)
    return found


def _plan_facts_cached(ds: Dataset, entries: dict[str, Any]) -> dict[str, gates.PlanFacts]:
    """Each plan's facts for the gates, by stem: stored with its file, else taken and stored."""
    facts: dict[str, gates.PlanFacts] = {}
    for stem in ds.plans:  # by key: a stored plan is built only if its facts are not stored
        file = ds.file_of("plan", stem)
        known = gates.facts_from_json(_stored(entries, file, "g"))
        if known is None:
            known = gates.plan_facts(ds.plans[stem])
            _store(entries, file, {"g": known})
        facts[stem] = known
    return facts


def _record_checks_cached(
    ds: Dataset, entries: dict[str, Any], paths: dict[str, Path]
) -> list[Problem]:
    """The per-record checks' problems (personal data): stored ones, else checked and stored."""
    found: list[Problem] = []
    for kind, stem in record_keys(ds):
        file = ds.file_of(kind, stem)
        known = _problems_from(_stored(entries, file, "c"))
        if known is not None:
            found += known
            continue
        record = record_of(ds, kind, stem)
        mine = loader.locate_all(
            (p for check in checks.RECORD_CHECKS.values() for p in check(record, file)), paths
        )
        found += mine
        _store(entries, file, {"c": [incremental.problem_json(p) for p in mine]})
    return found


def _file_checks_cached(
    ds: Dataset, year: int, entries: dict[str, Any], paths: dict[str, Path], independent: bool
) -> list[Problem]:
    """The file checks' problems: stored for the same text and city name, else run and stored.

    Run only for the files without a stored result (all of them when the cache fills).
    `independent`: as `perfile.independent(ds)`, decided from the plans' stored facts.
    """
    if not independent:  # a plan's problems lie in another file: a whole run
        return loader.locate_all(run_checks(ds, year, _NOT_FILE_CHECKS), paths)
    files = [
        (kind, stem, ds.file_of(kind, stem), perfile.quoted_name(ds, kind, stem))
        for kind, stem in record_keys(ds)
    ]
    stored = {file: _stored_file_problems(entries, file, name) for _, _, file, name in files}
    todo = [(kind, stem) for kind, stem, file, _ in files if stored[file] is None]
    fresh = perfile.problems_by_file(ds, year, todo) if todo else {}
    located = _by_file(loader.locate_all((p for ps in fresh.values() for p in ps), paths))
    found: list[Problem] = []
    for _, _, file, name in files:
        known = stored[file]
        if known is None:
            known = located.get(file, [])
            _store(entries, file, {"f": [incremental.problem_json(p) for p in known], "n": name})
        found += known
    return found


def _stored_file_problems(
    entries: dict[str, Any], file: str, name: str | None
) -> list[Problem] | None:
    """A file's stored file-check problems, if stored for the city name its messages quote."""
    if file not in entries or _stored(entries, file, "n") != name:
        return None
    problems = _problems_from(_stored(entries, file, "f"))
    return problems if problems is not None and all(p.file == file for p in problems) else None


def _stored(entries: dict[str, Any], file: str, key: str) -> Any:
    """What a file's entry ([text hash, results]) holds under `key`; None if nothing."""
    stored = entries.get(file)
    return stored[1].get(key) if stored else None


def _problems_from(value: Any) -> list[Problem] | None:
    """Stored problems; None if absent or damaged (a miss: check the file again)."""
    if not isinstance(value, list):
        return None
    try:
        return [incremental.problem_from_json(p) for p in value]
    except ValueError:
        return None


def _unknown_sources_cached(
    ds: Dataset, entries: dict[str, Any], paths: dict[str, Path]
) -> list[Problem]:
    """ref-unknown-source, walking only records that name a source id no file defines.

    The ids each file names are stored with it: they are the file's own (its text), while
    which ids are known is decided here, on every run, from the current source files.
    """
    known = ds.known_ids("source", ds.sources)
    found: list[Problem] = []
    for kind, stem in record_keys(ds):
        file = ds.file_of(kind, stem)
        ids = _stored(entries, file, "s")
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            ids = references.source_ids(record_of(ds, kind, stem))
            _store(entries, file, {"s": ids})
        if not known.issuperset(ids):
            record = record_of(ds, kind, stem)
            found += references.unknown_sources_in(ds, known, kind, stem, record)
    return loader.locate_all(found, paths)


def _by_file(problems: list[Problem]) -> dict[str, list[Problem]]:
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    return by_file


def _store(entries: dict[str, Any], file: str, results: dict[str, Any]) -> None:
    """Add results to a file's entry (if it has one) in a new dict: the read shards keep
    theirs, so `write_store` sees the change and rewrites the shard."""
    stored = entries.get(file)
    if stored is not None:
        stored[1] = {**stored[1], **results}


class PathOutsideData(AscnError):
    """A path given to `ascn validate` is not inside the data folder."""


def validate_paths(
    data_dir: Path, paths: list[Path], current_year: int | None = None
) -> Validation:
    """Validate the whole dataset; keep only the problems of the named files or folders."""
    root = data_dir.resolve()
    wanted = []
    for path in paths:
        if not path.exists():
            raise PathOutsideData(f"no such file or folder: {loader.display_path(path)}")
        resolved = path.resolve()
        if not resolved.is_relative_to(root):
            raise PathOutsideData(
                f"{loader.display_path(path)} is not inside the data folder "
                f"{loader.display_path(data_dir)} (give --data the folder it belongs to)"
            )
        wanted.append(resolved)
    result = validate(data_dir, current_year)
    named = [p for p in result.problems if _under(Path(p.file).resolve(), wanted)]
    files = sum(1 for p in paths if p.is_file()) + sum(
        1 for p in paths if p.is_dir() for _ in p.rglob("*.yaml")
    )
    return Validation(result.dataset, named, files)


def _under(file: Path, wanted: list[Path]) -> bool:
    return any(file == w or file.is_relative_to(w) for w in wanted)


def validate_changes(
    data_dir: Path, since: str, current_year: int | None = None, *, use_cache: bool = False
) -> Validation:
    """Validate; problems in files changed since `since`, or new since then, block.

    A problem blocks if its file differs from the commit `since` (or is new), or if it
    was not there at that commit: a reference the change broke in a file it did not touch.
    Problems that were already there, in files the change left alone, are `existing`.
    """
    from ascn.history import gitdata, gitrepo  # noqa: PLC0415 - git only for this mode (12 ms import)

    now = validate(data_dir, current_year, use_cache=use_cache)  # the old copy: never cached
    repo = gitrepo.open_repo(data_dir)
    rev = repo.rev_parse(since)
    touched = gitrepo.changed_files(repo, rev)
    shown = loader.display_path(data_dir)
    with tempfile.TemporaryDirectory() as tmp:
        old_dir = gitdata.export(repo, rev, Path(tmp))
        old_shown = loader.display_path(old_dir)
        before = {_key(p, old_shown, shown) for p in validate(old_dir, current_year).problems}
    blocking: list[Problem] = []
    existing: list[Problem] = []
    for problem in now.problems:
        key = _key(problem, shown, shown)
        (blocking if key[0] in touched or key not in before else existing).append(problem)
    return Validation(now.dataset, blocking, now.files, existing)


def _key(problem: Problem, data_shown: str, as_shown: str) -> tuple[str, int, int, str, str]:
    """A problem's identity across two copies of the data: path inside data/, place, words."""
    relative = os.path.relpath(problem.file, data_shown).replace(os.sep, "/")
    message = problem.message.replace(data_shown, as_shown)
    return relative, problem.line, problem.column, problem.code, message
