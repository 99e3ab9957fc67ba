"""Jinja templates compiled once: the Python source Jinja makes of them, in the result cache.

Jinja's own bytecode cache stores `marshal`led code objects, which the result cache
never holds (ascn.load.cache: JSON only). Instead the Python source that Jinja
generates from a template is stored as JSON text and compiled with `compile()` on
the next run: lexing, parsing and code generation (most of the 66 ms the report's
two templates took on every run) are skipped, and nothing but text is read back.
The key is the template's name and source, the environment's options, and the
cache's own key (this tool's code, Jinja's version).
"""

from __future__ import annotations

import hashlib
from types import CodeType
from typing import Any

from ascn.load import cache
from ascn.report.environment import ReportEnvironment

OPTIONS = ("block_start_string", "variable_start_string", "comment_start_string",
           "trim_blocks", "lstrip_blocks", "keep_trailing_newline", "newline_sequence",
           "line_statement_prefix", "line_comment_prefix", "optimized")  # fmt: skip


class CachedEnvironment(ReportEnvironment):
    """An Environment that keeps the Python source of compiled templates in the cache."""

    store: cache.Cache | None = None

    def compile(  # type: ignore[override]  # Jinja's signature, without its overloads
        self,
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> str | CodeType:
        """Jinja's compile, taking the generated Python source from the cache when it is there."""
        if raw or defer_init or not isinstance(source, str):
            compiled: str | CodeType = super().compile(source, name, filename, raw, defer_init)  # type: ignore[call-overload]
            return compiled
        store = self.store or cache.open_cache(0)
        key = f"template:{self._digest(source, name, filename)}"
        python = store.get(key)
        if not isinstance(python, str):
            python = super().compile(source, name, filename, raw=True)
            store.put(key, python)
        return self._compile(python, filename or "<template>")

    def _digest(self, source: str, name: str | None, filename: str | None) -> str:
        """What the generated code depends on: the template, its name, the options."""
        escape = self.autoescape(name) if callable(self.autoescape) else self.autoescape
        options = [getattr(self, option) for option in OPTIONS]
        return hashlib.sha256(repr((name, filename, source, escape, options)).encode()).hexdigest()
