"""The canonical YAML layout that `ascn new`, `ascn fmt` and the importer write."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML

SCHEMA_DIR = "schema"


def modeline(kind: str, depth: int) -> str:
    """The editor modeline pointing a file `depth` folders below the repo root at its schema."""
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_DIR}/{kind}.schema.json"


def round_trip_yaml() -> YAML:
    """A ruamel round-trip YAML instance set to the canonical layout."""
    yaml = YAML(typ="rt")
    yaml.version = None  # write no %YAML directive; files are read as YAML 1.2 anyway
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never fold long text: a focal point edits it as one line
    yaml.preserve_quotes = True
    yaml.allow_unicode = True
    return yaml


def dump_record(data: Any, header: str | None = None) -> str:
    """Serialise plain data (or a ruamel tree) in the canonical layout, with an optional header."""
    out = io.StringIO()
    if header:
        out.write(header.rstrip("\n") + "\n")
    round_trip_yaml().dump(data, out)
    return out.getvalue()
