"""What a report needs that does not depend on the dataset, made while the command starts.

`ascn report` spends its first 0.3-0.4 s importing its modules on one core, while the
second core idles. A forked helper meanwhile generates the Python source of the report's
templates (70-80 ms each: ascn/report/environment.py) and asks git for the data's
provenance (50-70 ms). The command collects both (plain values: text, a flag) before the
report is rendered, so neither is on the report's own path after the dataset has loaded.

The results never depend on the helper: if it cannot be forked or fails in any way, each
is made where it is needed, as before; the Python source is keyed by the template's name,
source and options (`ReportEnvironment.source_key`), so a template that changed is
compiled again. This module imports only what forking needs; the helper imports Jinja and
git's modules itself, while this process goes on importing its own.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ascn.load import parallel

if TYPE_CHECKING:
    from ascn.report.provenance import Provenance


@dataclass(frozen=True)
class Made:
    """The prework's results: the data's provenance (None: not made) and the templates'
    Python source by `ReportEnvironment.source_key` (empty: none made)."""

    provenance: Provenance | None = None
    python: Mapping[str, str] = field(default_factory=dict)


NOTHING = Made()


class Prework:
    """A helper making a report's provenance and compiled templates (see the module doc)."""

    def __init__(self, data_dir: Path, templates: Path | None, formats: Iterable[str]) -> None:
        self.data_dir = data_dir
        self.templates = templates  # the --templates option (resolved in the helper)
        self.formats = tuple(formats)
        self._child: parallel.Child | None = None
        self._owner = os.getpid()
        self._made: Made | None = None

    def start(self, use_cache: bool) -> None:
        """Fork the helper (nothing if forking is not safe here)."""
        data_dir, templates, formats = self.data_dir, self.templates, self.formats
        self._child = parallel.start(lambda: _make(data_dir, templates, formats, use_cache))

    def made(self) -> Made:
        """The helper's results, waited for once; NOTHING if there is no helper or it failed.

        Only the process that forked the helper collects it: a process forked later (the
        render-ahead helper) gets what was collected before its fork, or NOTHING.
        """
        if self._made is None and os.getpid() == self._owner:
            child, self._child = self._child, None
            self._made = _made_of(parallel.finish(child)) if child is not None else NOTHING
        return self._made or NOTHING

    def stop(self) -> None:
        """End a helper whose results will not be asked for (the command stopped early)."""
        child, self._child = self._child, None
        if child is not None and os.getpid() == self._owner:
            parallel.stop(child)


def _make(data_dir: Path, templates: Path | None, formats: tuple[str, ...], use_cache: bool) -> Any:
    """In the helper: the provenance and the templates' Python source, as plain values."""
    from ascn.report import environment, provenance  # noqa: PLC0415 - imported in the helper

    where = provenance.lookup(data_dir)
    names = sorted({environment.TEMPLATES["html" if fmt == "pdf" else fmt] for fmt in formats})
    folder = environment.resolve_templates(templates)
    python = environment.python_sources(folder, names, use_cache)
    return [[where.commit, where.dirty, where.version, where.date], python]


def _made_of(value: Any) -> Made:
    """The helper's answer as Made; NOTHING if it has any other shape."""
    from ascn.report.provenance import Provenance  # noqa: PLC0415 - this process has it by now

    match value:
        case [[str(commit), bool() | None as dirty, str(version), str(date)], dict(python)] if all(
            isinstance(k, str) and isinstance(v, str) for k, v in python.items()
        ):
            return Made(Provenance(commit, dirty, version, date), python)
    return NOTHING
