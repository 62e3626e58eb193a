"""Dates before the common era: "300 BCE", "15 March 44 BC", "3rd century BCE", "the 40s BC".

Holds: ``read_before_common_era``, called by :mod:`timeline.dates.history` for any text marked
BCE/BC (or written as a signed ISO 8601 year).
May import: ``timeline.dates.days``, ``.periods``, ``.julian``, ``.spans``, ``timeline.model``, ``timeline.errors``.

Years are kept in astronomical numbering (ISO 8601's: 1 BCE is year 0, 300 BCE is year -299) and
written "300 BCE". The conventions read:
- a day with a month's name is Julian, as ancient days are written ("15 March 44 BC" is the Ides
  of March), unless marked "(Gregorian)"; it is kept, as every day, in proleptic Gregorian;
- the Nth century BCE runs from N×100 BCE down to (N-1)×100+1 BCE (the 3rd century BCE is
  300-201 BCE), its early/mid/late thirds counted from its first year in time;
- "the 40s BCE" is 49-40 BCE; "the 300s BCE" (a decade or a century?) is refused;
- ISO 8601 expanded years ("-0299-03-15", "0000") are astronomical; a signed year that is not
  ISO ("-300") is refused, since tools disagree on whether it means 300 or 301 BCE.
"""

from __future__ import annotations

import re
from typing import Callable

from timeline.dates.days import FIRST_YEAR, make_day
from timeline.dates.julian import julian_month_days, julian_to_gregorian
from timeline.dates.periods import MONTHS, THIRDS, THIRDS_OF, month_number, ordinal, period_of, thirds_of
from timeline.dates.spans import BCE_MARK
from timeline.errors import DateError
from timeline.model import DateValue, Precision

_BCE = BCE_MARK
_HAS_BCE = re.compile(_BCE, re.I)
_ENDS_BCE = re.compile(rf"(.+?)\s*{_BCE}\.?", re.I)
_MARK = re.compile(r"(.+?)\s*(?:\((Julian|Gregorian)\)|\b(O\.S\.|N\.S\.))", re.I)
_ISO = re.compile(r"(-\d{4,}|0000)(?:-(\d\d)(?:-(\d\d))?)?")
_SIGNED = re.compile(r"[-–]\d+(?:-\d\d){0,2}")
_WEEK_OF = re.compile(r"(?:the\s+)?week\s+of\s", re.I)
_THIRD = re.compile(r"(early|mid|middle|late)[\s-]+(.+)", re.I)
_YEAR = re.compile(r"\d{1,5}")
_CENTURY = re.compile(r"(?:the\s+)?(\d{1,3})(?:st|nd|rd|th)\s+century", re.I)
_DECADE = re.compile(r"(?:the\s+)?(\d{1,3})0'?s", re.I)
_DECADE_SPAN = re.compile(r"(?:the\s+)?decade\s+(\d{1,4})\s*[–-]\s*(\d{1,4})", re.I)
_QUARTER = re.compile(r"Q([1-4])\s+(\d{1,4})", re.I)
_MONTH = re.compile(r"([A-Za-z]+)\.?,?\s+(\d{1,4})")
_DAY = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?|([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?)"
                  r"\s+(\d{1,4})")
_JULIAN_FROM = -4712  # the Julian Day count starts on 1 January 4713 BC (Julian)
_FORMS = "write e.g. '300 BCE', 'March 44 BCE', '15 March 44 BCE', '3rd century BCE' or 'the 40s BCE'"

Reader = Callable[[str], DateValue]


def read_before_common_era(text: str, read: Reader) -> DateValue | None:
    """Return the value of ``text`` if it is written before the common era, else ``None``.

    ``read`` reads any other date (a CE end of a range, "44 BCE – 14 CE").

    Raises:
        DateError: a BCE form that cannot be read honestly; the message says what to write.
    """
    if match := _ISO.fullmatch(text):
        return _iso(text, int(match[1]), match[2], match[3])
    if _SIGNED.fullmatch(text):
        raise DateError(f"{text!r}: a negative year means 300 BCE to some tools and 301 BCE to others "
                        "(ISO 8601 has a year 0); write '300 BCE', or ISO 8601's '-0299' with four digits")
    if not _HAS_BCE.search(text) or _WEEK_OF.match(text):
        return None  # "week of 15 March 44 BC" is the week of a day read here
    marked = _MARK.fullmatch(text)
    body, mark = (marked[1], (marked[2] or marked[3]).lower()) if marked else (text, "")
    match = _ENDS_BCE.fullmatch(body)
    if not match:
        raise DateError(f"{text!r}: write the era after the date; {_FORMS}")
    return _single(match[1].strip(), mark, text, read)


def _single(rest: str, mark: str, text: str, read: Reader) -> DateValue:
    if third := _THIRD.fullmatch(rest):
        value = read(f"{third[2]} BCE")
        if value.is_range or value.precision not in THIRDS_OF:
            raise DateError(f"{text!r}: '{third[1].lower()}' needs a month, year, decade or century after it")
        index = THIRDS.index(third[1].lower().replace("middle", "mid"))
        span = thirds_of(value.start, value.end, value.precision)[index]
        return DateValue(*span, value.precision, approximate=True)
    if _YEAR.fullmatch(rest):
        return DateValue(*period_of(make_day(_astronomical(int(rest), text), 1, 1), Precision.YEAR), Precision.YEAR)
    if match := _CENTURY.fullmatch(rest):
        number = int(match[1])
        if not 1 <= number <= 100:
            raise DateError(f"{text!r}: write a century from the 1st to the 100th BCE")
        last_year = -(number - 1) * 100  # the 3rd century BCE ends in 201 BCE, year -200
        return DateValue(*period_of(make_day(last_year, 1, 1), Precision.CENTURY), Precision.CENTURY)
    if match := _DECADE_SPAN.fullmatch(rest):
        return _decade_span(int(match[1]), int(match[2]), text)
    if match := _DECADE.fullmatch(rest):
        decade = int(match[1]) * 10
        if decade % 100 == 0:
            raise DateError(f"{text!r} can mean the decade {decade + 9}–{decade} BCE or the hundred years "
                            f"{decade + 99}–{decade} BCE; write 'decade {decade + 9}–{decade} BCE' or a "
                            f"century, e.g. '{ordinal(decade // 100 + 1)} century BCE'")
        return DateValue(*period_of(make_day(1 - decade, 1, 1), Precision.DECADE), Precision.DECADE)
    if match := _QUARTER.fullmatch(rest):
        first = make_day(_astronomical(int(match[2]), text), int(match[1]) * 3 - 2, 1)
        return DateValue(*period_of(first, Precision.QUARTER), Precision.QUARTER)
    if match := _DAY.fullmatch(rest):
        day, name = (match[1], match[2]) if match[1] else (match[4], match[3])
        if month := month_number(name):
            return _day(_astronomical(int(match[5]), text), month, int(day), mark, text)
    if (match := _MONTH.fullmatch(rest)) and (month := month_number(match[1])):
        first = make_day(_astronomical(int(match[2]), text), month, 1)
        return DateValue(*period_of(first, Precision.MONTH), Precision.MONTH)
    raise DateError(f"cannot read {text!r} as a date before the common era; {_FORMS}")


def _astronomical(bce_year: int, text: str) -> int:
    if not 1 <= bce_year <= 1 - FIRST_YEAR:
        raise DateError(f"{text!r} has year {bce_year} BCE; write a year from 9999 BCE to 1 BCE "
                        "(there is no year 0: 1 BCE is followed by 1 CE)")
    return 1 - bce_year


def _day(year: int, month: int, day: int, mark: str, text: str) -> DateValue:
    if mark in ("gregorian", "n.s."):
        try:
            value = make_day(year, month, day)
        except ValueError:
            raise DateError(f"{text!r} is not a real day; write a day the month has") from None
        return DateValue(value, value, Precision.DAY)
    if year < _JULIAN_FROM:
        raise DateError(f"{text!r} is before 4713 BCE, where no day is counted; write the year or the month")
    if not 1 <= day <= julian_month_days(year, month):
        raise DateError(f"{text!r} is not a day of the Julian calendar ({MONTHS[month - 1]} {1 - year} BCE "
                        f"has {julian_month_days(year, month)} days there); days before the common era are "
                        "read as Julian: write '(Gregorian)' after a proleptic Gregorian day")
    value = julian_to_gregorian(year, month, day)
    return DateValue(value, value, Precision.DAY)


def _decade_span(first: int, last: int, text: str) -> DateValue:
    """Read "decade 309–300 BCE", the way a decade ending in a round hundred is written."""
    start, end = period_of(make_day(1 - last, 1, 1), Precision.DECADE)
    if (1 - start.year, 1 - end.year) != (first, last):
        raise DateError(f"{text!r} is not one decade; write e.g. 'decade 309–300 BCE' or 'the 40s BCE'")
    return DateValue(start, end, Precision.DECADE)


def _iso(text: str, year: int, month: str | None, day: str | None) -> DateValue:
    """ISO 8601 with an expanded year: astronomical, proleptic Gregorian ('-0299-03-15')."""
    if year < FIRST_YEAR:
        raise DateError(f"{text!r} is before 9999 BCE (ISO year {FIRST_YEAR}); write a later year")
    try:
        first = make_day(year, int(month or 1), int(day or 1))
    except ValueError:
        raise DateError(f"{text!r} is not a real day; write year-month-day, e.g. '-0043-03-15'") from None
    precision = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
    return DateValue(*period_of(first, precision), precision)
