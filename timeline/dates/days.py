"""Days before the common era, which Python's ``datetime.date`` cannot hold (it starts at 1 CE).

Holds: ``Day``, a day of the proleptic Gregorian calendar with astronomical year numbering
(ISO 8601's: year 0 is 1 BCE, year -299 is 300 BCE), and the constructors that return a plain
``date`` from 1 CE on and a ``Day`` before it, so the common era keeps the standard type.
May import: the standard library only.

A ``Day`` behaves as a ``date`` where the timeline uses one: it compares and sorts with dates
both ways, adds and subtracts ``timedelta``s, subtracts dates, and has ``year``, ``month``,
``day``, ``weekday()``, ``toordinal()`` (0 and below: the ordinal count continued backwards)
and ``isoformat()`` (ISO 8601 expanded years: '-0299-03-15'). Every value is a whole day.
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, timedelta

_CYCLE_DAYS = 146_097
"""Days in 400 Gregorian years: the calendar repeats, so a BCE day is read by shifting it into
the common era by whole cycles."""
EPOCH_ORDINAL = 719_163
"""``date(1970, 1, 1).toordinal()``: where epoch milliseconds and numpy's datetime64 days start."""
FIRST_YEAR = -9998
"""10,000 BCE is not kept: 9999 BCE is the first year (as 9999 CE is the last)."""
_ISO = re.compile(r"(-?)(\d{4,5})-(\d\d)-(\d\d)")


@functools.total_ordering
class Day:
    """A day before 1 January 1 CE (proleptic Gregorian, astronomical years). See the module."""

    __slots__ = ("_ordinal",)

    def __init__(self, ordinal: int) -> None:
        if ordinal >= 1:
            raise ValueError(f"day {ordinal} is in the common era; use datetime.date")
        object.__setattr__(self, "_ordinal", ordinal)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Day is immutable")

    def __reduce__(self) -> tuple:
        return Day, (self._ordinal,)

    @property
    def _fields(self) -> tuple[int, int, int]:
        cycles = (1 - self._ordinal) // _CYCLE_DAYS + 1
        shifted = date.fromordinal(self._ordinal + cycles * _CYCLE_DAYS)
        return shifted.year - 400 * cycles, shifted.month, shifted.day

    @property
    def year(self) -> int:
        return self._fields[0]

    @property
    def month(self) -> int:
        return self._fields[1]

    @property
    def day(self) -> int:
        return self._fields[2]

    def toordinal(self) -> int:
        return self._ordinal

    def weekday(self) -> int:
        return (self._ordinal + 6) % 7

    def isoformat(self) -> str:
        year, month, day = self._fields
        sign = "-" if year < 0 else ""
        return f"{sign}{abs(year):04d}-{month:02d}-{day:02d}"

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"Day({self.isoformat()!r})"

    def __format__(self, spec: str) -> str:
        return self.isoformat() if not spec else format(self.isoformat(), spec)

    def replace(self, year: int | None = None, month: int | None = None, day: int | None = None) -> date | Day:
        fields = self._fields
        return make_day(fields[0] if year is None else year, fields[1] if month is None else month,
                        fields[2] if day is None else day)

    def __add__(self, other: object) -> date | Day:
        if isinstance(other, timedelta):
            return day_from_ordinal(self._ordinal + other.days)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other: object) -> date | Day | timedelta:
        if isinstance(other, timedelta):
            return day_from_ordinal(self._ordinal - other.days)
        if isinstance(other, (date, Day)):
            return timedelta(days=self._ordinal - other.toordinal())
        return NotImplemented

    def __rsub__(self, other: object) -> timedelta:
        if isinstance(other, date):
            return timedelta(days=other.toordinal() - self._ordinal)
        return NotImplemented

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Day):
            return self._ordinal == other._ordinal
        if isinstance(other, date):
            return False  # a date is in the common era, a Day before it
        return NotImplemented

    def __lt__(self, other: object) -> bool:
        if isinstance(other, (Day, date)):
            return self._ordinal < other.toordinal()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(("Day", self._ordinal))


AnyDay = date | Day
"""A day of any era: a ``date`` from 1 CE on, a ``Day`` before it."""


def make_day(year: int, month: int, day: int) -> date | Day:
    """Return the day (astronomical ``year``): a ``date`` from 1 CE on, else a ``Day``.

    Raises:
        ValueError: no such day, or a year outside 9999 BCE to 9999 CE.
    """
    if year >= 1:
        return date(year, month, day)
    if not FIRST_YEAR <= year:
        raise ValueError(f"year {year} is before 9999 BCE")
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"no day {day} in month {month} of year {year}")
    cycles = (1 - year) // 400 + 1
    return Day(date(year + 400 * cycles, month, day).toordinal() - cycles * _CYCLE_DAYS)


def day_from_ordinal(ordinal: int) -> date | Day:
    """Return the day with proleptic Gregorian ``ordinal`` (1 is 1 January 1 CE; 0 the day before)."""
    return date.fromordinal(ordinal) if ordinal >= 1 else Day(ordinal)


def parse_iso_day(text: str) -> date | Day:
    """Read an ISO 8601 day, with an expanded year before the common era ('-0299-03-15').

    Raises:
        ValueError: not such a day.
    """
    match = _ISO.fullmatch(text.strip())
    if not match:
        return date.fromisoformat(text.strip())
    year = int(match[2]) * (-1 if match[1] else 1)
    return make_day(year, int(match[3]), int(match[4]))


def is_before_common_era(day: date | Day) -> bool:
    return isinstance(day, Day)


def era_year(year: int) -> str:
    """Write an astronomical year as people do: 0 is '1 BCE', -299 '300 BCE', 33 '33 CE'."""
    if year <= 0:
        return f"{1 - year} BCE"
    return f"{year} CE" if year < 1000 else str(year)
