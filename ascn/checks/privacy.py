"""Personal data in public text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ascn import examples as ex
from ascn.checks.base import Context, all_records, fields_of, is_model
from ascn.problems import CodeDoc, Example, Pointer, Problem, Severity

if TYPE_CHECKING:
    from pydantic import BaseModel

    from ascn.models import Dataset

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"(?<![\w/.-])\+?\(?\d[\d ()-]{7,}\d(?![\w/.-])")
_NOT_PHONE = re.compile(r"\d{4}-\d{2}(-\d{2})?|\d{4}\s*-\s*\d{4}")


def _looks_like_phone(text: str) -> bool:
    """Nine or more digits grouped like a phone number, and not a date or a range of years."""
    for match in _PHONE.finditer(text):
        number = match.group()
        digits = sum(char.isdigit() for char in number)
        grouped = number.startswith("+") or any(sep in number for sep in " ()-")
        if digits >= 9 and grouped and not _NOT_PHONE.search(number):
            return True
    return False


def _texts(value: object, pointer: Pointer) -> Iterator[tuple[Pointer, str]]:
    # Exact types: enum members (str subclasses) cannot hold contact details, and
    # skipping them and None halves this walk over every record.
    if type(value) is str:
        yield pointer, value
    elif is_model(value):
        for name, item in fields_of(value):
            if item is not None:
                yield from _texts(item, (*pointer, name))
    elif type(value) is list:
        for index, item in enumerate(value):
            yield from _texts(item, (*pointer, index))


# Every text _PHONE matches holds a run like this, and a JSON dump keeps such runs as
# they are (only quotes, backslashes and control characters are escaped).
_DIGIT_RUN = re.compile(r"\d[\d ()-]{7,}\d")


def _may_hold_contacts(record: BaseModel) -> bool:
    """A quick test on the record's JSON (built in pydantic's Rust core) before the walk.

    Most records hold no '@' and no run of nine digits at all: for them the walk over
    every field (half of all checking time at 10,000 cities) is skipped. The test can
    only say yes too often (a date, a budget), never no wrongly: the walk decides.
    """
    try:
        dumped = record.model_dump_json()
    except ValueError:  # not expected for these models; then walk, as before
        return True
    return "@" in dumped or _DIGIT_RUN.search(dumped) is not None


def _personal_kind(text: str) -> str | None:
    """What kind of contact detail the text seems to hold, if any."""
    if text.startswith(("http://", "https://")):
        return None
    if _EMAIL.search(text):
        return "an e-mail address"
    return "a phone number" if _looks_like_phone(text) else None


def personal_data(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """Text that looks like an e-mail address or a phone number (never echoed in messages)."""
    for kind, stem, record in all_records(ds):
        if ds.contact_free.get((kind, stem)) is not record:  # else its text holds nothing
            yield from personal_data_in(record, ds.file_of(kind, stem))


def personal_data_in(record: BaseModel, file: str) -> Iterator[Problem]:
    """`personal_data` for one record: it needs no other file, so its result can be cached."""
    if not _may_hold_contacts(record):
        return
    hint = "data is public: name roles and organisations, never people or their contacts"
    for pointer, text in _texts(record, ()):
        what = _personal_kind(text)
        if what:
            message = f"{pointer[-1] if pointer else 'value'} looks like it holds {what}"
            yield Problem.at_pointer("personal-data", message, file, pointer, hint=hint)


# The codes this module emits, documented beside it (`ascn explain CODE`; tests run the examples).
DOCS: tuple[CodeDoc, ...] = (
    CodeDoc(
        "personal-data",
        Severity.ERROR,
        "a text looks like it holds an e-mail address or a phone number",
        "The dataset is public and holds no personal data: people are named by their role "
        "and organisation only. A text that looks like an e-mail address or a phone number "
        "is reported (without repeating it) so that it can be removed before it is "
        "published. It is an error, so that the pull request cannot be merged with it: once "
        "merged, the data is public and stays in the history.",
        Example(
            ex.CITY_PATH,
            ex.CITY + "chief_smart_city_officer:\n  role: Director, mr.an@danang.gov.vn\n"
            "  organisation: Department of Information and Communications\n",
        ),
        Example(
            ex.CITY_PATH,
            ex.CITY + "chief_smart_city_officer:\n  role: Director\n"
            "  organisation: Department of Information and Communications\n",
        ),
        "Remove the contact details and keep the role and the organisation.",
    ),
)
