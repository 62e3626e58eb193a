"""Dates of recorded history that dateparser cannot read, and the forms refused because any
reading of them would be a guess.

Read: years 100-999 written plainly ("622", "c. 630") and any year 1-9999 with AD/CE ("AD 33",
"622 CE"); months of such years ("August 622"); decades of any century ("the 640s"); centuries
("7th century", "the 1700s", "early 19th century"), taken as their hundreds (the 7th century is
600-699, the 1st is 1-99); seasons of the northern hemisphere, approximate ("spring 1930" is
March-June; "winter 1930-31" is December-March); a trailing "?" as approximate ("1930?"); years,
months and days AH in the tabular Islamic calendar ("61 AH", "10 Muharram 61 AH"), approximate.

"sometime between X and Y" is a date known only to lie in that window (UCDP's date windows):
drawn as the window, like a month-precise date, never as an event that lasted.

A day before 15 October 1582 written with a month's name ("9 August 622", "14 October 1066") is
Julian, as historians write it, and is converted to the store's proleptic Gregorian; "(Julian)"
or "O.S." marks a later Julian day (Britain until 1752), "(Gregorian)" or "N.S." an earlier
Gregorian one; ISO ("0622-08-09") is proleptic Gregorian by definition.

Dates before the common era ("300 BCE", "15 March 44 BC") are :mod:`timeline.dates.ancient`'s.

Refused, each with what to write instead: a part of a date written as "?"; "the 2000s" (the decade or the 21st century?);
"winter 1930" (which winter?).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Callable

from timeline.dates.ancient import read_before_common_era
from timeline.dates.islamic import AH_DATE, read_ah
from timeline.dates.spans import read_era_range
from timeline.dates.julian import julian_month_days, julian_to_gregorian
from timeline.dates.periods import MONTHS, THIRDS, month_number, period_of, thirds_of
from timeline.errors import DateError
from timeline.model import DateValue, Precision

_ERA_AFTER = re.compile(r"(.+?)\s*\b(?:AD|A\.D\.|CE|C\.E\.)", re.I)
_ERA_BEFORE = re.compile(r"(?:AD|A\.D\.)\s*(.+)", re.I)
_SOMETIME = re.compile(r"some\s*time\s+(between\s+.+)", re.I)
_CENTURY = re.compile(r"(?:the\s+)?(\d{1,3})(?:st|nd|rd|th)\s+century", re.I)
_DECADE_SPAN = re.compile(r"(?:(early|mid|middle|late)[\s-]+)?(?:the\s+)?decade\s+(\d{1,4})\s*[–-]\s*(\d{1,4})", re.I)
_QUALIFIED_DECADE = re.compile(r"(?:(early|mid|middle|late)[\s-]+)?(?:the\s+)?(\d{1,3})0'?s", re.I)
_HUNDREDS = re.compile(r"(?:the\s+)?(\d{1,2})00'?s", re.I)
_DECADE = re.compile(r"(?:the\s+)?(\d{1,3})0'?s", re.I)
_SHORT_DECADE = re.compile(r"(?:the\s+)?'?(\d)0'?s", re.I)
_SEASON = re.compile(r"(spring|summer|autumn|fall|winter)(?:\s+of)?\s+(\d{3,4})(?:\s*[/–-]\s*(\d{2,4}))?", re.I)
_SEASON_MONTHS = {"spring": (3, 6), "summer": (6, 9), "autumn": (9, 12), "fall": (9, 12)}
_BARE_YEAR = re.compile(r"\d{3}")
_ERA_YEAR = re.compile(r"\d{1,4}")
_MONTH_ANY_YEAR = re.compile(r"([A-Za-z]+)\.?,?\s+(\d{1,4})")
_MONTH_YEAR = re.compile(r"([A-Za-z]+)\.?,?\s+(\d{3})")  # "May 13" is a day, not a year
_DAY_MONTH_YEAR = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?|([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?)"
                             r"\s+(\d{3,4})", re.I)  # '13 Sep 20' is 2020 abbreviated, refused elsewhere
_CALENDAR_MARK = re.compile(r"(.+?)\s*(?:\((Julian|Gregorian)\)|\b(O\.S\.|N\.S\.))", re.I)

Reader = Callable[[str], DateValue]


def read_historical(text: str, read: Reader) -> DateValue | None:
    """Return the value of ``text`` if it is one of this module's forms, else ``None``.

    ``read`` reads the rest of a form ("AD 622" reads "622" with it), so qualifiers and calendars
    apply inside these forms as everywhere else.

    Raises:
        DateError: the text is one of the refused forms; the message says what to write.
    """
    if "?" in text:
        body = text.rstrip()
        if body.endswith("?") and "?" not in body[:-1] and body[:-1].strip():
            return replace(read(body[:-1].strip()), approximate=True)
        raise DateError(f"{text!r} writes part of the date as '?'; a date is never guessed: write only "
                        "what is known, e.g. '1930' when the month is unknown, or 'c. 1930'")
    if match := _SOMETIME.fullmatch(text):
        # "sometime between 20 and 26 September 2020": one day in that window, not a span
        return replace(read(match[1]), is_range=False)
    if (value := read_era_range(text, read)) is not None:
        return value
    if (value := read_before_common_era(text, read)) is not None:
        return value
    if match := AH_DATE.fullmatch(text):
        return read_ah(match, text)
    if match := (_ERA_BEFORE.fullmatch(text) or _ERA_AFTER.fullmatch(text)):
        rest = match[1].strip()
        if third := re.fullmatch(r"(early|mid|middle|late)[\s-]+(.+)", rest, re.I):
            return read(f"{third[1]} AD {third[2]}")  # "late June 33 CE": the third of "AD June 33"
        if _ERA_YEAR.fullmatch(rest):
            return _year(int(rest), text)
        if decade := _QUALIFIED_DECADE.fullmatch(rest):
            start, end = period_of(date(max(int(decade[2]) * 10, 1), 1, 1), Precision.DECADE)
            if decade[1] is None:
                return DateValue(start, end, Precision.DECADE)
            index = THIRDS.index(decade[1].lower().replace("middle", "mid"))
            return DateValue(*thirds_of(start, end, Precision.DECADE)[index], Precision.DECADE, approximate=True)
        if (month_year := _MONTH_ANY_YEAR.fullmatch(rest)) and (month := month_number(month_year[1])):
            return DateValue(*period_of(date(int(month_year[2]), month, 1), Precision.MONTH), Precision.MONTH)
        return read(rest)
    if match := _DECADE_SPAN.fullmatch(text):
        return _decade_span(match[1], int(match[2]), int(match[3]), text)
    if match := _CENTURY.fullmatch(text):
        return _century(int(match[1]), text)
    if match := _HUNDREDS.fullmatch(text):
        if match[1] == "20":
            raise DateError(f"{text!r} can mean the decade 2000-2009 or the 21st century; write "
                            "'2000–2009' or '21st century'")
        return _century(int(match[1]) + 1, text)
    if _SHORT_DECADE.fullmatch(text):
        raise DateError(f"{text!r} does not say which century; write e.g. '1990s' or '2010s'")
    if match := _DECADE.fullmatch(text):
        first = date(max(int(match[1]) * 10, 1), 1, 1)
        return DateValue(*period_of(first, Precision.DECADE), Precision.DECADE)
    if match := _SEASON.fullmatch(text):
        return _season(match[1].lower(), int(match[2]), match[3], text)
    if _BARE_YEAR.fullmatch(text):
        return _year(int(text), text)
    marked = _CALENDAR_MARK.fullmatch(text)
    body = marked[1] if marked else text
    if match := _DAY_MONTH_YEAR.fullmatch(body):
        day, name = (match[1], match[2]) if match[1] else (match[4], match[3])
        month, year = month_number(name), int(match[5])
        mark = (marked[2] or marked[3] or "").lower() if marked else ""
        julian = mark in ("julian", "o.s.") or (not mark and (year, month, int(day)) < (1582, 10, 15))
        if month and julian:
            return _julian_day(year, month, int(day), text)
        if month and mark in ("gregorian", "n.s."):
            return _gregorian_day(year, month, int(day), text)
    if (match := _MONTH_YEAR.fullmatch(text)) and (month := month_number(match[1])):
        return DateValue(*period_of(date(int(match[2]), month, 1), Precision.MONTH), Precision.MONTH)
    return None


def _julian_day(year: int, month: int, day: int, text: str) -> DateValue:
    """A day written with a month's name before 15 October 1582 (or marked Julian / O.S.): the
    Julian calendar, as historians write it, converted to the store's proleptic Gregorian."""
    try:
        value = julian_to_gregorian(year, month, day)
    except ValueError:
        raise DateError(f"{text!r} is not a day of the Julian calendar ({MONTHS[month - 1]} {year} has "
                        f"{julian_month_days(year, month)} days there); days before 15 October 1582 are "
                        "read as Julian: write '(Gregorian)' after a proleptic Gregorian day") from None
    return DateValue(value, value, Precision.DAY)


def _gregorian_day(year: int, month: int, day: int, text: str) -> DateValue:
    try:
        value = date(year, month, day)
    except ValueError:
        raise DateError(f"{text!r} is not a real day; write a day the month has") from None
    return DateValue(value, value, Precision.DAY)


def _decade_span(third: str | None, first: int, last: int, text: str) -> DateValue:
    """Read "decade 1700–1709": how a decade that starts a century is written, "the 1700s"
    being the century."""
    start, end = period_of(date(max(first, 1), 1, 1), Precision.DECADE)
    if first % 10 not in (0, 1) or (start.year, end.year) != (max(first, 1), last):
        raise DateError(f"{text!r} is not one decade; write e.g. 'decade 1700–1709'")
    if third is None:
        return DateValue(start, end, Precision.DECADE)
    index = THIRDS.index(third.lower().replace("middle", "mid"))
    return DateValue(*thirds_of(start, end, Precision.DECADE)[index], Precision.DECADE, approximate=True)


def _year(year: int, text: str) -> DateValue:
    if not 1 <= year <= 9999:
        raise DateError(f"{text!r} has year {year}; write a year from 1 to 9999")
    return DateValue(*period_of(date(year, 1, 1), Precision.YEAR), Precision.YEAR)


def _century(number: int, text: str) -> DateValue:
    if not 1 <= number <= 100:
        raise DateError(f"{text!r}: write a century from the 1st to the 100th")
    first = date(max((number - 1) * 100, 1), 1, 1)
    return DateValue(*period_of(first, Precision.CENTURY), Precision.CENTURY)


def _season(name: str, year: int, second: str | None, text: str) -> DateValue:
    """Seasons of the northern hemisphere, month-aligned to cover both the meteorological and
    the astronomical season (spring: 1 March - 20 June, so March-June)."""
    if name == "winter":
        following = _following_year(year, second)
        if following is None:
            raise DateError(f"{text!r} does not say which winter; write 'winter {year}–{(year + 1) % 100:02d}' "
                            f"or 'winter {year - 1}–{year % 100:02d}'")
        start, end = date(year, 12, 1), date(following, 3, 31)
    else:
        if second is not None:
            raise DateError(f"{text!r}: only a winter spans two years; write e.g. '{name} {year}'")
        first, last = _SEASON_MONTHS[name]
        start, end = date(year, first, 1), period_of(date(year, last, 1), Precision.MONTH)[1]
    return DateValue(start, end, Precision.MONTH, approximate=True, is_range=True)


def _following_year(year: int, second: str | None) -> int | None:
    if second is None:
        return None
    value = int(second) if len(second) == 4 else year // 100 * 100 + int(second)
    return value if value == year + 1 else None
