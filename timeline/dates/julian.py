"""The Julian calendar, in which days before 15 October 1582 are written by convention.

Historians write a day before the Gregorian reform in the Julian calendar ("14 October 1066" is
the battle of Hastings' own date); the store keeps every day in the proleptic Gregorian calendar
(ISO 8601's), so such a day is converted on reading and written back in Julian, marked so.
Conversion goes through the Julian Day Number (Meeus, *Astronomical Algorithms*, ch. 7).
"""

from __future__ import annotations

from datetime import date

from timeline.dates.days import day_from_ordinal

GREGORIAN_FROM = date(1582, 10, 15)
"""The first day of the Gregorian calendar; the day before it was 4 October 1582 (Julian)."""
_ORDINAL_TO_JDN = 1_721_425  # date(1, 1, 1).toordinal() == 1 is Julian Day Number 1,721,426


def julian_month_days(year: int, month: int) -> int:
    """Return the days of a Julian month (every fourth year is a leap year, with no exception)."""
    if month == 2:
        return 29 if year % 4 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


def julian_to_gregorian(year: int, month: int, day: int) -> date:  # or a Day, before 1 CE
    """Return the proleptic Gregorian day of a Julian date.

    Raises:
        ValueError: no such Julian day.
    """
    if not 1 <= month <= 12 or not 1 <= day <= julian_month_days(year, month):
        raise ValueError(f"no day {day} in month {month} of the Julian year {year}")
    shift = (14 - month) // 12
    y, m = year + 4800 - shift, month + 12 * shift - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return day_from_ordinal(jdn - _ORDINAL_TO_JDN)


def gregorian_to_julian(day: date) -> tuple[int, int, int]:
    """Return (year, month, day) of a proleptic Gregorian day in the Julian calendar."""
    c = day.toordinal() + _ORDINAL_TO_JDN + 32082
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    return d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1
