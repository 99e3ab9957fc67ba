"""The Secretariat's own words for a year's report: an optional plain-text file.

The file is read as plain paragraphs separated by blank lines; it is never interpreted as
HTML or Markdown, so the templates escape it like any other value.
"""

from __future__ import annotations

from pathlib import Path

from ascn.problems import AscnError

DEFAULT = "reports/narrative/{year}.md"
LIMIT = 20_000  # characters: a foreword, not a second report


class NarrativeUnreadable(AscnError):
    """The narrative file given for the report cannot be read as UTF-8 text."""


def default_path(year: int) -> Path:
    """Where the narrative for `year` is looked for when no file is given."""
    return Path(DEFAULT.format(year=year))


def paragraphs(path: Path | None, year: int) -> list[str]:
    """The narrative's paragraphs: from `path`, else the default file if it exists, else none."""
    chosen = path if path is not None else default_path(year)
    if path is None and not chosen.is_file():
        return []
    try:
        text = chosen.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise NarrativeUnreadable(f"narrative {chosen}: {e}") from e
    if len(text) > LIMIT:
        raise NarrativeUnreadable(f"narrative {chosen}: longer than {LIMIT} characters")
    blocks = (" ".join(b.split()) for b in text.replace("\r\n", "\n").split("\n\n"))
    return [b for b in blocks if b]
