"""The Arabic and Persian fast path (timeline.writtendates) reads exactly as the dateparser path does.

The English forms are proved the same way in ``tests/test_dates.py``. Every case here is read
twice, uncached: once as ``parse_date`` reads it and once with the fast path switched off, and
the two results (or error types and messages) must be equal.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import reading as dates
from timeline.dates.reading import parse_date
from timeline.errors import DateError
from timeline.model import Calendar
from timeline.dates.written import Written, match_written

REF = date(2020, 9, 28)
_DIGITS = {
    "ascii": str.maketrans("", ""),
    "arabic-indic": str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),
    "persian": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"),
}
# Spellings written out here, not taken from the module, so a name dropped from its table fails.
# Each month: Arabic (Egyptian/Gulf), Levantine, Persian, then spellings without hamza or madda.
SPELLINGS = {
    1: ["يناير", "كانون الثاني", "ژانویه", "ژانویهٔ", "جنوری"],
    2: ["فبراير", "شباط", "فوریه", "فوریهٔ", "فبروری"],
    3: ["مارس", "آذار", "مارچ", "اذار"],
    4: ["أبريل", "نيسان", "آوریل", "اپریل", "ابريل", "إبريل"],
    5: ["مايو", "أيار", "مه", "مهٔ", "می", "ايار"],
    6: ["يونيو", "يونيه", "يونية", "حزيران", "ژوئن", "جون"],
    7: ["يوليو", "يوليه", "يولية", "تموز", "ژوئیه", "ژوئیهٔ", "جولای"],
    8: ["أغسطس", "آب", "اوت", "آگست", "اغسطس", "اب"],
    9: ["سبتمبر", "أيلول", "سپتامبر", "سپتمبر", "ايلول", "ا\u0654يلول"],
    10: ["أكتوبر", "تشرين الأول", "اکتبر", "اکتوبر", "اكتوبر", "تشرين الاول"],
    11: ["نوفمبر", "تشرين الثاني", "نوامبر", "نومبر"],
    12: ["ديسمبر", "كانون الأول", "دسامبر", "دسمبر", "كانون الاول"],
}
_DAYS = ["1", "04", "13", "28", "29", "30", "31"]  # 29-31 include days some months lack
_YEARS = ["2020", "1999", "2024", "2021", "1850", "0999", "9999", "0001", "2100"]


def _cases(*, real: bool) -> list[tuple[str, date | None]]:
    """Every spelling with every day in _DAYS, rotating years, digit styles and references.

    ``real``: the days that exist, which the fast path must read; else the ones that do not
    ("31 أيلول 2021"), which it must leave to dateparser.
    """
    styles = list(_DIGITS.values())
    cases = []
    for month, names in SPELLINGS.items():
        for n, name in enumerate(names):
            for i, day in enumerate(_DAYS):
                year = _YEARS[(month + n + i) % len(_YEARS)]
                forms = [f"{day} {name} {year}"] + ([f"{name} {year}"] if i < 2 and real else [])
                if (int(day) <= monthrange(int(year), month)[1]) is real:
                    cases += [(form.translate(styles[(n + i) % 3]), (None, REF)[i % 2]) for form in forms]
    return cases


FAST = _cases(real=True)

# Forms the fast path leaves alone, because it cannot be sure of them or they are not plain dates:
# qualifiers, impossible days, missing or short years, weekday and era words, vowel marks and
# tatweel (dateparser turns some marks into spaces), Maghrebi names no locale in use reads,
# month names with digits, other calendars, ranges and mixed scripts.
NOT_CLAIMED = [
    "أواخر سبتمبر 2020", "أوائل سبتمبر 2020", "منتصف أيلول 2020", "أواخر 2020",
    "31 سبتمبر 2020", "29 فبراير 2021", "30 شباط 2020", "0 سبتمبر 2020", "32 مايو 2020",
    "25 سبتمبر 0000", "سبتمبر 0000", "٢٥ سبتمبر", "سبتمبر", "25 سبتمبر 20", "25 سبتمبر 12020",
    "125 سبتمبر 2020", "25سبتمبر 2020", "25 كانون 2 2020", "25 تشرين 1 2020", "في 25 سبتمبر 2020",
    "25 سبتمبر 2020 م", "الجمعة 25 سبتمبر 2020", "الجمعة، 25 سبتمبر 2020", "25 سبتمبر، 2020",
    "25 سَبتمبر 2020", "25 سبتمـبر 2020", "25 \u200fسبتمبر 2020", "25 ﺳﺒﺘﻤﺒﺮ 2020", "25 جانفي 2020",
    "25 ماي 2020", "25 سبتمبر/أيلول 2020", "سبتمبر سبتمبر 2020", "25 يونيو يوليو 2020",
    "25 سبتمبر 2020 2021", "یونیو 2020", "كانون 2020", "25 الأول 2020", "25 شهر 2020", "غدا",
    "2020 سبتمبر 25", "سبتمبر 25 2020", "25 September سبتمبر 2020", "25 محرم 1442", "25 محرم 2020",
    "۲۳ شهریور ۱۳۹۹", "25 دی 2020", "٢٥–٢٧ أيلول ٢٠٢٠", "25 سبتمبر ٢٠٢٠ – 3 أكتوبر 2020",
    "late سبتمبر 2020", "around 25 سبتمبر 2020", "أسبوع 25 سبتمبر 2020", "garbage", "٢٥ ٢٥ سبتمبر ٢٠٢٠",
]  # fmt: skip


def _outcome(text: str, reference: date | None, calendar: Calendar | str | None, *, fast: bool) -> object:
    """parse_date's value or (error type, message), uncached, with or without the fast path."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "_read_cached", dates._read_cached.__wrapped__)
        if not fast:
            patch.setattr(dates, "match_written", lambda text: None)
        try:
            return parse_date(text, reference=reference, calendar=calendar)
        except DateError as err:
            return type(err), err.message


def _without_dateparser(text: str, reference: date | None, calendar: Calendar | str | None) -> object:
    def refuse(*args: object) -> None:
        raise AssertionError(f"dateparser called for {text!r}")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "_engine_read", refuse)
        return _outcome(text, reference, calendar, fast=True)


def _normalised(text: str) -> str:
    """The text as ``match_written`` receives it from ``timeline.dates``."""
    return " ".join(dates._normalise(text).split())


@pytest.mark.parametrize(("text", "reference"), FAST)
def test_fast_path_reads_arabic_and_persian_as_dateparser_does(text: str, reference: date | None) -> None:
    assert _without_dateparser(text, reference, None) == _outcome(text, reference, None, fast=False)


@pytest.mark.parametrize("calendar", [Calendar.GREGORIAN, "gregorian", Calendar.HIJRI, Calendar.JALALI])
@pytest.mark.parametrize("text", ["25 سبتمبر 2020", "سبتمبر ٢٠٢٠", "١ تشرين الأول ٢٠٢٠", "۱۳ سپتامبر ۲۰۲۰"])
def test_an_explicit_calendar_reads_as_before(text: str, calendar: Calendar | str) -> None:
    # A Hijri or Jalali calendar never reaches the fast path: its errors must be unchanged.
    assert _outcome(text, None, calendar, fast=True) == _outcome(text, None, calendar, fast=False)


@pytest.mark.parametrize(
    ("text", "reference"),
    [(text, reference) for text in NOT_CLAIMED for reference in (None, REF)] + _cases(real=False),
)
def test_fast_path_leaves_the_rest_to_dateparser(text: str, reference: date | None) -> None:
    assert match_written(_normalised(text)) is None
    assert _outcome(text, reference, None, fast=True) == _outcome(text, reference, None, fast=False)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("25 سبتمبر 2020", Written(2020, 9, 25)),
        ("٣ يناير ٢٠٢٣", Written(2023, 1, 3)),
        ("كانون الأول 2019", Written(2019, 12, None)),
        ("۱۳ سپتامبر ۲۰۲۰", Written(2020, 9, 13)),
        ("29 شباط 2024", Written(2024, 2, 29)),
    ],
)
def test_reads_the_day_month_and_year_written(text: str, written: Written) -> None:
    assert match_written(_normalised(text)) == written


@st.composite
def _arabic_dates(draw: st.DrawFn) -> tuple[str, date | None]:
    day = draw(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
    number = draw(st.sampled_from([day.day, day.day, day.day + 1, day.day + 3, 31, 29, 0]))
    name = draw(st.sampled_from(SPELLINGS[day.month]))
    digits = draw(st.sampled_from(list(_DIGITS.values())))
    form = draw(st.sampled_from([f"{number} {name} {day.year}", f"{number:02d} {name} {day.year}",
                                 f"{name} {day.year}"]))  # fmt: skip
    reference = draw(st.none() | st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
    return form.translate(digits), reference


@given(_arabic_dates())
@settings(max_examples=200, deadline=None)
def test_fast_path_matches_dateparser_on_random_arabic_days(case: tuple[str, date | None]) -> None:
    text, reference = case
    assert _outcome(text, reference, None, fast=True) == _outcome(text, reference, None, fast=False)
