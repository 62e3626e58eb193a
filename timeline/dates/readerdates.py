"""Dates in the reader's language: ``describe_date``'s forms written in Arabic and Persian, with the
same days in the Hijri or the Solar Hijri (Jalali) calendar alongside if asked.

Holds: ``describe_date_in``, ``month_name``, ``to_reader_digits`` and the month tables the chart's
tick labels use (``MONTHS_AR``, ``MONTHS_AR_LEVANT``, ``MONTHS_FA``, ``HIJRI_MONTHS_AR``,
``HIJRI_MONTHS_FA``, ``JALALI_MONTHS_AR``, ``JALALI_MONTHS_FA``).
May import: ``timeline.dates.periods``, ``.islamic``, ``.calendars``, ``.julian``, ``timeline.model``.

The text is for reading; ``describe_date`` (English) is the form that reads back. The conventions
(``docs/DATES.md``, "Dates in the reader's language"):
- Arabic keeps Western digits, as Iraqi and Gulf papers print them online and CLDR's ``ar`` does
  (its Iraqi, Levantine and Egyptian locales use ٠-٩: ``digits="arab"``); Persian has ۰-۹ throughout.
- A year, decade or century that starts before 1500 carries its era ("622 م", "۶۲۲ میلادی",
  "القرن السابع الميلادي"): a smaller number could be a Hijri year, and to a Persian reader a year
  written alone is a Solar Hijri one. Before the common era: "300 ق.م", "۳۰۰ ق.م.".
- Days before 15 October 1582 are written in the Julian calendar and marked so, as in English
  (which writes those of 1-99 CE in ISO 8601, so that they read back).
- Hijri days come from the Umm al-Qura tables (1343-1500 AH), elsewhere from the tabular calendar
  that reads "61 AH" (:mod:`.islamic`), which can differ from a sighted month by a day or two.
  Nothing is written alongside a date that starts before the calendar's year 1 (622 CE), nor a
  Solar Hijri date past 3000 CE (its years begin at the March equinox, computed only that far).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType
from typing import Callable

# Private names of the room's own converters, so that every Hijri day here is the one the reader
# of "25 محرم 1442" and "61 AH" gives: dateparser's Umm al-Qura and convertdate's Jalali
# (calendars), and the tabular calendar's day numbers (islamic).
from timeline.dates.calendars import HIJRI_MONTHS, JALALI_MONTHS
from timeline.dates.calendars import calendar_converter as _calendar_converter
from timeline.dates.islamic import EPOCH_JDN as _EPOCH_JDN, ORDINAL_TO_JDN as _ORDINAL_TO_JDN, describe_ah
from timeline.dates.islamic import tabular_day as _tabular_day_number
from timeline.dates.julian import GREGORIAN_FROM, gregorian_to_julian
from timeline.dates.periods import MONTHS, THIRDS_OF, whole_unit, describe_date, period_of, thirds_of
from timeline.model import Calendar, DateValue, Precision

LANGUAGES = ("en", "ar", "fa")
MONTH_SETS = ("standard", "levant")
"""Arabic's Gregorian month names: Egypt's and the Gulf's (يناير), or Iraq's and the Levant's (كانون الثاني)."""
CALENDARS_ALONGSIDE = ("hijri", "jalali")
DIGITS = MappingProxyType({"latn": "0123456789", "arab": "٠١٢٣٤٥٦٧٨٩", "arabext": "۰۱۲۳۴۵۶۷۸۹"})
"""Digits by CLDR's name of the numbering system: Western, Arabic-Indic, Persian (extended)."""

MONTHS_AR = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
             "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")  # fmt: skip
MONTHS_AR_LEVANT = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
                    "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول")  # fmt: skip
MONTHS_FA = ("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن",
             "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر")  # fmt: skip
"""The names standing alone, as CLDR's stand-alone forms; before a year a final silent heh takes
the ezafe ("ژانویهٔ ۲۰۲۰", CLDR's format forms and the Academy's spelling)."""
HIJRI_MONTHS_AR = ("محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
                   "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة")  # fmt: skip
HIJRI_MONTHS_FA = ("محرم", "صفر", "ربیع‌الاول", "ربیع‌الثانی", "جمادی‌الاول", "جمادی‌الثانی",
                   "رجب", "شعبان", "رمضان", "شوال", "ذی‌القعده", "ذی‌الحجه")  # fmt: skip
JALALI_MONTHS_AR = ("فروردين", "أرديبهشت", "خرداد", "تير", "مرداد", "شهريور",
                    "مهر", "آبان", "آذر", "دي", "بهمن", "إسفند")  # fmt: skip
JALALI_MONTHS_FA = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
                    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")  # fmt: skip

_ORDINALS_AR = (
    "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر",
    "الحادي عشر", "الثاني عشر", "الثالث عشر", "الرابع عشر", "الخامس عشر", "السادس عشر", "السابع عشر",
    "الثامن عشر", "التاسع عشر", "العشرون", "الحادي والعشرون",
)  # fmt: skip
_ORDINALS_FA = ("اول", "دوم", "سوم", "چهارم", "پنجم", "ششم", "هفتم", "هشتم", "نهم", "دهم", "یازدهم", "دوازدهم",
                "سیزدهم", "چهاردهم", "پانزدهم", "شانزدهم", "هفدهم", "هجدهم", "نوزدهم", "بیستم", "بیست‌ویکم")  # fmt: skip
_DECADES_AR = ("عشرينيات", "ثلاثينيات", "أربعينيات", "خمسينيات", "ستينيات", "سبعينيات", "ثمانينيات", "تسعينيات")
_ERA_FROM = 1500
"""Years from here on are written without their era: no Hijri year this large has come yet."""
_EZAFE = "\u0654"
_HIJRA = date.fromordinal(_tabular_day_number(1, 1, 1) - _ORDINAL_TO_JDN)
"""1 Muharram 1 AH (16 July 622, Julian), proleptic Gregorian."""


@dataclass(frozen=True)
class _Words:
    """The words one language writes a date with."""

    lang: str
    months: tuple[str, ...]
    ordinals: tuple[str, ...]  # masculine, 1st to 21st
    ce: str  # after a year
    ce_century: str  # after a century
    bce: str
    about: str
    thirds: tuple[str, str, str]
    thirds_span: str  # "early-to-mid": the two thirds, then the unit
    between: str
    week: str
    quarter: str
    century: str
    decade: str
    julian: str


_AR = _Words("ar", MONTHS_AR, _ORDINALS_AR, "م", "الميلادي", "ق.م", "نحو", ("أوائل", "منتصف", "أواخر"),
             "من {0} إلى {1} {2}", "في وقت ما بين {0} و{1}", "أسبوع {0}", "الربع {0} {1}", "القرن {0}",
             "العقد", "(يولياني)")  # fmt: skip
_FA = _Words("fa", MONTHS_FA, _ORDINALS_FA, "میلادی", "میلادی", "ق.م.", "حدود", ("اوایل", "اواسط", "اواخر"),
             "{0} تا {1} {2}", "زمانی بین {0} و {1}", "هفتهٔ {0}", "سه‌ماههٔ {0} {1}", "قرن {0}",
             "دههٔ", "(ژولینی)")  # fmt: skip
_ALONGSIDE = MappingProxyType({
    ("hijri", "en"): (HIJRI_MONTHS, "AH"), ("hijri", "ar"): (HIJRI_MONTHS_AR, "هـ"),
    ("hijri", "fa"): (HIJRI_MONTHS_FA, "ه\u200d.ق."),
    ("jalali", "en"): (JALALI_MONTHS, "SH"), ("jalali", "ar"): (JALALI_MONTHS_AR, "هـ.ش"),
    ("jalali", "fa"): (JALALI_MONTHS_FA, ""),  # the calendar a Persian reader's year is in
})  # fmt: skip
"""Each calendar's month names and the mark after its year, by language."""


def describe_date_in(value: DateValue, lang: str, *, months: str = "standard", alongside: str | None = None,
                     digits: str | None = None) -> str:
    """Write a date as ``describe_date`` does, in English, Arabic or Persian.

    Args:
        lang: "en" (exactly ``describe_date``), "ar" or "fa".
        months: Arabic's Gregorian month names, "standard" (سبتمبر) or "levant" (أيلول).
        alongside: "hijri" or "jalali": the same days in that calendar after the date, in
            parentheses, as finely as the date is known (a day, the months or the years it spans).
        digits: "latn", "arab" or "arabext" instead of the language's own (see ``to_reader_digits``).

    Raises:
        ValueError: an unknown language, month set, calendar or digits.
    """
    words = _words(lang, months)
    if alongside is not None:
        _check("alongside", alongside, CALENDARS_ALONGSIDE)
    if words is None:
        text = describe_date(value)
    elif value.approximate:
        text = _third(value, words) or _ah(value, lang) or f"{words.about} {_exact(value, words, True)}"
    else:
        text = _exact(value, words, False)
    if alongside and (other := _alongside(value, alongside, lang)):
        text = f"{text} ({other})"
    return to_reader_digits(text, lang, digits=digits)


def month_name(month: int, lang: str, months: str = "standard") -> str:
    """Return a Gregorian month's name (1-12) standing alone, as a chart's tick shows it."""
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} does not exist; months run from 1 to 12")
    words = _words(lang, months)
    return MONTHS[month - 1] if words is None else words.months[month - 1]


def to_reader_digits(text: str, lang: str, *, digits: str | None = None) -> str:
    """Return ``text`` with the reader's digits: Persian (۰-۹) for "fa", Western for "en" and "ar"
    unless ``digits`` names another system ("latn", "arab" for Arabic-Indic ٠-٩, "arabext")."""
    _check("lang", lang, LANGUAGES)
    system = digits or ("arabext" if lang == "fa" else "latn")
    _check("digits", system, tuple(DIGITS))
    return text if system == "latn" else text.translate(str.maketrans(DIGITS["latn"], DIGITS[system]))


def _check(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{name} {value!r} is not one of: {', '.join(allowed)}")


def _words(lang: str, months: str) -> _Words | None:
    _check("lang", lang, LANGUAGES)
    _check("months", months, MONTH_SETS)  # the Levant's names are Arabic's; other languages have one set
    if lang == "ar":
        return replace(_AR, months=MONTHS_AR_LEVANT) if months == "levant" else _AR
    return _FA if lang == "fa" else None


def _exact(value: DateValue, w: _Words, gen: bool) -> str:
    """The branches of ``periods._describe_exact``, in ``w``'s words; ``gen``: after a word that
    governs the genitive (نحو), where "القرن العشرون" is "القرن العشرين"."""
    start, end, precision = value.start, value.end, value.precision
    if (start, end) == period_of(start, precision):
        return _unit(start, precision, w, gen)
    aligned = (period_of(start, precision)[0], period_of(end, precision)[1]) == (start, end)
    if value.is_range and not aligned and precision is not Precision.DAY:
        first, last = whole_unit(start, precision, 0), whole_unit(end, precision, 1)
        if precision in (first, last):
            return f"{_unit(start, first, w, gen)} – {_unit(end, last, w, gen)}"
    if not value.is_range and not value.approximate and start < end and (precision is Precision.DAY or aligned):
        if precision is Precision.DAY:
            return w.between.format(*_days(start, end, w))
        return w.between.format(_unit(start, precision, w, True), _unit(end, precision, w, True))
    if precision is Precision.DAY or not aligned:
        return _dash(*_days(start, end, w))
    if precision is Precision.MONTH and start.year == end.year:
        return f"{w.months[start.month - 1]} – {_unit(end, precision, w, gen)}"
    return f"{_unit(start, precision, w, gen)} – {_unit(end, precision, w, gen)}"


def _unit(day: date, precision: Precision, w: _Words, gen: bool = False) -> str:
    """The week, month, quarter, year, decade or century holding ``day``."""
    if precision is Precision.DAY:
        return _day(day, w)
    if precision is Precision.WEEK:
        return w.week.format(_day(period_of(day, Precision.WEEK)[0], w))
    if precision is Precision.MONTH:
        return f"{_before_year(w.months[day.month - 1], w.lang)} {_year(day.year, w)}"
    if precision is Precision.QUARTER:
        return w.quarter.format(w.ordinals[(day.month - 1) // 3], _year(day.year, w))
    if precision is Precision.YEAR:
        return _year(day.year, w)
    first, last = period_of(day, Precision.DECADE if precision is Precision.DECADE else Precision.CENTURY)
    if precision is Precision.CENTURY:
        return _century(first.year, w, gen)
    if first.year <= 0:  # "the 40s BCE" counts down: written out, 49–40
        return f"{w.decade} {1 - first.year}–{1 - last.year} {w.bce}"
    if w.lang == "ar":  # "تسعينيات القرن العشرين"; the first two decades have no such word
        tens, century = first.year % 100 // 10, _century(first.year, w, True)
        return f"{w.decade} {w.ordinals[tens]} من {century}" if tens < 2 else f"{_DECADES_AR[tens - 2]} {century}"
    # "دههٔ ۳۰ میلادی" would be read as the 1930s: early decades are written out
    text = f"{w.decade} {first.year}" if first.year >= 100 else f"{w.decade} {first.year}–{last.year}"
    return f"{text} {w.ce}" if first.year < _ERA_FROM else text


def _day(day: date, w: _Words) -> str:
    if day >= GREGORIAN_FROM:
        return f"{day.day} {_before_year(w.months[day.month - 1], w.lang)} {_year(day.year, w)}"
    year, month, number = gregorian_to_julian(day)
    if year < -4712:  # before the Julian Day count, as describe_date: ISO 8601
        return day.isoformat()
    return f"{number} {_before_year(w.months[month - 1], w.lang)} {_year(year, w)} {w.julian}"


def _days(start: date, end: date, w: _Words) -> tuple[str, str]:
    """Two days, the first without the month and year it shares with the second."""
    if start == end:
        return "", _day(start, w)
    if start < GREGORIAN_FROM:
        return _day(start, w), _day(end, w)
    return _ends((start.year, start.month, start.day), (end.year, end.month, end.day), 3, w.months,
                 lambda year: _year(year, w), w.lang)


def _year(year: int, w: _Words) -> str:
    if year <= 0:
        return f"{1 - year} {w.bce}"
    return f"{year} {w.ce}" if year < _ERA_FROM else str(year)


def _century(year: int, w: _Words, gen: bool) -> str:
    """The century a year starts ("القرن السابع الميلادي", "قرن سوم ق.م."), in words to the 21st."""
    number = -year // 100 + 1 if year <= 0 else year // 100 + 1  # the 3rd century BCE is 300–201 BCE
    ordinal = w.ordinals[number - 1] if number <= len(w.ordinals) else str(number)
    if gen and ordinal.endswith("ون"):  # Arabic's 20th and 21st are the only ones whose case shows
        ordinal = ordinal[:-2] + "ين"
    text = w.century.format(ordinal)
    if year <= 0:
        return f"{text} {w.bce}"
    # Both languages count Hijri centuries too: one that could be Hijri carries its era
    return f"{text} {w.ce_century}" if year < _ERA_FROM else text


def _third(value: DateValue, w: _Words) -> str | None:
    """"أواخر سبتمبر 2020" when an approximate value is exactly such a third, as ``describe_date``."""
    if value.is_range or value.precision not in THIRDS_OF:
        return None
    first, last = period_of(value.start, value.precision)
    spans = thirds_of(first, last, value.precision)
    for low, high in ((0, 0), (1, 1), (2, 2), (0, 1), (1, 2)):
        if (spans[low][0], spans[high][1]) == (value.start, value.end):
            unit = _unit(first, value.precision, w, True)
            return f"{w.thirds[low]} {unit}" if low == high else w.thirds_span.format(w.thirds[low], w.thirds[high], unit)
    return None


def _ah(value: DateValue, lang: str) -> str | None:
    """"محرم 61 هـ" when the value is exactly the AH month or year ``describe_ah`` writes."""
    english = describe_ah(value)
    if english is None:
        return None
    name, _, year = english.removesuffix(" AH").rpartition(" ")
    names, era = _ALONGSIDE["hijri", lang]
    month = f"{_before_year(names[HIJRI_MONTHS.index(name)], lang)} " if name else ""
    return f"{month}{year} {era}"


def _alongside(value: DateValue, calendar: str, lang: str) -> str | None:
    """The value's days in the Hijri or Jalali calendar, at its precision: a day (or days), the
    months it spans, or the years; ``None`` before the calendar's year 1, or for "61 AH" itself."""
    if value.start < date(622, 1, 1):
        return None
    if calendar == "hijri":
        if value.start < _HIJRA or describe_ah(value) is not None:
            return None
        first, last = _hijri(value.start), _hijri(value.end)
    else:
        convert = _calendar_converter(Calendar.JALALI)
        try:
            first, last = (tuple(convert.from_gregorian(d.year, d.month, d.day)) for d in (value.start, value.end))
        except ValueError:  # the year begins at the March equinox, which convertdate computes to 3000 CE
            return None
        if first[0] < 1:  # before Nowruz 622
            return None
    fields = {Precision.DAY: 3, Precision.WEEK: 3, Precision.MONTH: 2, Precision.QUARTER: 2}.get(value.precision, 1)
    names, era = _ALONGSIDE[calendar, lang]
    text = _dash(*_ends(first, last, fields, names, str, lang))
    return f"{text} {era}" if era else text


def _hijri(day: date) -> tuple[int, int, int]:
    try:
        return tuple(_calendar_converter(Calendar.HIJRI).from_gregorian(day.year, day.month, day.day))
    except OverflowError:  # outside Umm al-Qura's tables: the tabular calendar, as "61 AH" is read
        number = day.toordinal() + _ORDINAL_TO_JDN
        year = (30 * (number - _EPOCH_JDN) + 10646) // 10631
        month = max(m for m in range(1, 13) if _tabular_day_number(year, m, 1) <= number)
        return year, month, number - _tabular_day_number(year, month, 1) + 1


def _ends(first: tuple[int, int, int], last: tuple[int, int, int], fields: int, names: tuple[str, ...],
          year: Callable[[int], str], lang: str) -> tuple[str, str]:
    """Write two (year, month, day) dates to ``fields`` of day, month and year, the first without
    what it shares with the second: ("26", "27 سبتمبر 2020"); ("", text) when they are one."""
    shared = 0
    while shared < fields and first[shared] == last[shared]:
        shared += 1
    texts = []
    for date_, skip in ((first, shared), (last, 0)):
        parts = [str(date_[2])] if fields == 3 else []
        if fields >= 2 and skip < 2:
            parts.append(names[date_[1] - 1] if skip else _before_year(names[date_[1] - 1], lang))
        if not skip:
            parts.append(year(date_[0]))
        texts.append("" if skip >= fields else " ".join(parts))
    return texts[0], texts[1]


def _dash(first: str, last: str) -> str:
    """Join a range's ends: "26–27 سبتمبر", "1441–1442" close up, names and dates spaced."""
    if not first:
        return last
    return f"{first}–{last}" if first.isascii() and first.isdigit() else f"{first} – {last}"


def _before_year(name: str, lang: str) -> str:
    """A Persian name before its year takes the ezafe, written on a final silent heh ("مهٔ ۲۰۲۰")."""
    return name + _EZAFE if lang == "fa" and name.endswith("ه") else name
