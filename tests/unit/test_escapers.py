"""One hostile-string corpus through every escaper: none lets a string act in its target."""

from __future__ import annotations

import json
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ascn import escape
from ascn.console import render_github, render_markdown, render_text
from ascn.console.styled import capture, escaped_text
from ascn.problems import Problem, Severity
from ascn.report.environment import cell, md

CORPUS = [
    "\x1b[2J\x1b[H",  # clear screen
    "\x1b]0;pwned\x07",  # window title (OSC)
    "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",  # terminal hyperlink
    "\x9b31m",  # 8-bit CSI
    "a\rb",  # carriage return overwrites
    "a\bb\x7f",  # backspace, DEL
    "\u202eevil\u202c",  # right-to-left override (Trojan Source)
    "\u2066isolate\u2069",
    "line\u2028sep\u2029para\x85nel",
    "zero\u200bwidth\ufeff",
    "\x00nul",
    "```\ncode\n```",
    "~~~js\nalert(1)\n~~~",
    "    ```",
    "[click](javascript:alert(1))",
    "![img](http://evil.example/x.png)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "&lt;already&gt; &amp;",
    "https://evil.example/path and www.evil.example",
    "| a | b |",
    "# heading",
    "> quote",
    "1. list",
    "- item",
    "***",
    "::error file=x::forged",
    "%0A::warning::forged",
    "\n::error::forged",
    "\U000e0041tag characters\U000e007f",
    "\udce9 undecodable byte",
]
TERMINAL_UNSAFE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]"
)


def printable_everywhere(text: str, *, newlines: bool = False) -> bool:
    """Whether `text` holds only printable characters (and line feeds if allowed)."""
    return all(c.isprintable() or (newlines and c == "\n") for c in text)


@pytest.mark.parametrize("hostile", CORPUS)
def test_terminal_escaper(hostile: str) -> None:
    """No control, format or separator character survives; printable text is unchanged."""
    out = escape.terminal(hostile)
    assert printable_everywhere(out)
    assert escape.terminal(out) == out  # escaping twice changes nothing more
    assert escape.terminal("Da Nang, Việt Nam") == "Da Nang, Việt Nam"


@pytest.mark.parametrize("hostile", CORPUS)
def test_json_escaper_keeps_values(hostile: str) -> None:
    """The JSON text is terminal-safe and still parses to the very same value."""
    document = escape.json_document(json.dumps({"v": hostile}, ensure_ascii=False))
    assert not TERMINAL_UNSAFE.search(document)
    assert json.loads(document) == {"v": hostile}


@pytest.mark.parametrize("hostile", CORPUS)
def test_markdown_inline_and_cell(hostile: str) -> None:
    """No raw HTML, no unescaped link, image, fence, pipe or autolink, one line per cell."""
    for out in (escape.markdown_inline(hostile), escape.markdown_cell(hostile)):
        assert "<" not in out.replace("<br>", "")
        assert not re.search(r"(?<!\\)[\[\]|`~!]", out)
        assert not re.search(r"(?i)https?://|www\.", out)
        assert "\n" not in out
        assert printable_everywhere(out)
    assert md(hostile) == escape.markdown_inline(hostile)
    assert cell(hostile) == escape.markdown_cell(hostile)


@pytest.mark.parametrize("hostile", CORPUS)
def test_markdown_code_span(hostile: str) -> None:
    """The fence is longer than any backtick run inside; pipes are escaped for tables."""
    out = escape.markdown_code(hostile)
    fence = re.match(r"`+", out)
    assert fence is not None and out.endswith(fence[0])
    inner = out[len(fence[0]) : -len(fence[0])]
    assert fence[0] not in inner
    assert not re.search(r"(?<!\\)\|", out)
    assert printable_everywhere(out)


@pytest.mark.parametrize("hostile", CORPUS)
def test_github_escapers(hostile: str) -> None:
    """One line, no control sequences, and `:`/`,` escaped in properties."""
    for out in (escape.github_data(hostile), escape.github_property(hostile)):
        assert "\n" not in out and "\r" not in out
        assert printable_everywhere(out)
    assert ":" not in escape.github_property(hostile)
    assert "," not in escape.github_property(hostile)


def _problem(text: str) -> Problem:
    return Problem(text, 2, 3, "schema", Severity.ERROR, text, text, context=text)


@pytest.mark.parametrize("hostile", CORPUS)
def test_validate_renderers(hostile: str) -> None:
    """Every `validate` format keeps its own structure whatever the file, message and hint."""
    problems = [_problem(hostile)]
    text, github = render_text(problems, 1), render_github(problems, 1)
    assert printable_everywhere(text, newlines=True)
    assert [line.startswith("::error ") for line in github.splitlines()] == [True, False]
    table = [line for line in render_markdown(problems, 1).splitlines() if line.startswith("| `")]
    assert len(table) == 1
    assert len(re.findall(r"(?<!\\)\|", table[0])) == 5


@given(st.text())
def test_terminal_escaper_on_any_text(text: str) -> None:
    """Any string comes out printable, and printable strings come out unchanged."""
    out = escape.terminal(text)
    assert printable_everywhere(out)
    assert (out == text) == text.isprintable()


@given(st.text())
def test_markdown_cell_on_any_text(text: str) -> None:
    """Any string is one line with no raw HTML or unescaped table pipe."""
    out = escape.markdown_cell(text)
    assert "<" not in out.replace("<br>", "")
    assert "\n" not in out
    assert not re.search(r"(?<!\\)\|", out)


# Text close to the fast path's edges: colons, slashes, markers, digits (an Arabic-Indic
# one too), spaces and line breaks, `www.` in either case.
NEAR_PLAIN = st.text(
    alphabet=st.sampled_from(list("ab1: /.wW#-+=>)\t\u00a0\u0663\u2028\r")), max_size=20
)


@settings(max_examples=500)
@given(st.one_of(st.text(), NEAR_PLAIN))
def test_markdown_fast_path_changes_nothing_the_full_escape_would(text: str) -> None:
    """The plain-text fast path (and the memo) give what the full escape gives."""
    full = escape.escape_inline(escape.terminal(text, keep_newlines=True))
    assert escape.markdown_inline(text) == full
    assert escape.markdown_inline(text) == full  # the second answer comes from the memo


def test_other_space_lists_every_whitespace_but_the_space() -> None:
    """The fast path's list of whitespace is exactly what `\\s` matches, less the space."""
    listed = re.compile(f"[{escape.OTHER_SPACE}]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert bool(listed.fullmatch(char)) == (char != " " and bool(re.fullmatch(r"\s", char)))


@pytest.mark.parametrize("hostile", CORPUS)
def test_every_rich_output_is_escaped(hostile: str) -> None:
    """Whatever a command draws with rich (Text with styles, strings, table cells) is escaped."""
    table = Table(title=hostile)
    table.add_column(hostile)
    table.add_row(Text(hostile, style="bold"))

    def draw(console: Console) -> None:
        text = Text("name: ", style="dim")
        text.append(hostile, style="bold")
        console.print(text, hostile, table)

    assert printable_everywhere(capture(draw), newlines=True)


def test_escaped_text_keeps_styles_on_their_characters() -> None:
    """After an escape grows the text, a later style still covers the same characters."""
    text = Text("a\x1b")
    text.append("bold", style="bold")
    safe = escaped_text(text)
    assert safe.plain == "a\\x1bbold"
    assert [(s.start, s.end, str(s.style)) for s in safe.spans] == [(5, 9, "bold")]


def test_colour_and_plain_problem_output_say_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """The plain path (no rich) prints exactly what the colour path prints, less its codes."""
    problems = [_problem(hostile) for hostile in CORPUS[:6]]
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    coloured = render_text(problems, 2)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR")
    plain = render_text(problems, 2)
    assert coloured != plain
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


@settings(max_examples=300)
@given(st.one_of(st.text(), NEAR_PLAIN))
def test_markdown_cell_is_its_lines_escaped_and_joined(text: str) -> None:
    """A cell is its non-blank lines, each escaped inline, joined by <br> (one line or many)."""
    lines = [escape.markdown_inline(line) for line in text.splitlines() if line.strip()]
    assert escape.markdown_cell(text) == "<br>".join(lines)
