"""The current year: from the clock, or from `ASCN_NOW` for reproducible runs.

Observed years (joined, first listed, status updates, partnerships, network years) may not
lie after the current year. Tests, CI and anyone rebuilding an old result set `ASCN_NOW`
(a year such as `2026`, or a date `2026-03-01`) so that results do not change when the
calendar does, as congress-legislators' `NOW=` does. This is the one place that reads it.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from ascn.problems import AscnError

ENV = "ASCN_NOW"
_YEAR = re.compile(r"(\d{4})(-\d{2}(-\d{2})?)?")


class BadNow(AscnError):
    """ASCN_NOW holds something that is not a year or a date."""


def current_year() -> int:
    """The year `ASCN_NOW` names, else the year of today's date."""
    given = os.environ.get(ENV, "").strip()
    if not given:
        return dt.date.today().year
    match = _YEAR.fullmatch(given)
    if match is None:
        raise BadNow(f"{ENV}={given!r} is not a year (2026) or a date (2026-03-01)")
    return int(match.group(1))
