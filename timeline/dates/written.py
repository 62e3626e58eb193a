"""The common written dates, read without dateparser: a fast path for ``timeline.dates``.

dateparser takes ~2 ms per distinct text, most of a cold load. The forms journalists write most
("13 September 2020", "Sept. 13, 2020", "September 2020", "Sept. 13", and in Arabic or Persian
"25 سبتمبر 2020", "13 أيلول 2020", "سبتمبر 2020") are read here by regex instead, giving exactly
what the dateparser path gives (``tests/test_dates.py`` and ``tests/test_writtendates.py`` check
the two against each other). Anything else, and any day a month does not have, is left to that
path (``match_written`` returns None), so its errors and its messages stay the only ones.
"""

from __future__ import annotations

import re
import unicodedata
from calendar import isleap, monthrange
from datetime import date
from types import MappingProxyType
from typing import NamedTuple

from timeline.model import DateValue, Precision
from timeline.dates.periods import period_of

_MONTH = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")  # fmt: skip
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
# Text arrives with runs of whitespace already folded to one space and the ends stripped.
_DAY_FIRST = re.compile(rf"{_DAY} {_MONTH}(?:,? (\d{{4}}))?", re.I)  # 13 September(,) 2020
_MONTH_FIRST = re.compile(rf"{_MONTH} {_DAY}(?:,? (\d{{4}}))?", re.I)  # Sept. 13(,) 2020
_MONTH_YEAR = re.compile(rf"{_MONTH},? (\d{{4}})", re.I)  # Sept. 2020
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# Gregorian month names as the locales timeline.dates hands dateparser spell them: 'ar', then
# 'ar-IQ' (the Levantine names), then 'fa'. Names written with a digit ("كانون 2") are left out:
# the digit would blur into the day and year. Maghrebi names ("جانفي") are left out because
# none of those locales reads them, so the dateparser path refuses them.
_ARABIC_NAMES = (
    ("يناير", "كانون الثاني", "ژانویه", "ژانویهٔ", "جنوری"),
    ("فبراير", "شباط", "فوریه", "فوریهٔ", "فبروری"),
    ("مارس", "آذار", "مارچ"),
    ("أبريل", "نيسان", "آوریل", "اپریل"),
    ("مايو", "أيار", "مه", "مهٔ", "می"),
    ("يونيو", "يونيه", "يونية", "حزيران", "ژوئن", "جون"),
    ("يوليو", "يوليه", "يولية", "تموز", "ژوئیه", "ژوئیهٔ", "جولای"),
    ("أغسطس", "آب", "اوت", "آگست"),
    ("سبتمبر", "أيلول", "سپتامبر", "سپتمبر"),
    ("أكتوبر", "تشرين الأول", "اکتبر", "اکتوبر"),
    ("نوفمبر", "تشرين الثاني", "نوامبر", "نومبر"),
    ("ديسمبر", "كانون الأول", "دسامبر", "دسمبر"),
)  # fmt: skip
# Only letters (and the one hamza mark Persian names carry) may make up a name: dateparser
# turns some vowel marks into spaces and drops others, so a name with marks is left to it.
_LETTERS = r"[\u0621-\u063a\u0641-\u064a\u0654\u0671-\u06d3]+"
_ARABIC_NAME = rf"({_LETTERS}(?: {_LETTERS})?)"  # one or two words: "تشرين الأول"
# Digits arrive as ASCII (timeline.dates folds Arabic-Indic and Persian ones first); [0-9], not
# \d, so that no other script's digits are claimed.
_ARABIC_DAY_FIRST = re.compile(rf"([0-9]{{1,2}}) {_ARABIC_NAME} ([0-9]{{4}})")  # 25 سبتمبر 2020
_ARABIC_MONTH_YEAR = re.compile(rf"{_ARABIC_NAME} ([0-9]{{4}})")  # سبتمبر 2020


class Written(NamedTuple):
    """What the text says: a month, perhaps a day, perhaps a year (None: take it from a reference)."""

    year: int | None
    month: int
    day: int | None


def _fold(name: str) -> str:
    """Drop hamza and madda from letters ("أيلول" -> "ايلول"), as dateparser does before matching."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if unicodedata.category(c) != "Mn")


_ARABIC_MONTHS = MappingProxyType(
    {_fold(name): number for number, names in enumerate(_ARABIC_NAMES, 1) for name in names}
)


def match_written(text: str) -> Written | None:
    """Return the parts of a plain written date, or None when this fast path does not read it."""
    written = _match_english(text) or _match_arabic(text)
    if written is None or (written.year is not None and written.year < 1):
        return None
    if written.day is not None:
        longest = monthrange(written.year or 2000, written.month)[1]  # 2000: Feb 29 with no year
        if not 1 <= written.day <= longest:
            return None  # the dateparser path explains the impossible day
    return written


def _match_english(text: str) -> Written | None:
    if match := _MONTH_YEAR.fullmatch(text):
        name, day, year = match[1], None, match[2]
    elif match := _DAY_FIRST.fullmatch(text) or _MONTH_FIRST.fullmatch(text):
        day_first = match.re is _DAY_FIRST
        name, day, year = match[2 if day_first else 1], match[1 if day_first else 2], match[3]
    else:
        return None
    return Written(int(year) if year else None, _MONTHS.index(name[:3].lower()) + 1,
                   int(day) if day else None)  # fmt: skip


def _match_arabic(text: str) -> Written | None:
    """Read "25 سبتمبر 2020" or "سبتمبر 2020", the forms news text uses.

    Without a year ("25 سبتمبر") the text is relative; it stays with the dateparser path, whose
    reading against a reference is not re-derived here.
    """
    if match := _ARABIC_DAY_FIRST.fullmatch(text):
        day, name, year = int(match[1]), match[2], int(match[3])
    elif match := _ARABIC_MONTH_YEAR.fullmatch(text):
        day, name, year = None, match[1], int(match[2])
    else:
        return None
    month = _ARABIC_MONTHS.get(_fold(name))
    return None if month is None else Written(year, month, day)


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
