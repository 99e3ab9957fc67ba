"""`ascn explain`: every problem code's documentation, gathered from the modules that emit it.

The loader documents its codes in `ascn.load.codes`, each check module of `ascn.checks` its own
(as yamllint's rules carry their docs); this module only gathers, looks up and prints them.
The README's table of codes is built from `CODES`.
"""

from __future__ import annotations

import difflib
import textwrap
from collections.abc import Iterable

from ascn import checks
from ascn.load import codes as load_codes
from ascn.problems import AscnError, CodeDoc, Example

__all__ = ["CODES", "CodeDoc", "Example", "UnknownCode", "explain_text", "list_text", "lookup"]


class UnknownCode(AscnError):
    """`ascn explain` was given a code that the tool never emits."""


CODES: dict[str, CodeDoc] = {doc.code: doc for doc in (*load_codes.DOCS, *checks.DOCS)}


def lookup(code: str) -> CodeDoc:
    """The documentation of a code; UnknownCode (with a suggestion) if there is none."""
    if code in CODES:
        return CODES[code]
    close = difflib.get_close_matches(code.lower(), sorted(CODES), n=1, cutoff=0.5)
    suggestion = f"; did you mean '{close[0]}'?" if close else ""
    raise UnknownCode(f"unknown problem code '{code}'{suggestion} (`ascn explain` lists them all)")


WIDTH = 88


def _paragraph(text: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent="  ", subsequent_indent="  ")


def _show_example(title: str, example: Example) -> list[str]:
    lines = [f"{title}: data/{example.path}" + (f" ({example.note})" if example.note else "")]
    if example.link is not None:
        lines.append(f"  -> {example.link}")
    for line in (example.text or "").splitlines():
        lines.append("  | " + line.replace("\t", "<TAB>"))
    return lines


def explain_text(code: str) -> str:
    """The full explanation of one code, as plain text."""
    doc = lookup(code)
    lines = [f"{doc.code} ({doc.severity.value}): {doc.summary}", "", "What it means:"]
    lines += [_paragraph(doc.meaning), "", *_show_example("Failing example", doc.failing), ""]
    lines += [*_show_example("Fixed", doc.fixed), "", "How to fix:", _paragraph(doc.fix)]
    return "\n".join(lines) + "\n"


def list_text(docs: Iterable[CodeDoc] | None = None) -> str:
    """Every code with its severity and summary, one per line, sorted by code."""
    chosen = sorted(docs if docs is not None else CODES.values(), key=lambda d: d.code)
    width = max(len(doc.code) for doc in chosen)
    lines = [
        f"{doc.code.ljust(width)}  {doc.severity.value.ljust(7)}  {doc.summary}" for doc in chosen
    ]
    return "\n".join([*lines, "", "Run `ascn explain CODE` for its meaning and an example."]) + "\n"
