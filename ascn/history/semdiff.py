"""What changed between two versions of a record, in the data's own terms.

Pure functions over plain record data (dicts as the reader builds them): projects are
matched by id, status updates and network years by year, partnerships by id, so that a
change reads "Da Nang, Smart Water Management: status 2024 ongoing -> completed" and not
as a line diff. `ascn history` and `ascn diff` print these lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

MAX_TEXT = 60  # longer texts are shortened: the line says what changed, git shows the rest
MISSING = object()

# Lists of mappings matched by a key, and how an item is named: the key, or (for projects)
# the title. Other lists of mappings are matched by position.
KEYED_LISTS: dict[str, str] = {
    "projects": "id",
    "partnerships": "id",
    "updates": "year",
    "years": "year",
    "title_history": "year",
}

Change = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class RecordDiff:
    """One record's changes: which record, in which file, and one line per change."""

    kind: str
    record_id: str
    file: str
    change: Change
    lines: tuple[str, ...]


def label(
    kind: str, record_id: str, record: Mapping[str, Any] | None, names: Mapping[str, str]
) -> str:
    """How a record is named in messages: a city's or partner's name, a plan by its city."""
    record = record or {}
    if kind == "plan":
        return str(names.get(record_id, record_id))
    if kind == "network":
        return "Network"
    return str(record.get("name") or record.get("title") or names.get(record_id, record_id))


def diff_record(
    kind: str,
    record_id: str,
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
    names: Mapping[str, str],
) -> list[str]:
    """The changes from `old` to `new` (None: the record does not exist on that side)."""
    name = label(kind, record_id, new or old, names)
    if old is None and new is None:
        return []
    if old is None:
        return [f"{name}: {kind} added{_size(kind, new)}"]
    if new is None:
        return [f"{name}: {kind} removed"]
    return list(_changes(old, new, name)) or [f"{name}: order of entries changed"]


def project_changes(
    project_id: str, old: dict[str, Any] | None, new: dict[str, Any] | None, city: str
) -> Iterator[str]:
    """What changed in one project, named by its city and title."""
    yield from _project_changes("projects", project_id, old, new, city)


def _size(kind: str, record: Mapping[str, Any] | None) -> str:
    projects = (record or {}).get("projects")
    if kind == "plan" and isinstance(projects, list):
        return f" ({len(projects)} project{'' if len(projects) == 1 else 's'})"
    return ""


def _changes(
    old: Mapping[str, Any], new: Mapping[str, Any], prefix: str, path: str = ""
) -> Iterator[str]:
    """Field-by-field changes of two mappings, each line starting with `prefix: `."""
    for key in [*new, *(k for k in old if k not in new)]:
        before, after = old.get(key, MISSING), new.get(key, MISSING)
        if before == after:
            continue
        if key in KEYED_LISTS and _mappings(before) and _mappings(after):
            yield from _keyed(key, _as_list(before), _as_list(after), prefix)
        elif isinstance(before, dict) and isinstance(after, dict):
            yield from _changes(before, after, prefix, key)
        else:
            yield f"{prefix}: {_field_change(_field_name(path, key), before, after)}"


def _field_name(path: str, key: str) -> str:
    """A nested field reads `population value`; a record's or item's own field, its name."""
    return f"{path} {key}" if path else key


def _mappings(value: Any) -> bool:
    return value is MISSING or (isinstance(value, list) and all(isinstance(v, dict) for v in value))


def _as_list(value: Any) -> list[dict[str, Any]]:
    return [] if value is MISSING else list(value)


def _field_change(name: str, before: Any, after: Any) -> str:
    if isinstance(before, list) and isinstance(after, list):
        return _list_change(name, before, after)
    if before is MISSING:
        return f"{name} set to {show(after)}"
    if after is MISSING:
        return f"{name} removed (was {show(before)})"
    return f"{name} {show(before)} -> {show(after)}"


def _list_change(name: str, before: list[Any], after: list[Any]) -> str:
    added = [show(v) for v in after if v not in before]
    removed = [show(v) for v in before if v not in after]
    parts = ([f"added {', '.join(added)}"] if added else []) + (
        [f"removed {', '.join(removed)}"] if removed else []
    )
    return f"{name}: {'; '.join(parts) or 'reordered'}"


def show(value: Any) -> str:
    """A value as a change line shows it: short, quoted when it is text with spaces."""
    if value is MISSING or value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return ", ".join(f"{k} {show(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(show(v) for v in value)
    text = str(value)
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 3].rstrip() + "..."
    return f'"{text}"' if any(c.isspace() for c in text) else text


def _keyed(
    list_name: str, before: list[dict[str, Any]], after: list[dict[str, Any]], prefix: str
) -> Iterator[str]:
    key = KEYED_LISTS[list_name]
    old_items = {item.get(key): item for item in before}
    new_items = {item.get(key): item for item in after}
    describe = ITEM_CHANGES.get(list_name, _item_changes)
    for item_key in [*new_items, *(k for k in old_items if k not in new_items)]:
        old, new = old_items.get(item_key), new_items.get(item_key)
        if old != new:
            yield from describe(list_name, item_key, old, new, prefix)


ItemChanges = Callable[[str, Any, dict[str, Any] | None, dict[str, Any] | None, str], Iterator[str]]


def _item_changes(
    list_name: str, key: Any, old: dict[str, Any] | None, new: dict[str, Any] | None, prefix: str
) -> Iterator[str]:
    """A partnership, network year or title by year: added, removed, or its fields changed."""
    noun = {"partnerships": "partnership", "years": "year", "title_history": "title"}[list_name]
    here = f"{prefix}, {noun} {key}"
    if old is None:
        yield f"{here}: added"
    elif new is None:
        yield f"{here}: removed"
    else:
        yield from _changes(old, new, here)


def _project_changes(
    list_name: str, key: Any, old: dict[str, Any] | None, new: dict[str, Any] | None, prefix: str
) -> Iterator[str]:
    """A project by id, named by its title: added, removed, or what changed in it."""
    title = str((new or old or {}).get("title") or key)
    here = f"{prefix}, {title}"
    if old is None:
        facts = [str(new.get(f)) for f in ("focus_area", "first_listed") if new and f in new]
        yield f"{here}: project added" + (f" ({', '.join(facts)})" if facts else "")
    elif new is None:
        yield f"{here}: project removed"
    else:
        yield from _changes(old, new, here)


def _update_changes(
    list_name: str, year: Any, old: dict[str, Any] | None, new: dict[str, Any] | None, prefix: str
) -> Iterator[str]:
    """A yearly status: `status 2024 ongoing -> completed`, `status 2025 added: completed`."""
    if old is None:
        yield f"{prefix}: status {year} added: {_status_words(new)}"
    elif new is None:
        yield f"{prefix}: status {year} removed (was {_status_words(old)})"
    else:
        for field in [*new, *(k for k in old if k not in new)]:
            before, after = old.get(field, MISSING), new.get(field, MISSING)
            if before != after and field != "year":
                name = "percent complete" if field == "percent_complete" else field
                yield f"{prefix}: {_field_change(f'{name} {year}', before, after)}"


def _status_words(update: dict[str, Any] | None) -> str:
    update = update or {}
    words = show(update.get("status"))
    if "percent_complete" in update:
        words += f", {update['percent_complete']}% complete"
    if "note" in update:
        words += f" ({show(update['note'])})"
    return words


ITEM_CHANGES: dict[str, ItemChanges] = {
    "projects": _project_changes,
    "updates": _update_changes,
}
