"""The tables as one SQLite database with keys and full-text search, ready for Datasette.

sqlite-utils creates the tables (primary and foreign keys, NOT NULL) and the FTS5 indexes;
the database is built in memory and serialized, so no temporary file is left behind and the
same tables give the same bytes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

import sqlite_utils

from ascn.export.tables import Table

SQL_TYPES: dict[str, type] = {"integer": int, "number": float, "boolean": int, "string": str}
# What full-text search covers: the titles and names a reader looks for.
SEARCHABLE: dict[str, tuple[str, ...]] = {
    "cities": ("name", "name_variants"),
    "projects": ("title", "former_titles", "description"),
    "partners": ("name",),
    "partnerships": ("topic",),
    "sources": ("title",),
    "targets": ("text",),
}


def _create(db: sqlite_utils.Database, table: Table) -> None:
    columns = {c.name: SQL_TYPES.get(c.type, str) for c in table.columns}
    db[table.name].create(  # type: ignore[union-attr]
        columns,
        pk=table.primary_key[0] if len(table.primary_key) == 1 else table.primary_key,
        not_null={c.name for c in table.columns if c.required},
        foreign_keys=[(fk.columns[0], fk.table, fk.target[0]) for fk in table.foreign_keys],
    )
    db[table.name].insert_all(table.records())  # type: ignore[union-attr]


def database(tables: Sequence[Table], provenance: Mapping[str, Any]) -> bytes:
    """The SQLite database file's bytes: every table, FTS over titles, an `ascn_export` table."""
    connection = sqlite3.connect(":memory:")
    try:
        db = sqlite_utils.Database(connection)
        for table in tables:
            _create(db, table)
            if table.name in SEARCHABLE:
                db[table.name].enable_fts(  # type: ignore[union-attr]
                    SEARCHABLE[table.name], fts_version="FTS5", create_triggers=False
                )
        db["ascn_export"].insert(  # type: ignore[union-attr]
            {"key": "provenance", "value": json.dumps(dict(provenance), sort_keys=True)},
            pk="key",
        )
        connection.commit()
        connection.execute("VACUUM")
        return connection.serialize()
    finally:
        connection.close()
