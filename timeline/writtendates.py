"""The common English written dates, read without dateparser: a fast path for ``timeline.dates``.

dateparser takes ~2 ms per distinct text, most of a cold load. The forms journalists write most
("13 September 2020", "Sept. 13, 2020", "September 2020", "Sept. 13") are read here by regex
instead, giving exactly what the dateparser path gives (``tests/test_dates.py`` checks the two
against each other). Anything else, and any day a month does not have, is left to that path
(``match_written`` returns None), so its errors and its messages stay the only ones.
"""

from __future__ import annotations

import re
from calendar import isleap, monthrange
from datetime import date
from typing import NamedTuple

from timeline.model import DateValue, Precision
from timeline.periods import period_of

_MONTH = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")  # fmt: skip
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
# Text arrives with runs of whitespace already folded to one space and the ends stripped.
_DAY_FIRST = re.compile(rf"{_DAY} {_MONTH}(?:,? (\d{{4}}))?", re.I)  # 13 September(,) 2020
_MONTH_FIRST = re.compile(rf"{_MONTH} {_DAY}(?:,? (\d{{4}}))?", re.I)  # Sept. 13(,) 2020
_MONTH_YEAR = re.compile(rf"{_MONTH},? (\d{{4}})", re.I)  # Sept. 2020
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


class Written(NamedTuple):
    """What the text says: a month, perhaps a day, perhaps a year (None: take it from a reference)."""

    year: int | None
    month: int
    day: int | None


def match_written(text: str) -> Written | None:
    """Return the parts of a plain written date, or None when this fast path does not read it."""
    if match := _MONTH_YEAR.fullmatch(text):
        name, day, year = match[1], None, match[2]
    elif match := _DAY_FIRST.fullmatch(text) or _MONTH_FIRST.fullmatch(text):
        day_first = match.re is _DAY_FIRST
        name, day, year = match[2 if day_first else 1], match[1 if day_first else 2], match[3]
    else:
        return None
    written = Written(int(year) if year else None, _MONTHS.index(name[:3].lower()) + 1,
                      int(day) if day else None)  # fmt: skip
    if written.year is not None and written.year < 1:
        return None
    if written.day is not None:
        longest = monthrange(written.year or 2000, written.month)[1]  # 2000: Feb 29 with no year
        if not 1 <= written.day <= longest:
            return None  # the dateparser path explains the impossible day
    return written


def needs_reference(written: Written) -> bool:
    """True when the year must come from a reference date ("Sept. 13")."""
    return written.year is None


def written_value(written: Written, reference: date | None) -> DateValue | None:
    """The date ``written`` names; a missing year is the latest that is not after ``reference``.

    Returns None (leave it to the dateparser path) when that year would fall before year 1.
    """
    year, month, day = written
    if day is None:
        assert year is not None, "match_written reads a month only with its year"
        return DateValue(*period_of(date(year, month, 1), Precision.MONTH), Precision.MONTH)
    if year is None:
        assert reference is not None, "check needs_reference first"
        year = reference.year if (month, day) <= (reference.month, reference.day) else reference.year - 1
        while month == 2 and day == 29 and year >= 1 and not isleap(year):
            year -= 1  # "Feb 29" is the last 29 February on or before the reference
        if year < 1:
            return None
    return DateValue(date(year, month, day), date(year, month, day), Precision.DAY)
