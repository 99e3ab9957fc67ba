"""Loading with the result cache: only files that changed are parsed and checked again.

`scan` (ascn/load/scan.py) reads every file (with the safety checks of `filecheck`)
and hashes its text, on both cores for large datasets; `load` then takes, for each file whose path
and text hash match the cache, the plain values it parsed to and its problems,
builds its model from them (a plan only when first read, if the caller asks), and
parses only the other files (on both cores when there are many, as the loader does).
Results are the same as `loader.load` gives; the cache only skips work. A plan whose
problems name its city is not stored (they depend on another file).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ascn.load import cache, loader, parallel
from ascn.load.discovery import RecordFile
from ascn.load.scan import Scanned, problem_from_json, problem_json, scan
from ascn.load.scan import read_record_file as _read
from ascn.load.scan import text_digest as _digest
from ascn.problems import Problem

__all__ = [
    "BuiltOnRead",
    "Scanned",
    "StaleEntry",
    "load",
    "problem_from_json",
    "problem_json",
    "read_store",
    "scan",
]

# {"j": the plain values as JSON text, or None; "p": problems; "c": record-check problems; ...}
Entry = dict[str, Any]

SHARDS = 16  # per-file results are stored in this many entries: one change rewrites one


def _shard_name(data_dir: Path, shard: int) -> str:
    return f"files:{data_dir.resolve()}:{shard}"


def _shard_of(display: str) -> int:
    return (
        int(hashlib.sha256(display.encode("utf-8", "surrogatepass")).hexdigest()[:8], 16) % SHARDS
    )


def read_store(store: cache.Cache, data_dir: Path) -> list[dict[str, Any]]:
    """The stored per-file results of a data folder, shard by shard (empty where missing)."""
    shards = [store.get(_shard_name(data_dir, shard)) for shard in range(SHARDS)]
    return [shard if isinstance(shard, dict) else {} for shard in shards]


def write_store(
    store: cache.Cache, data_dir: Path, entries: dict[str, Any], known: list[dict[str, Any]]
) -> None:
    """Store the per-file results again, rewriting only the shards that changed."""
    shards: list[dict[str, Any]] = [{} for _ in range(SHARDS)]
    for display, entry in entries.items():
        shards[_shard_of(display)][display] = entry
    for shard, (new, old) in enumerate(zip(shards, known, strict=True)):
        if new != old:
            store.put(_shard_name(data_dir, shard), new)


class StaleEntry(Exception):
    """A stored plan whose values no longer build its model, found when it was first read."""


@dataclasses.dataclass(frozen=True)
class _Stored:
    """A plan not built yet: its model class and the stored values (JSON text) to build it from."""

    model: Any
    text: str


class BuiltOnRead(Mapping[str, Any]):
    """Plans by id, each built from its stored values the first time it is read.

    Plans are most of the models (0.87 s of 1.0 s of validation at 10,000 cities), and a
    warm `validate` whose cross-file checks are ruled out reads only the changed ones.
    Iterating the ids or testing one builds nothing; reading values builds them, in order.
    """

    def __init__(self, records: dict[str, Any]) -> None:
        self._records = records

    def __getitem__(self, stem: str) -> Any:
        record = self._records[stem]
        if type(record) is _Stored:
            try:
                record = record.model.model_validate_json(record.text)
            except Exception as error:  # the entry does not fit (any error is a miss)
                raise StaleEntry(stem) from error
            self._records[stem] = record
        return record

    def __contains__(self, stem: object) -> bool:
        return stem in self._records

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)


def load(
    scanned: Scanned, known: dict[str, list[Any]], *, plans_on_read: bool = False
) -> tuple[loader.LoadResult, dict[str, Any]]:
    """The load result, and the per-file entries to store: {display: [text hash, entry]}.

    `known` is the stored mapping (possibly empty); entries whose hash differs are ignored.
    With `plans_on_read` the stored plans are built when first read (`BuiltOnRead`): the
    caller must catch StaleEntry while it reads them, and must not hand the dataset on.
    """
    with loader.collector_paused():
        result, entries = _load(scanned, known, plans_on_read)
    if plans_on_read:
        lazy = BuiltOnRead(dict(result.dataset.plans))
        result = dataclasses.replace(
            result, dataset=dataclasses.replace(result.dataset, plans=lazy)
        )
    return result, entries


def _load(
    scanned: Scanned, known: dict[str, list[Any]], plans_on_read: bool
) -> tuple[loader.LoadResult, dict[str, Any]]:
    files = scanned.record_files
    hits = [_hit(known, f.display, d) for f, d in zip(files, scanned.digests, strict=True)]
    parsed = _parse_misses(scanned, hits)
    found = loader.Records()
    problems = list(scanned.problems)
    entries: dict[str, Any] = {}
    for index, record_file in enumerate(files):
        hit = hits[index]
        outcome: tuple[Any, list[Problem], Entry | None]
        if plans_on_read and hit is not None and hit["j"] is not None and _is_plan(record_file):
            outcome = _stored_plan(record_file, hit)
        else:
            outcome = _outcome(scanned, index, hit, parsed, found.records)
        record, file_problems, entry = outcome
        problems.extend(file_problems)
        found.add(record_file, record)
        if entry is not None:
            entries[record_file.display] = [scanned.digests[index], entry]
    return found.result(files, problems), entries


def _is_plan(record_file: RecordFile) -> bool:
    return record_file.kind.name == "plan"


def _stored_plan(record_file: RecordFile, hit: Entry) -> tuple[Any, list[Problem], Entry]:
    """A stored plan's record, not built yet, its problems and its entry."""
    try:
        problems = [problem_from_json(p) for p in hit["p"]]
    except Exception as error:  # as in _outcome: the entry does not fit
        raise StaleEntry(record_file.display) from error
    text = hit["j"]
    if not isinstance(text, str):
        raise StaleEntry(record_file.display)
    return _Stored(record_file.kind.model, text), problems, hit


def _hit(known: dict[str, list[Any]], display: str, digest: str) -> Entry | None:
    stored = known.get(display)
    if isinstance(stored, list) and len(stored) == 2 and stored[0] == digest:
        entry = stored[1]
        return entry if isinstance(entry, dict) else None
    return None


def _parse_misses(scanned: Scanned, hits: list[Entry | None]) -> dict[int, Any]:
    """Parse the files the cache does not hold, on both cores when there are many."""
    todo = [i for i, hit in enumerate(hits) if hit is None and scanned.read_problems[i] is None]
    results = parallel.split_map(_parse_plain, [scanned.record_files[i] for i in todo])
    return dict(zip(todo, results, strict=True))


def _parse_plain(record_file: RecordFile) -> tuple[Any, list[Any], str]:
    """One file's plain values, problems and text hash, as values that can cross processes.

    The file is read again: the hash is of the text parsed here, so that an entry is
    stored under the text it was made from even if the file changed since `scan`.
    """
    text, problem = _read(record_file)
    if text is None:
        return None, [problem_json(problem)] if problem else [], _digest(text, problem)
    value, problems = loader.parse_text(record_file, text)
    return value, [problem_json(p) for p in problems], _digest(text, None)


def _outcome(
    scanned: Scanned,
    index: int,
    hit: Entry | None,
    parsed: dict[int, Any],
    records: dict[str, dict[str, Any]],
) -> tuple[Any, list[Problem], Entry | None]:
    """One file's record, problems and the entry to store for it."""
    record_file, problem = scanned.record_files[index], scanned.read_problems[index]
    if problem is not None:
        return None, [problem], None
    if hit is not None:
        try:
            text = hit["j"]
            record = None if text is None else record_file.kind.model.model_validate_json(text)
            return record, [problem_from_json(p) for p in hit["p"]], hit
        except Exception:  # a stored entry that does not fit is a miss: parse the file
            parsed[index] = _parse_plain(record_file)
    value, plain, scanned.digests[index] = parsed[index]
    if value is None:
        return None, [problem_from_json(p) for p in plain], {"j": None, "p": plain}
    record, problems = loader.build_record(record_file, value, None, records["city"])
    if problems and record_file.kind.name == "plan":  # its messages may name its city
        return record, problems, None
    text = _values_text(value) if record is not None else None
    return record, problems, {"j": text, "p": _json(problems)}


def _values_text(value: Any) -> str:
    """A file's plain values as the JSON text stored for it.

    Kept as text inside the cache entry, not as JSON values: reading the entries then
    decodes one string per file, and pydantic validates the text itself when (and only
    if) the record is built (`model_validate_json`, the same models as from the values:
    tested on every case folder). Decoding every file's values took 0.7 s at 10,000 cities,
    most of them plans that a warm run never builds.
    """
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _json(problems: list[Problem]) -> list[list[Any]]:
    return [problem_json(p) for p in problems]
