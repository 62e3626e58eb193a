"""Years, months and days "AH" (anno Hegirae) in the tabular Islamic calendar.

Early Islamic history is dated AH ("61 AH", "10 Muharram 61 AH"), centuries before the
Umm al-Qura tables :mod:`timeline.dates.calendars` reads (1343-1500 AH) begin. The tabular
calendar (civil epoch: 1 Muharram 1 AH = 16 July 622, Julian) computes every month; it can
differ from the months as they were sighted by a day or two, so what it gives is approximate.
"""

from __future__ import annotations

import re
from datetime import date

from timeline.dates.calendars import HIJRI_MONTHS
from timeline.errors import DateError
from timeline.model import DateValue, Precision

ORDINAL_TO_JDN = 1_721_425
EPOCH_JDN = 1_948_440  # 1 Muharram 1 AH
_NAMES = {re.sub(r"[^a-z]", "", name.lower()): number for number, name in enumerate(HIJRI_MONTHS, 1)}
AH_DATE = re.compile(r"(?:(\d{1,2})\s+)?(?:([A-Za-z][A-Za-z' -]*?)\s+)?(\d{1,4})\s*(?:AH|A\.H\.)"
                     r"|(?:AH|A\.H\.)\s*(\d{1,4})", re.I)


def read_ah(match: re.Match[str], text: str) -> DateValue:
    """Return the days of an AH year, month ("Muharram 61 AH") or day ("10 Muharram 61 AH")."""
    year = int(match[3] or match[4])
    month = _month(match[2], text) if match[2] else None
    day = int(match[1]) if match[1] else None
    if year < 1:
        raise DateError(f"{text!r}: AH years start at 1")
    if day is not None and month is None:
        raise DateError(f"{text!r}: write the month's name with the day, e.g. '10 Muharram 61 AH'")
    if month is None:
        start, end = tabular_day(year, 1, 1), tabular_day(year + 1, 1, 1) - 1
        precision = Precision.YEAR
    elif day is None:
        start = tabular_day(year, month, 1)
        end = (tabular_day(year, month + 1, 1) if month < 12 else tabular_day(year + 1, 1, 1)) - 1
        precision = Precision.MONTH
    else:
        length = (29 if month % 2 == 0 else 30) + (1 if month == 12 and _leap(year) else 0)
        if not 1 <= day <= length:
            raise DateError(f"{text!r}: {HIJRI_MONTHS[month - 1]} {year} AH has {length} days")
        start = end = tabular_day(year, month, day)
        precision = Precision.DAY
    return DateValue(date.fromordinal(start - ORDINAL_TO_JDN), date.fromordinal(end - ORDINAL_TO_JDN),
                     precision, approximate=True)


def describe_ah(value: DateValue) -> str | None:
    """Write "61 AH" or "Muharram 61 AH" when an approximate value is exactly that AH year or
    month (as ``read_ah`` gives it), so that it reads back as itself; else ``None``."""
    if not value.approximate or value.is_range or value.precision not in (Precision.YEAR, Precision.MONTH):
        return None
    first, last = value.start.toordinal() + ORDINAL_TO_JDN, value.end.toordinal() + ORDINAL_TO_JDN
    year = (30 * (first - EPOCH_JDN) + 10646) // 10631
    if year < 1:
        return None
    if value.precision is Precision.YEAR:
        return f"{year} AH" if (first, last) == (tabular_day(year, 1, 1), tabular_day(year + 1, 1, 1) - 1) else None
    for month in range(1, 13):
        following = tabular_day(year, month + 1, 1) if month < 12 else tabular_day(year + 1, 1, 1)
        if (first, last) == (tabular_day(year, month, 1), following - 1):
            return f"{HIJRI_MONTHS[month - 1]} {year} AH"
    return None


def tabular_day(year: int, month: int, day: int) -> int:
    """The Julian Day Number of a tabular Islamic date."""
    return day + (59 * (month - 1) + 1) // 2 + (year - 1) * 354 + (3 + 11 * year) // 30 + EPOCH_JDN - 1


def _leap(year: int) -> bool:
    return (14 + 11 * year) % 30 < 11


def _month(name: str, text: str) -> int:
    key = re.sub(r"[^a-z]", "", name.lower())
    if key in _NAMES:
        return _NAMES[key]
    raise DateError(f"{text!r}: unknown Hijri month {name.strip()!r}; use one of: {', '.join(HIJRI_MONTHS)}")
