"""The dataset as typed tables with primary and foreign keys, one per kind of record (pure).

Every record becomes a row whatever optional fields it lacks (a missing value is None); lists
of plain values are joined with "; " in one cell; rows are sorted by their key, so the same
data always gives the same tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ascn.models import Money, Role

Value = str | int | float | bool | None
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Column:
    """A column: its name, Table Schema type, allowed values (enum) and whether it is required."""

    name: str
    type: str = "string"  # string | integer | number | boolean | date
    enum: tuple[str, ...] = ()
    required: bool = False
    description: str = ""


@dataclass(frozen=True)
class ForeignKey:
    """Columns of this table that name a row of another table."""

    columns: tuple[str, ...]
    table: str
    target: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table: columns, rows (tuples in column order), its key and its references."""

    name: str
    title: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    rows: tuple[tuple[Value, ...], ...]

    def records(self) -> Iterator[dict[str, Value]]:
        """Each row as a mapping of column name to value."""
        names = [c.name for c in self.columns]
        for row in self.rows:
            yield dict(zip(names, row, strict=True))


def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


def joined(values: Iterable[object]) -> str | None:
    """A list's values in one cell, or None for an empty list."""
    text = LIST_SEPARATOR.join(str(v) for v in values)
    return text or None


def role(given: Role | None) -> tuple[str | None, str | None]:
    """A role's two cells: role and organisation."""
    return (given.role, given.organisation) if given else (None, None)


def money(given: Money | None) -> tuple[float | None, str | None]:
    """An amount's two cells: amount and currency."""
    return (given.amount, given.currency) if given else (None, None)


def columns(spec: str, **special: Column) -> tuple[Column, ...]:
    """Columns from a space-separated list of names; `special` gives the typed ones."""
    return tuple(special.get(name, Column(name)) for name in spec.split())


def int_column(name: str, required: bool = False) -> Column:
    return Column(name, "integer", required=required)


def number_column(name: str) -> Column:
    return Column(name, "number")


def key_column(name: str) -> Column:
    return Column(name, required=True)


def enum_column(name: str, enum: type[StrEnum], required: bool = False) -> Column:
    return Column(name, enum=_values(enum), required=required)


def make_table(
    name: str,
    title: str,
    cols: tuple[Column, ...],
    key: str,
    rows: Iterable[tuple[Value, ...]],
    *,
    refs: Sequence[tuple[str, str, str]] = (),
) -> Table:
    """A table with its rows sorted by `key` (space-separated column names)."""
    primary = tuple(key.split())
    ordered = sorted(rows, key=_sort_key([c.name for c in cols], primary))
    foreign = tuple(ForeignKey(tuple(c.split()), t, tuple(f.split())) for c, t, f in refs)
    return Table(name, title, cols, primary, foreign, tuple(ordered))


def _sort_key(
    names: list[str], key: tuple[str, ...]
) -> Callable[[tuple[Value, ...]], tuple[str, ...]]:
    where = [names.index(k) for k in key]
    # Keys are ids, years and positions: pad numbers so that they sort as numbers.
    return lambda row: tuple(
        f"{row[i]:012d}" if isinstance(row[i], int) else str(row[i]) for i in where
    )
