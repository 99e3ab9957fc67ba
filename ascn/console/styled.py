"""The rich side of the console: colour, consoles that escape, drawing styled text.

Apart from these, the console's renderers build plain strings; rich is imported only when
something is drawn in colour (a terminal) or a table is laid out, so that commands that
print plain text (`ascn explain`, `validate` into a pipe) start without it (30 ms).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ascn.escape import terminal

Segment = tuple[str, str | None]  # text and its rich style


def make_console(file: TextIO | None = None, *, width: int | None = None) -> Console:
    """A console that honours NO_COLOR and never guesses markup or highlights data."""
    return Console(file=file, width=width, highlight=False, markup=False, soft_wrap=True)


def colour_wanted() -> bool:
    """Whether stdout is a terminal that gets colours (NO_COLOR and pipes say no)."""
    return make_console().color_system is not None


def capture(draw: Callable[[Console], None], width: int | None = None) -> str:
    """What `draw` prints, as text with colour codes only when stdout is a colour terminal."""
    target = make_console()
    buffer = io.StringIO()
    console = _EscapingConsole(
        file=buffer,
        width=width or target.width,
        color_system="auto" if target.color_system else None,
        force_terminal=target.is_terminal,
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    draw(console)
    return buffer.getvalue()


class _EscapingConsole(Console):
    """A console that escapes control characters in every Text, string and table cell it is
    given, before rich adds its own colour codes: the terminal edge of every rich output."""

    def print(self, *objects: Any, **options: Any) -> None:
        """Print with the text of each object escaped (styles stay on the same characters)."""
        super().print(*(_escaped(o) for o in objects), **options)


def _escaped(renderable: Any) -> Any:
    if isinstance(renderable, str):
        return terminal(renderable, keep_newlines=True)
    if isinstance(renderable, Text):
        return escaped_text(renderable)
    if isinstance(renderable, Table):
        for column in renderable.columns:
            # rich has no public way to map the cells of a built table
            column._cells = [_escaped(c) for c in column._cells]
            column.header, column.footer = _escaped(column.header), _escaped(column.footer)
        renderable.title, renderable.caption = (
            _escaped(renderable.title),
            _escaped(renderable.caption),
        )
    return renderable


def escaped_text(text: Text) -> Text:
    """A rich Text with its control characters escaped and its styles moved along."""
    plain = text.plain
    if all(c.isprintable() or c == "\n" for c in plain):
        return text
    pieces, offsets = [], [0]
    for char in plain:
        piece = char if char.isprintable() or char == "\n" else terminal(char)
        pieces.append(piece)
        offsets.append(offsets[-1] + len(piece))
    safe = Text("".join(pieces), style=text.style, justify=text.justify, end=text.end)
    for span in text.spans:
        safe.stylize(span.style, offsets[span.start], offsets[min(span.end, len(plain))])
    return safe


PROBLEMS_PER_PRINT = 64


def draw_chunks(console: Console, chunks: Iterable[list[Segment]]) -> None:
    """Print segments in chunks: each rich print costs about a millisecond, and one Text
    holding the spans of thousands of problems renders in more than linear time."""
    text = Text()
    for count, segments in enumerate(chunks, 1):
        for words, style in segments:
            text.append(words, style=style)
        if count % PROBLEMS_PER_PRINT == 0:
            console.print(text, end="")
            text = Text()
    console.print(text, end="")


def show_error(message: str, out: TextIO) -> None:
    """`error: message` in bold red where colours are wanted."""
    make_console(out).print(Text(f"error: {terminal(message)}", style="bold red"))


def print_bold(console: Console, words: str) -> None:
    """One line of bold text."""
    console.print(Text(words, style="bold"))
