"""One escaper per output target, for text that comes from data or from git.

Every string that leaves the program goes through the escaper of its target, where it
leaves (console for the terminal, JSON, GitHub workflow commands and the Markdown job
summary; the report's Markdown filters): terminal control sequences, Markdown fences,
links, images and raw HTML, and workflow-command breakers from data must never act.
Pure functions on str, no imports beyond the standard library, so that every layer
may use them; tests run one hostile-string corpus through all of them.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Lines, tabs: kept by `terminal(keep_newlines=True)` only where the output's own lines are.
_KEPT = frozenset("\n")


def _escape_char(char: str) -> str:
    """`\\x1b`, `\\u202e`, `\\U000e0001`; a byte that was not UTF-8 as `\\xe9`."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: an undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def terminal(text: str, *, keep_newlines: bool = False) -> str:
    """Text safe for a terminal: every non-printable character written as an escape.

    Non-printable is Python's `str.isprintable()`: C0 and C1 controls (ESC, CSI 0x9b, BEL,
    CR, DEL), line and paragraph separators, bidirectional overrides (U+202E) and other
    format characters, unassigned and private-use code points. Spaces stay; with
    `keep_newlines` so do line feeds (for a whole output whose lines are the program's).
    """
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() or (keep_newlines and c in _KEPT) else _escape_char(c) for c in text
    )


_JSON_UNSAFE = re.compile(r"[^\x00-\x7e]")


def json_document(document: str) -> str:
    """A JSON text whose non-printable characters (DEL, C1, U+2028, bidi) are \\u escapes.

    `json.dumps(..., ensure_ascii=False)` escapes only C0 controls; the rest would reach
    the terminal as they are. The escapes keep the parsed values identical.
    """

    def escape(match: re.Match[str]) -> str:
        char = match[0]
        if char.isprintable():
            return char
        code = ord(char)
        if code < 0x10000:
            return f"\\u{code:04x}"
        high, low = 0xD800 + ((code - 0x10000) >> 10), 0xDC00 + ((code - 0x10000) & 0x3FF)
        return f"\\u{high:04x}\\u{low:04x}"

    if document.isascii() and "\x7f" not in document:
        return document
    return _JSON_UNSAFE.sub(escape, document.replace("\x7f", "\\u007f"))


def github_data(text: str) -> str:
    """The message of a GitHub workflow command: one line, no control sequences."""
    text = terminal(text, keep_newlines=True)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value (file, title) of a GitHub workflow command."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# Markdown punctuation that can start markup anywhere in a line: emphasis, code spans and
# fences (` and ~), links and images ([ ] !), table cells (|), escapes themselves.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~!])")
# GitHub turns bare web addresses into links (autolink extension); an entity for the `:`
# or the `.` keeps the text as it reads and stops the link.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9])(:)(?=//)|(?<![a-z0-9])(www)(\.)")
# `>` needs no entry: it is written `&gt;`, which never starts a quote.
_BLOCK_START = re.compile(r"^(#|[-+=](?=[\s=-]|$))")
_LIST_NUMBER = re.compile(r"^(\d+)([.)])(?=\s|$)")
# The fast path's test for text `escape_inline` would leave as it is, in pieces that run at C
# speed (one regex with a group per character took 2.5 us a title): no markup character and
# no whitespace but single spaces inside, no block marker first, no `://`, no `www.`.
# Whitespace other than the space, listed (a negated class cannot subtract the space from
# `\s`; tests/unit/test_escapers.py checks the list against `\s`).
OTHER_SPACE = "\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# Searching for one of these is twice as fast as matching the whole text against the
# other characters (a text of 50 characters: 0.44 us against 0.9 us).
_NOT_PLAIN = re.compile(rf"[&<>\\`*_\[\]|~!{OTHER_SPACE}]")
_MARKERS = "#+=-:"  # with whitespace and digits, what may not start a plain text
_WWW = re.compile(r"(?i)www\.")
MEMO_SIZE = 4096


def _autolink(match: re.Match[str]) -> str:
    return "&#58;" if match[1] else f"{match[2]}&#46;"


def markdown_inline(value: object) -> str:
    """Inline Markdown text: HTML, Markdown and autolinks neutralised, whitespace made one space.

    The value may start a line in a template, so a leading block marker (`#` heading, `>`
    quote, `---` rule, `=` underline, `-`/`+` list, `1.` list) is escaped too; fences
    (``` and ~~~), links and images are escaped wherever they appear.
    """
    return _inline(value if type(value) is str else str(value))


# A report escapes the same short texts again and again (statuses, focus areas, city and
# country names: 106,000 cells at 1,000 cities, most of them repeats); a bounded memo of
# these pure functions answers a repeat with a dict lookup.
@lru_cache(maxsize=MEMO_SIZE)
def _inline(value: str) -> str:
    text = terminal(value, keep_newlines=True)
    return text if _is_plain(text) else escape_inline(text)


def _is_plain(text: str) -> bool:
    """Whether `escape_inline` would leave `text` as it is (most titles and names).

    Checked by what each test costs: `\\s` and `\\d` at the start are `str.isspace` and
    `str.isdecimal` (the same Unicode classes), and a `www.` is only looked for (a slow
    case-blind search) in a text with a dot.
    """
    first = text[:1]
    return (
        not (first.isspace() or first.isdecimal() or (first and first in _MARKERS))
        and "://" not in text
        and "  " not in text
        and not text.endswith(" ")
        and _NOT_PLAIN.search(text) is None
        and ("." not in text or _WWW.search(text) is None)
    )


def escape_inline(text: str) -> str:
    """`markdown_inline` without its fast path for plain text (tests compare the two)."""
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = _AUTOLINK.sub(_autolink, _MD_SPECIAL.sub(r"\\\1", text))
    text = " ".join(text.split())
    return _LIST_NUMBER.sub(r"\1\\\2", _BLOCK_START.sub(r"\\\1", text))


def markdown_cell(value: object) -> str:
    """Text safe inside a Markdown table cell: like `markdown_inline`, lines joined by <br>."""
    return _cell(value if type(value) is str else str(value))


@lru_cache(maxsize=MEMO_SIZE)
def _cell(value: str) -> str:
    lines = value.splitlines()
    if len(lines) == 1:  # most cells: no generator to join
        return _inline(lines[0]) if lines[0].strip() else ""
    return "<br>".join(_inline(line) for line in lines if line.strip())


def markdown_code(value: object) -> str:
    """A code span holding `value` as it is: the fence is longer than any backtick run in it."""
    text = " ".join(terminal(str(value)).split()).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"
