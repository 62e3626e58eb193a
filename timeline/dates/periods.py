"""Calendar periods (weeks, months, quarters, years, decades, centuries and their thirds) and writing a date
value back as a person would ("late September 2020", "26–27 September 2020", "Q3 2020")."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

from timeline.dates.days import FIRST_YEAR, era_year, make_day
from timeline.dates.islamic import describe_ah
from timeline.dates.julian import GREGORIAN_FROM, gregorian_to_julian
from timeline.model import DateValue, Precision

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
THIRDS = ("early", "mid", "late")
THIRDS_OF = (Precision.MONTH, Precision.YEAR, Precision.DECADE, Precision.CENTURY)


def thirds_of(start: date, end: date, precision: Precision) -> list[tuple[date, date]]:
    """Return the (early, mid, late) spans of one month, year or decade.

    A month's thirds count days from its first, so a Hijri or Jalali month splits the same way.
    """
    if precision is Precision.MONTH:
        cuts = [start + timedelta(days=n) for n in (10, 20)]
        return [(start, cuts[0] - timedelta(days=1)), (cuts[0], cuts[1] - timedelta(days=1)), (cuts[1], end)]
    if precision is Precision.YEAR:
        return [(make_day(start.year, a, 1), make_day(start.year, b, monthrange(start.year, b)[1]))
                for a, b in ((1, 4), (5, 8), (9, 12))]  # fmt: skip
    spans = ((0, 32), (33, 66), (67, 99)) if precision is Precision.CENTURY else ((0, 3), (4, 6), (7, 9))
    size = 100 if precision is Precision.CENTURY else 10
    # Before the common era a century or decade counts from its first year in time (the 3rd
    # century BCE is 300-201 BCE: early is 300-268 BCE); after it, from its round year.
    first = start.year if start.year <= 0 else start.year // size * size
    return [(make_day(max(first + a, start.year), 1, 1), make_day(min(first + b, end.year), 12, 31))
            for a, b in spans]


def period_of(day: date, precision: Precision) -> tuple[date, date]:
    """Return the first and last day of the week, month, quarter, year or decade holding ``day``."""
    if precision is Precision.WEEK:
        try:
            monday = day - timedelta(days=day.weekday())
            sunday = monday + timedelta(days=6)
        except OverflowError:
            raise ValueError("the week runs past 9999 CE, the last year kept") from None
        if monday.year < FIRST_YEAR:
            raise ValueError("the week starts before 9999 BCE, the first year kept")
        return monday, sunday
    if precision is Precision.DAY:
        return day, day
    size = {Precision.MONTH: 1, Precision.QUARTER: 3}.get(precision)
    if size:
        first, last = (day.month - 1) // size * size + 1, (day.month - 1) // size * size + size
        return make_day(day.year, first, 1), make_day(day.year, last, monthrange(day.year, last)[1])
    if precision is Precision.YEAR:
        return make_day(day.year, 1, 1), make_day(day.year, 12, 31)
    size = 100 if precision is Precision.CENTURY else 10
    if day.year <= 0:
        # BCE centuries and decades run down to their round year: the 3rd century BCE is
        # 300-201 BCE, the 40s BCE 49-40 BCE, the first ones end at 1 BCE.
        bce = 1 - day.year
        round_year = (bce - 1) // size * size if size == 100 else bce // size * size
        first_bce, last_bce = (round_year + 100, round_year + 1) if size == 100 else (round_year + 9, max(round_year, 1))
        return make_day(max(1 - first_bce, -9998), 1, 1), make_day(1 - last_bce, 12, 31)
    first_year = max(day.year // size * size, 1)
    return make_day(first_year, 1, 1), make_day(min(day.year // size * size + size - 1, 9999), 12, 31)


def describe_date(value: DateValue) -> str:
    """Write a value as a person would, so that reading the text back gives the same value."""
    if value.approximate:
        third = _describe_third(value) or describe_ah(value)
        return third if third else f"c. {_describe_exact(value)}"
    return _describe_exact(value)


def _describe_exact(value: DateValue) -> str:
    start, end, precision = value.start, value.end, value.precision
    if (start, end) == period_of(start, precision):
        return _describe_unit(start, precision)
    aligned = (period_of(start, precision)[0], period_of(end, precision)[1]) == (start, end)
    if value.is_range and not aligned and precision is not Precision.DAY:
        # "13 September 2020 – 2021": each end as the unit it is whole in, so the range reads
        # back with the coarser one as its precision.
        first, last = whole_unit(start, precision, 0), whole_unit(end, precision, 1)
        if precision in (first, last):
            return f"{_describe_unit(start, first)} – {_describe_unit(end, last)}"
    if not value.is_range and not value.approximate and start < end and (precision is Precision.DAY or aligned):
        # A window the date lies in, not a span ("c. 21–28 September 2020" stays as it reads).
        if precision is Precision.DAY:
            return "sometime between " + _describe_days(start, end).replace("–", " and ", 1).replace("  ", " ")
        return f"sometime between {_describe_unit(start, precision)} and {_describe_unit(end, precision)}"
    if precision is Precision.DAY or not aligned:
        return _describe_days(start, end)
    if precision is Precision.MONTH and start.year == end.year:
        return f"{MONTHS[start.month - 1]} – {_describe_unit(end, precision)}"
    return f"{_describe_unit(start, precision)} – {_describe_unit(end, precision)}"


def whole_unit(day: date, precision: Precision, side: int) -> Precision:
    """Return the coarsest unit up to ``precision`` that ``day`` starts (side 0) or ends (side 1)."""
    found = Precision.DAY
    for unit in Precision:
        if unit is Precision.WEEK and precision is not Precision.WEEK:
            continue
        if period_of(day, unit)[side] == day:
            found = unit
        if unit is precision:
            break
    return found


def _describe_third(value: DateValue) -> str | None:
    """Return "late September 2020" when an approximate value is exactly such a third."""
    if value.is_range or value.precision not in THIRDS_OF:
        return None
    first, last = period_of(value.start, value.precision)
    spans = thirds_of(first, last, value.precision)
    for low, high in ((0, 0), (1, 1), (2, 2), (0, 1), (1, 2)):
        if (spans[low][0], spans[high][1]) == (value.start, value.end):
            words = THIRDS[low] if low == high else f"{THIRDS[low]}-to-{THIRDS[high]}"
            return f"{words}{'-' if words == 'mid' else ' '}{_describe_unit(first, value.precision)}"
    return None


def _describe_unit(day: date, precision: Precision, *, century_ce: bool = False) -> str:
    """Write the week, month, quarter, year or decade holding ``day`` ("Q3 2020", "1990s");
    ``century_ce``: a unit of the 1st century CE, written without its era (the caller adds it)."""
    if day.year <= 0:
        return _describe_bce_unit(day, precision)
    if precision is Precision.DECADE and day.year // 10 * 10 % 100 == 0 and not century_ce:
        first, last = period_of(day, Precision.DECADE)
        return f"decade {first.year}–{last.year}"  # "the 1700s" is the century
    if day.year < 100 and not century_ce and precision not in (Precision.CENTURY, Precision.DAY, Precision.WEEK):
        # "33" or "August 33" alone would not read back as years; "33 CE" does.
        return f"{_describe_unit(day, precision, century_ce=True)} CE"
    if precision is Precision.DAY:
        if day < GREGORIAN_FROM:  # written as historians write it, in Julian, and marked so
            year, month, julian_day = gregorian_to_julian(day)
            return f"{julian_day} {MONTHS[month - 1]} {year} (Julian)" if year >= 100 else day.isoformat()
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if precision is Precision.WEEK:
        return f"week of {_describe_unit(period_of(day, Precision.WEEK)[0], Precision.DAY)}"
    if precision is Precision.MONTH:
        return f"{MONTHS[day.month - 1]} {day.year}"
    if precision is Precision.QUARTER:
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    if precision is Precision.CENTURY:
        return f"{ordinal(day.year // 100 + 1)} century"
    return f"{day.year}" if precision is Precision.YEAR else f"{day.year // 10 * 10}s"


def _describe_bce_unit(day: date, precision: Precision) -> str:
    """Write a unit before the common era as :mod:`timeline.dates.ancient` reads it."""
    bce = 1 - day.year
    if precision is Precision.DAY:
        year, month, julian_day = gregorian_to_julian(day)
        # 30-31 December 1 BCE (Gregorian) are 1-2 January 1 CE (Julian): written in ISO.
        # Before 4713 BCE no Julian day is counted (the reader refuses it): ISO 8601 there.
        julian = -4712 <= year <= 0
        return f"{julian_day} {MONTHS[month - 1]} {era_year(year)} (Julian)" if julian else day.isoformat()
    if precision is Precision.WEEK:
        return f"week of {_describe_unit(period_of(day, Precision.WEEK)[0], Precision.DAY)}"
    if precision is Precision.MONTH:
        return f"{MONTHS[day.month - 1]} {bce} BCE"
    if precision is Precision.QUARTER:
        return f"Q{(day.month - 1) // 3 + 1} {bce} BCE"
    if precision is Precision.YEAR:
        return f"{bce} BCE"
    if precision is Precision.CENTURY:
        return f"{ordinal((bce - 1) // 100 + 1)} century BCE"
    first, last = period_of(day, Precision.DECADE)
    if (1 - last.year) % 100 == 0 or last.year == 0:  # "the 300s BCE" could be a century
        return f"decade {1 - first.year}–{1 - last.year} BCE"
    return f"{1 - last.year}s BCE"


def month_number(name: str) -> int | None:
    """Return 1-12 for a month's English name or its abbreviation ("Sept.", "Mar"), else None."""
    lowered = name.lower().rstrip(".")
    for number, month in enumerate(MONTHS, 1):
        full = month.lower()
        if lowered == full or (len(lowered) >= 3 and full.startswith(lowered.replace("sept", "sep"))):
            return number
    return None


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _describe_days(start: date, end: date) -> str:
    if start == end or start < GREGORIAN_FROM:
        if start == end:
            return _describe_unit(start, Precision.DAY)
        return f"{_describe_unit(start, Precision.DAY)} – {_describe_unit(end, Precision.DAY)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {_describe_unit(end, Precision.DAY)}"
    return f"{_describe_unit(start, Precision.DAY)} – {_describe_unit(end, Precision.DAY)}"
