"""A weekday written with a date must be that date's weekday ("Tuesday, 14 September 2020" is not:
the 14th was a Monday). dateparser reads the day and drops the weekday silently."""

from __future__ import annotations

import re

from timeline.errors import DateError
from timeline.model import DateValue, Precision
from timeline.dates.periods import describe_date

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_ENGLISH = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|"
                      r"thu|thurs?|fri|sat|sun)\b", re.I)  # fmt: skip
# Arabic weekday names, Monday first, with and without hamza, with the article as written in dates.
_ARABIC = {name: index for index, names in enumerate((
    ("الاثنين", "الإثنين"), ("الثلاثاء",), ("الأربعاء", "الاربعاء"), ("الخميس",), ("الجمعة", "الجمعه"),
    ("السبت",), ("الأحد", "الاحد"),
)) for name in names}
_ARABIC_NAME = re.compile("(?<![\u0600-\u06ff])(" + "|".join(sorted(_ARABIC, key=len, reverse=True))
                          + ")(?![\u0600-\u06ff])")


_BARE = re.compile(r"(?:on\s+)?(?:(?:early|late)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                   r"(?:\s+(?:morning|afternoon|evening|night))?", re.I)


def bare_weekday(text: str) -> int | None:
    """Return the weekday (Monday 0) of a weekday written alone: "Tuesday", "on Tuesday", "late
    Wednesday", "Thursday morning"; None for anything else. It is the most recent such day on or
    before the reference: in a source of Tuesday 29 September, "on Tuesday" is that very day, as
    news writes it (dateparser would go back a week)."""
    match = _BARE.fullmatch(text)
    return WEEKDAY_NAMES.index(match[1].capitalize()) if match else None


def check_weekday(text: str, value: DateValue) -> None:
    """Raise DateError when ``text`` names a weekday that is not the weekday of its single day."""
    if value.precision is not Precision.DAY:
        return
    actual = value.start.weekday()  # not strftime: that follows the locale
    if named := _ENGLISH.search(text):
        if WEEKDAY_NAMES[actual][:3].lower() != named[1][:3].lower():
            raise _wrong(text, value, named[1])
    elif (arabic := _ARABIC_NAME.search(text)) and _ARABIC[arabic[1]] != actual:
        raise _wrong(text, value, f"{WEEKDAY_NAMES[_ARABIC[arabic[1]]]} ({arabic[1]})")


def _wrong(text: str, value: DateValue, named: str) -> DateError:
    day = describe_date(DateValue(value.start, value.start, Precision.DAY))
    return DateError(f"{text!r}: {day} is a {WEEKDAY_NAMES[value.start.weekday()]}, not a {named}; "
                     "check the day and the weekday")
