"""The descriptor of a Frictionless Tabular Data Package over the exported CSV files.

Each table becomes a resource with a Table Schema: field types, `required` and `enum`
constraints (focus areas, statuses, kinds), the primary key and foreign keys, so that
`frictionless validate datapackage.json` checks the files against the same rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ascn.export.tables import Column, Table


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": column.type}
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if constraints:
        field["constraints"] = constraints
    return field


def _schema(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(c) for c in table.columns],
        "primaryKey": list(table.primary_key),
        "missingValues": [""],
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(fk.columns),
                "reference": {"resource": fk.table, "fields": list(fk.target)},
            }
            for fk in table.foreign_keys
        ]
    return schema


def _resource(table: Table) -> dict[str, Any]:
    return {
        "name": table.name,
        "title": table.title,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": _schema(table),
    }


def descriptor(tables: Sequence[Table], provenance: Mapping[str, Any]) -> dict[str, Any]:
    """The datapackage.json object; the provenance is under `ascn` (a custom property)."""
    return {
        "profile": "tabular-data-package",
        "name": "asean-smart-cities-network",
        "title": "ASEAN Smart Cities Network",
        "description": "Cities, action plans, projects, partners and sources of the ASCN.",
        "resources": [_resource(t) for t in tables],
        "ascn": dict(provenance),
    }
