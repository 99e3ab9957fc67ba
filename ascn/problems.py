"""Problems as values: a code, a severity, a place in a file and a message."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

PathPart = str | int
Pointer = tuple[PathPart, ...]
# Which end of a field a problem points at: its key (missing/unknown field) or its value.
Part = Literal["key", "value"]


class Severity(StrEnum):
    """How bad a problem is: errors fail validation, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One defect in the dataset, at a 1-based line and column of a file.

    Checks create problems with a `pointer` (the path of keys and indexes to the
    offending node) and no position; the loader resolves the pointer to a line
    and column afterwards, so positions cost nothing for files without problems.
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    hint: str | None = field(default=None, compare=False)
    pointer: Pointer = field(default=(), compare=False)
    part: Part = field(default="value", compare=False)
    context: str | None = field(default=None, compare=False)  # the source line, for display
    # Another place the message names as `{related}` (file, pointer): validation writes it
    # as file:line, e.g. where a duplicate id was first used.
    related: tuple[str, Pointer] | None = field(default=None, compare=False)

    @classmethod
    def at_pointer(
        cls,
        code: str,
        message: str,
        file: str,
        pointer: Pointer = (),
        *,
        part: Part = "value",
        hint: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> Problem:
        """A problem whose position the loader will look up from `pointer`."""
        return cls(file, 0, 0, code, severity, message, hint, pointer, part)

    @classmethod
    def warning(
        cls,
        code: str,
        message: str,
        file: str,
        pointer: Pointer = (),
        *,
        part: Part = "value",
        hint: str | None = None,
    ) -> Problem:
        """A warning whose position the loader will look up from `pointer`."""
        return cls.at_pointer(
            code, message, file, pointer, part=part, hint=hint, severity=Severity.WARNING
        )

    @property
    def located(self) -> bool:
        """Whether the problem has a line and column yet."""
        return self.line > 0

    def with_context(self, context: str) -> Problem:
        """The same problem carrying the text of its source line."""
        return dataclasses.replace(self, context=context)

    def moved_to(self, line: int, column: int) -> Problem:
        """The same problem at a resolved 1-based position."""
        return dataclasses.replace(self, line=line, column=column)


class AscnError(Exception):
    """The command could not run at all (as opposed to finding problems in the data)."""


class DataDirNotFound(AscnError):
    """The --data directory does not exist or is not a directory."""


class OutputNotWritable(AscnError):
    """An output file or directory could not be written."""


class TemplateNotFound(AscnError):
    """A report template is missing from the templates directory."""


class YearOutOfRange(AscnError):
    """A --year outside the years the dataset covers."""


class GitUnavailable(AscnError):
    """Git history is needed but there is no repository, or it is shallow."""


def has_errors(problems: Iterable[Problem], *, strict: bool = False) -> bool:
    """Whether the problems fail a run: any error, or any problem at all with strict."""
    return any(strict or p.severity is Severity.ERROR for p in problems)


def exit_code(problems: Iterable[Problem], *, strict: bool = False) -> int:
    """The process exit code for a finished run: 1 if the problems fail it, else 0."""
    return 1 if has_errors(problems, strict=strict) else 0


@dataclass(frozen=True)
class Example:
    """One file of an example dataset, as a focal point might write it."""

    path: str  # relative to data/
    text: str | None = None  # None: the file is absent, or is the link in `link`
    encoding: str = "utf-8"  # how the file is saved
    repeat: int = 1  # the file holds `text` this many times (to show a size limit)
    link: str | None = None  # the file is a symbolic link to this path, relative to its folder
    others: tuple[tuple[str, str | None], ...] = ()  # other files changed (None: removed)
    note: str | None = None  # what the text alone cannot show


@dataclass(frozen=True)
class CodeDoc:
    """The documentation of one problem code."""

    code: str
    severity: Severity
    summary: str
    meaning: str
    failing: Example
    fixed: Example
    fix: str
