"""Dates written in the Hijri (Umm al-Qura) and Jalali (Persian solar) calendars, and digits.

dateparser's ``HijriCalendar`` and ``JalaliCalendar`` read the text, but they run with
dateparser's *global* default settings, so a missing day or year is filled from today. Only
what the text itself says is kept here: a missing year is an error, a missing day makes the
whole month (converted day by day, since a Hijri month is 29 or 30 Gregorian days), and a day
the calendar does not have (31 Esfand 1400) is refused instead of rolling into the next month.
``JalaliCalendar`` manages ~30 reads a second, so callers cache (``timeline.dates`` does).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any, Protocol


from timeline.errors import DateError
from timeline.model import Calendar, Precision

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# Matched after folding alef/yeh/teh-marbuta variants, as dateparser's own Hijri parser does.
_FOLD = str.maketrans("أإآىیة", "اااييه", "\u0640")
_HIJRI_MONTH = re.compile(
    r"(?<!\w)(?:ال)?(?:محرم|صفر|ربيع|جمادي|رجب|شعبان|رمضان|شوال"
    r"|ذ[وي] ?القعده|ذ[وي] ?الحجه)(?!\w)"
)
_JALALI_MONTH = re.compile(
    r"(?<!\w)(?:فروردین|اردیبهشت|خرداد|تیر|امرداد|مرداد|شهریور|شهريور"
    r"|مهر|آبان|آذر|دی|بهمن|اسفند)(?!\w)"
)

HIJRI_MONTHS = (
    "Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Ula", "Jumada al-Akhirah",
    "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Qadah", "Dhu al-Hijjah",
)  # fmt: skip
JALALI_MONTHS = (
    "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
)  # fmt: skip
_EXAMPLE = MappingProxyType({Calendar.HIJRI: "'25 محرم 1442'", Calendar.JALALI: "'۲۳ شهریور ۱۳۹۹'"})


class _Converter(Protocol):
    def to_gregorian(self, year: int, month: int, day: int) -> tuple[int, int, int]: ...
    def from_gregorian(self, year: int, month: int, day: int) -> tuple[int, int, int]: ...
    def month_length(self, year: int, month: int) -> int: ...


def _calendar_class(calendar: Calendar) -> Any:
    """Return dateparser's reader for ``calendar``, imported on first use: a store of plain
    Gregorian dates never pays for dateparser's import (~0.2 s)."""
    if calendar is Calendar.HIJRI:
        from dateparser.calendars.hijri import HijriCalendar
        return HijriCalendar
    from dateparser.calendars.jalali import JalaliCalendar
    return JalaliCalendar


def calendar_converter(calendar: Calendar) -> _Converter:
    kind = _calendar_class(calendar)
    return kind.parser.calendar_converter  # type: ignore[union-attr, no-any-return]


def to_ascii_digits(text: str) -> str:
    """Replace Arabic-Indic and Persian digits with ASCII ones."""
    return text.translate(_DIGITS)


def detect_calendar(text: str) -> Calendar:
    """Return the calendar the month name in ``text`` belongs to; Gregorian unless it is clear."""
    if _HIJRI_MONTH.search(text.translate(_FOLD)):
        return Calendar.HIJRI
    if _JALALI_MONTH.search(text):
        return Calendar.JALALI
    return Calendar.GREGORIAN


def native_span(calendar: Calendar, year: int, month: int, day: int | None) -> tuple[date, date]:
    """Return the Gregorian days of a Hijri or Jalali day, or of the whole month if no day."""
    names = HIJRI_MONTHS if calendar is Calendar.HIJRI else JALALI_MONTHS
    convert = calendar_converter(calendar)
    if not 1 <= month <= 12:
        raise DateError(f"month {month} does not exist; {calendar} months run from 1 to 12")
    try:
        length = convert.month_length(year, month)
        first = date(*convert.to_gregorian(year, month, 1))
    except (OverflowError, ValueError) as err:
        raise DateError(
            f"{calendar} year {year} is outside the supported range (Hijri 1343–1500); "
            "write the Gregorian date instead, e.g. '13 September 2020'"
        ) from err
    if day is None:
        return first, first + timedelta(days=length - 1)
    if not 1 <= day <= length:
        raise DateError(
            f"day {day} of {names[month - 1]} {year} is not a real day ({names[month - 1]} "
            f"{year} has {length} days); write a day from 1 to {length}"
        )
    return first + timedelta(days=day - 1), first + timedelta(days=day - 1)


def read_native(text: str, calendar: Calendar) -> tuple[date, date, Precision]:
    """Read a Hijri or Jalali date written with a month name; return Gregorian start, end, precision.

    Raises:
        DateError: the text is unreadable, has no year, or names a day the month does not have.
    """
    reader = _calendar_class(calendar)
    try:
        data = reader(text).get_date()
    except OverflowError as err:  # hijridate refuses years outside its Umm al-Qura table
        raise DateError(
            f"{text!r} is outside the Hijri years this program can convert (1343–1500); "
            "write the Gregorian date instead, e.g. '13 September 2020'"
        ) from err
    if data is None or data.date_obj is None:
        raise _unreadable(text, calendar)
    parts = set(getattr(data, "parts", ()) or ())
    if not {"year", "month"} <= parts:
        raise DateError(
            f"{text!r} has no year; write the {calendar} year too, e.g. {_EXAMPLE[calendar]}"
        )
    if "day" not in parts:
        # Without a day dateparser fills in today's, sometimes landing in the next month;
        # reading day 1 of the month written gives the month itself.
        first = reader(f"1 {text}").get_date()
        if first is None or first.date_obj is None:
            raise _unreadable(text, calendar)
        year, month, _ = calendar_converter(calendar).from_gregorian(*first.date_obj.timetuple()[:3])
        _check_year(text, year, calendar)
        start, end = native_span(calendar, year, month, None)
        return start, end, Precision.MONTH
    year, month, native_day = calendar_converter(calendar).from_gregorian(*data.date_obj.timetuple()[:3])
    written = re.search(r"(?<!\d)\d{1,2}(?!\d)", text)
    if written and int(written.group()) != native_day:
        # dateparser rolls an impossible day (31 Esfand 1400) into the next month silently.
        native_span(calendar, *_previous_month(year, month), int(written.group()))
        raise _unreadable(text, calendar)
    _check_year(text, year, calendar)
    return data.date_obj.date(), data.date_obj.date(), Precision.DAY


def _check_year(text: str, year: int, calendar: Calendar) -> None:
    """Refuse a year read as another than the one written: dateparser makes '61' the year 1461."""
    numbers = re.findall(r"\d+", to_ascii_digits(text))
    written = int(numbers[-1]) if numbers else None
    if written is not None and written != year:
        early = " (for early Islamic history write e.g. '10 Muharram 61 AH')" if calendar is Calendar.HIJRI else ""
        raise DateError(f"{text!r}: the year {written} would be read as {year}; write the {calendar} year in full, "
                        f"e.g. {_EXAMPLE[calendar]}{early}")


def _unreadable(text: str, calendar: Calendar) -> DateError:
    return DateError(f"cannot read {text!r} as a {calendar} date; write e.g. {_EXAMPLE[calendar]}")


def _previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)
