"""The form of a record id (a slug), shared by the models, file names and references.

A module of its own, importing only `re`'s pattern text, so that the result cache's quick
scan (ascn/load/manifest.py) can check file names without loading ascn.reference's enums.
"""

from __future__ import annotations

# Lowercase ASCII words joined by hyphens: `da-nang`, `khon-kaen-tram`.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
