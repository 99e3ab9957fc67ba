"""Which files' texts cannot hold an e-mail address or a phone number, decided from the text.

The personal-data check (ascn.checks.privacy) walks every text of every record; most files
hold nothing it could report. The parse helper already has each file's text, so it decides
there, on both cores, which records the check may skip: at 1,000 cities the check's own
prefilter (a JSON dump of each record) was 0.2 s, this test of the texts 0.04 s per core.

It may only say "maybe" too often, never "no" wrongly. The check reports a text with an
'@' (e-mail) or with nine or more digits joined by spaces, brackets and hyphens (phone).
A value's characters are in the file as they are, except where YAML escapes them (a
backslash: then "maybe") or folds a line break and indentation into one space (deleted
here like the spaces and separators). So without '@', backslash or nine digits in a row
once whitespace, brackets and hyphens are deleted, no value of the file can be reported.
"""

from __future__ import annotations

import re

# Every character str.isspace() accepts lies below U+3001 (a test checks it).
_DELETED = {code: None for code in range(0x3001) if chr(code).isspace()} | {
    ord(char): None for char in "()-"
}
_NINE_DIGITS = re.compile(r"\d{9}")


def may_hold_contacts(text: str) -> bool:
    """Whether a value in the file's text could look like an e-mail address or a phone number."""
    if "@" in text or "\\" in text:
        return True
    return _NINE_DIGITS.search(text.translate(_DELETED)) is not None
