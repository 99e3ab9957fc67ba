"""Convert plain option values without pydantic, so that light commands start fast.

Typer (0.2x) converts every parameter through a pydantic TypeAdapter, built on first
use, so `ascn explain`, `history` and `diff` imported pydantic (100+ ms) for an
argument that is already a `str`, or a default that is already an enum member.
Here a value that already has its annotation's type passes through unchanged, a
string for a `Path` option becomes a Path through typer's own path checks, and
anything else goes to typer's converter as before (same results, same messages).
Typer offers no public hook for this, so the patch applies only where the private
method it wraps exists (typer versions without it keep their own behaviour).
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Any

from typer import core
from typer._click import exceptions as click

_Parameter: Any = getattr(core, "_TyperParameter", None)


def _plain(param: Any, value: Any, ctx: Any) -> tuple[bool, Any]:
    """(True, converted value) when no converter is needed; (False, None) otherwise."""
    annotation = param.type_descriptor.annotation
    if param.multiple or param.nargs != 1:
        return False, None
    if value is None:  # typer converts a missing value to None without its converter
        return True, None
    if annotation is str or (isinstance(annotation, type) and issubclass(annotation, enum.Enum)):
        return (True, value) if type(value) is annotation else (False, None)
    if annotation is Path and isinstance(value, str | Path):
        from typer._param_types import coerce_cli_path

        info = param.type_descriptor.parameter_info
        return True, coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
    return False, None


def install() -> None:
    """Make typer's parameters try the plain conversion first (idempotent)."""
    if _Parameter is None or not hasattr(_Parameter, "get_runtime_param"):
        return
    original = _Parameter.process_value
    if getattr(original, "_ascn_plain", False):
        return

    def process_value(self: Any, ctx: Any, value: Any) -> Any:
        done, converted = _plain(self, value, ctx)
        if not done:
            return original(self, ctx, value)
        if self.required and self.value_is_missing(converted):
            raise click.MissingParameter(ctx=ctx, param=self)
        if self.callback is not None:
            converted = self.callback(ctx, self, converted)
        return converted

    process_value._ascn_plain = True  # type: ignore[attr-defined]
    _Parameter.process_value = process_value
