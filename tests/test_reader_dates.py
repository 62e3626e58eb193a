"""Dates in the reader's language (``timeline.dates.readerdates``): every form ``describe_date``
writes, in Arabic (both sets of month names) and Persian; the Hijri and Solar Hijri days alongside;
digits; the month tables against CLDR."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates.days import day_from_ordinal, make_day
from timeline.dates.periods import describe_date, period_of
from timeline.dates.readerdates import (
    HIJRI_MONTHS_AR, HIJRI_MONTHS_FA, JALALI_MONTHS_AR, JALALI_MONTHS_FA, MONTHS_AR, MONTHS_AR_LEVANT, MONTHS_FA,
    describe_date_in, month_name, to_reader_digits,
)  # fmt: skip
from timeline.dates.reading import parse_date
from timeline.model import DateValue, Precision

CASES = [
    # written, Arabic, Arabic with Iraq's and the Levant's month names, Persian
    ("13 September 2020", "13 سبتمبر 2020", "13 أيلول 2020", "۱۳ سپتامبر ۲۰۲۰"),
    ("13 January 2020", "13 يناير 2020", "13 كانون الثاني 2020", "۱۳ ژانویهٔ ۲۰۲۰"),
    ("late September 2020", "أواخر سبتمبر 2020", "أواخر أيلول 2020", "اواخر سپتامبر ۲۰۲۰"),
    ("early September 2020", "أوائل سبتمبر 2020", "أوائل أيلول 2020", "اوایل سپتامبر ۲۰۲۰"),
    ("mid-September 2020", "منتصف سبتمبر 2020", "منتصف أيلول 2020", "اواسط سپتامبر ۲۰۲۰"),
    ("early-to-mid September 2020", "من أوائل إلى منتصف سبتمبر 2020", "من أوائل إلى منتصف أيلول 2020",
     "اوایل تا اواسط سپتامبر ۲۰۲۰"),
    ("mid-to-late 2020", "من منتصف إلى أواخر 2020", "من منتصف إلى أواخر 2020", "اواسط تا اواخر ۲۰۲۰"),
    ("September 2020", "سبتمبر 2020", "أيلول 2020", "سپتامبر ۲۰۲۰"),
    ("May 2020", "مايو 2020", "أيار 2020", "مهٔ ۲۰۲۰"),
    ("2020", "2020", "2020", "۲۰۲۰"),
    ("c. 2020", "نحو 2020", "نحو 2020", "حدود ۲۰۲۰"),
    ("c. 13 September 2020", "نحو 13 سبتمبر 2020", "نحو 13 أيلول 2020", "حدود ۱۳ سپتامبر ۲۰۲۰"),
    ("the 1990s", "تسعينيات القرن العشرين", "تسعينيات القرن العشرين", "دههٔ ۱۹۹۰"),
    ("early 1990s", "أوائل تسعينيات القرن العشرين", "أوائل تسعينيات القرن العشرين", "اوایل دههٔ ۱۹۹۰"),
    ("the 1910s", "العقد الثاني من القرن العشرين", "العقد الثاني من القرن العشرين", "دههٔ ۱۹۱۰"),
    ("decade 1700–1709", "العقد الأول من القرن الثامن عشر", "العقد الأول من القرن الثامن عشر", "دههٔ ۱۷۰۰"),
    ("the 640s", "أربعينيات القرن السابع الميلادي", "أربعينيات القرن السابع الميلادي", "دههٔ ۶۴۰ میلادی"),
    ("the 30s CE", "ثلاثينيات القرن الأول الميلادي", "ثلاثينيات القرن الأول الميلادي", "دههٔ ۳۰–۳۹ میلادی"),
    ("the 7th century", "القرن السابع الميلادي", "القرن السابع الميلادي", "قرن هفتم میلادی"),
    ("late 7th century", "أواخر القرن السابع الميلادي", "أواخر القرن السابع الميلادي", "اواخر قرن هفتم میلادی"),
    ("the 20th century", "القرن العشرون", "القرن العشرون", "قرن بیستم"),
    ("c. 20th century", "نحو القرن العشرين", "نحو القرن العشرين", "حدود قرن بیستم"),
    ("late 20th century", "أواخر القرن العشرين", "أواخر القرن العشرين", "اواخر قرن بیستم"),
    ("the 21st century", "القرن الحادي والعشرون", "القرن الحادي والعشرون", "قرن بیست‌ویکم"),
    ("the 25th century", "القرن 25", "القرن 25", "قرن ۲۵"),
    ("AD 33", "33 م", "33 م", "۳۳ میلادی"),
    ("622", "622 م", "622 م", "۶۲۲ میلادی"),
    ("300 BCE", "300 ق.م", "300 ق.م", "۳۰۰ ق.م."),
    ("3rd century BCE", "القرن الثالث ق.م", "القرن الثالث ق.م", "قرن سوم ق.م."),
    ("early 3rd century BCE", "أوائل القرن الثالث ق.م", "أوائل القرن الثالث ق.م", "اوایل قرن سوم ق.م."),
    ("the 40s BCE", "العقد 49–40 ق.م", "العقد 49–40 ق.م", "دههٔ ۴۹–۴۰ ق.م."),
    ("mid-40s BCE", "منتصف العقد 49–40 ق.م", "منتصف العقد 49–40 ق.م", "اواسط دههٔ ۴۹–۴۰ ق.م."),
    ("March 44 BCE", "مارس 44 ق.م", "آذار 44 ق.م", "مارس ۴۴ ق.م."),
    ("15 March 44 BC", "15 مارس 44 ق.م (يولياني)", "15 آذار 44 ق.م (يولياني)", "۱۵ مارس ۴۴ ق.م. (ژولینی)"),
    ("Q1 44 BCE", "الربع الأول 44 ق.م", "الربع الأول 44 ق.م", "سه‌ماههٔ اول ۴۴ ق.م."),
    ("44 BCE – 14 CE", "44 ق.م – 14 م", "44 ق.م – 14 م", "۴۴ ق.م. – ۱۴ میلادی"),
    ("Q3 2020", "الربع الثالث 2020", "الربع الثالث 2020", "سه‌ماههٔ سوم ۲۰۲۰"),
    ("week of 14 September 2020", "أسبوع 14 سبتمبر 2020", "أسبوع 14 أيلول 2020", "هفتهٔ ۱۴ سپتامبر ۲۰۲۰"),
    ("26–27 September 2020", "26–27 سبتمبر 2020", "26–27 أيلول 2020", "۲۶–۲۷ سپتامبر ۲۰۲۰"),
    ("26 September – 3 October 2020", "26 سبتمبر – 3 أكتوبر 2020", "26 أيلول – 3 تشرين الأول 2020",
     "۲۶ سپتامبر – ۳ اکتبر ۲۰۲۰"),
    ("28 December 2020 – 3 January 2021", "28 ديسمبر 2020 – 3 يناير 2021",
     "28 كانون الأول 2020 – 3 كانون الثاني 2021", "۲۸ دسامبر ۲۰۲۰ – ۳ ژانویهٔ ۲۰۲۱"),
    ("September – December 2020", "سبتمبر – ديسمبر 2020", "أيلول – كانون الأول 2020", "سپتامبر – دسامبر ۲۰۲۰"),
    ("13 September 2020 – 2021", "13 سبتمبر 2020 – 2021", "13 أيلول 2020 – 2021", "۱۳ سپتامبر ۲۰۲۰ – ۲۰۲۱"),
    ("2019 – 2021", "2019 – 2021", "2019 – 2021", "۲۰۱۹ – ۲۰۲۱"),
    ("winter 1930–31", "نحو ديسمبر 1930 – مارس 1931", "نحو كانون الأول 1930 – آذار 1931",
     "حدود دسامبر ۱۹۳۰ – مارس ۱۹۳۱"),
    ("sometime between 1 and 5 September 2020", "في وقت ما بين 1 و5 سبتمبر 2020",
     "في وقت ما بين 1 و5 أيلول 2020", "زمانی بین ۱ و ۵ سپتامبر ۲۰۲۰"),
    ("sometime between 28 September and 3 October 2020", "في وقت ما بين 28 سبتمبر و3 أكتوبر 2020",
     "في وقت ما بين 28 أيلول و3 تشرين الأول 2020", "زمانی بین ۲۸ سپتامبر و ۳ اکتبر ۲۰۲۰"),
    ("sometime between 2019 and 2020", "في وقت ما بين 2019 و2020", "في وقت ما بين 2019 و2020",
     "زمانی بین ۲۰۱۹ و ۲۰۲۰"),
    ("61 AH", "61 هـ", "61 هـ", "۶۱ ه\u200d.ق."),
    ("Muharram 61 AH", "محرم 61 هـ", "محرم 61 هـ", "محرم ۶۱ ه\u200d.ق."),
    ("Dhu al-Hijjah 61 AH", "ذو الحجة 61 هـ", "ذو الحجة 61 هـ", "ذی‌الحجهٔ ۶۱ ه\u200d.ق."),
    ("9 August 622", "9 أغسطس 622 م (يولياني)", "9 آب 622 م (يولياني)", "۹ اوت ۶۲۲ میلادی (ژولینی)"),
    ("14 October 1066", "14 أكتوبر 1066 م (يولياني)", "14 تشرين الأول 1066 م (يولياني)",
     "۱۴ اکتبر ۱۰۶۶ میلادی (ژولینی)"),
    ("0033-04-03", "5 أبريل 33 م (يولياني)", "5 نيسان 33 م (يولياني)", "۵ آوریل ۳۳ میلادی (ژولینی)"),
]


@pytest.mark.parametrize(("written", "arabic", "levant", "persian"), CASES, ids=[case[0] for case in CASES])
def test_every_form_describe_date_writes_reads_in_arabic_and_persian(written: str, arabic: str, levant: str,
                                                                     persian: str) -> None:
    value = parse_date(written)
    assert describe_date_in(value, "ar") == arabic
    assert describe_date_in(value, "ar", months="levant") == levant
    assert describe_date_in(value, "fa") == persian
    assert describe_date_in(value, "en") == describe_date(value)


ALONGSIDE = [
    # written, calendar, English, Arabic, Persian (what follows the date, in parentheses)
    ("13 September 2020", "hijri", "25 Muharram 1442 AH", "25 محرم 1442 هـ", "۲۵ محرم ۱۴۴۲ ه\u200d.ق."),
    ("13 September 2020", "jalali", "23 Shahrivar 1399 SH", "23 شهريور 1399 هـ.ش", "۲۳ شهریور ۱۳۹۹"),
    ("26–27 September 2020", "hijri", "9–10 Safar 1442 AH", "9–10 صفر 1442 هـ", "۹–۱۰ صفر ۱۴۴۲ ه\u200d.ق."),
    ("week of 14 September 2020", "hijri", "26 Muharram – 3 Safar 1442 AH", "26 محرم – 3 صفر 1442 هـ",
     "۲۶ محرم – ۳ صفر ۱۴۴۲ ه\u200d.ق."),
    ("28 December 2020 – 3 January 2021", "jalali", "8–14 Dey 1399 SH", "8–14 دي 1399 هـ.ش", "۸–۱۴ دی ۱۳۹۹"),
    # a Gregorian month nearly always straddles two Hijri months: both are named
    ("September 2020", "hijri", "Muharram – Safar 1442 AH", "محرم – صفر 1442 هـ", "محرم – صفر ۱۴۴۲ ه\u200d.ق."),
    ("September 2020", "jalali", "Shahrivar – Mehr 1399 SH", "شهريور – مهر 1399 هـ.ش", "شهریور – مهر ۱۳۹۹"),
    ("late September 2020", "hijri", "Safar 1442 AH", "صفر 1442 هـ", "صفر ۱۴۴۲ ه\u200d.ق."),
    ("Q3 2020", "hijri", "Dhu al-Qadah 1441 – Safar 1442 AH", "ذو القعدة 1441 – صفر 1442 هـ",
     "ذی‌القعدهٔ ۱۴۴۱ – صفر ۱۴۴۲ ه\u200d.ق."),
    ("2020", "hijri", "1441–1442 AH", "1441–1442 هـ", "۱۴۴۱–۱۴۴۲ ه\u200d.ق."),
    ("2020", "jalali", "1398–1399 SH", "1398–1399 هـ.ش", "۱۳۹۸–۱۳۹۹"),
    ("the 1990s", "hijri", "1410–1420 AH", "1410–1420 هـ", "۱۴۱۰–۱۴۲۰ ه\u200d.ق."),
    # before Umm al-Qura's tables, the tabular calendar "10 Muharram 61 AH" is read in
    ("14 October 1066", "hijri", "21 Dhu al-Qadah 458 AH", "21 ذو القعدة 458 هـ", "۲۱ ذی‌القعدهٔ ۴۵۸ ه\u200d.ق."),
    ("10 Muharram 61 AH", "hijri", "10 Muharram 61 AH", "10 محرم 61 هـ", "۱۰ محرم ۶۱ ه\u200d.ق."),
    ("61 AH", "jalali", "59–60 SH", "59–60 هـ.ش", "۵۹–۶۰"),
    ("1 July 622", "jalali", "12 Tir 1 SH", "12 تير 1 هـ.ش", "۱۲ تیر ۱"),
]


@pytest.mark.parametrize(("written", "calendar", "english", "arabic", "persian"), ALONGSIDE,
                         ids=[f"{case[0]}-{case[1]}" for case in ALONGSIDE])
def test_the_same_days_are_written_alongside_in_the_hijri_or_solar_hijri_calendar(
        written: str, calendar: str, english: str, arabic: str, persian: str) -> None:
    value = parse_date(written)
    for lang, expected in (("en", english), ("ar", arabic), ("fa", persian)):
        plain = describe_date_in(value, lang)
        assert describe_date_in(value, lang, alongside=calendar) == f"{plain} ({expected})"


@pytest.mark.parametrize("written", ["300 BCE", "AD 33", "the 7th century", "622", "1 July 622", "61 AH"])
def test_nothing_is_written_alongside_before_the_hijra_nor_beside_an_ah_date(written: str) -> None:
    value = parse_date(written)
    for lang in ("en", "ar", "fa"):
        assert describe_date_in(value, lang, alongside="hijri") == describe_date_in(value, lang)
    if written not in ("1 July 622", "61 AH"):  # after Nowruz 622: Solar Hijri year 1
        assert describe_date_in(value, "fa", alongside="jalali") == describe_date_in(value, "fa")


def test_the_known_days_agree_with_the_calendar_libraries() -> None:
    hijridate = pytest.importorskip("hijridate")
    persian = pytest.importorskip("convertdate.persian")
    islamic = pytest.importorskip("convertdate.islamic")
    assert tuple(hijridate.Gregorian(2020, 9, 13).to_hijri().datetuple()) == (1442, 1, 25)
    assert persian.from_gregorian(2020, 9, 13) == (1399, 6, 23)
    assert islamic.from_gregorian(1066, 10, 20) == (458, 11, 21)  # 14 October 1066, Julian


@settings(max_examples=25, deadline=None)
@given(st.integers(date(1924, 8, 1).toordinal(), date(2077, 11, 16).toordinal()))
def test_a_hijri_or_jalali_day_written_alongside_reads_back_as_the_same_day(ordinal: int) -> None:
    day = date.fromordinal(ordinal)
    value = DateValue(day, day, Precision.DAY)
    for lang, calendar in (("ar", "hijri"), ("fa", "jalali")):
        other = re.search(r"\((.+)\)$", describe_date_in(value, lang, alongside=calendar))
        assert other is not None
        assert parse_date(other[1]) == value, other[1]


PRECISIONS = st.sampled_from(list(Precision))
ANY_DAY = st.integers(make_day(-9990, 1, 1).toordinal(), date(9990, 12, 31).toordinal()).map(day_from_ordinal)


@settings(max_examples=150, deadline=None)
@given(ANY_DAY, PRECISIONS, st.booleans(), st.sampled_from([None, "hijri", "jalali"]))
def test_no_latin_word_leaks_into_arabic_or_persian(day: date, precision: Precision, approximate: bool,
                                                      alongside: str | None) -> None:
    value = DateValue(*period_of(day, precision), precision, approximate)
    arabic = describe_date_in(value, "ar", alongside=alongside)
    persian = describe_date_in(value, "fa", alongside=alongside)
    assert not re.search(r"[A-Za-z]", arabic + persian), (arabic, persian)
    assert not re.search(r"[0-9٠-٩]", persian), persian
    assert not re.search(r"[۰-۹٠-٩]", arabic), arabic


def test_digits_are_the_readers() -> None:
    assert to_reader_digits("13–27 2020", "fa") == "۱۳–۲۷ ۲۰۲۰"
    assert to_reader_digits("13–27 2020", "ar") == "13–27 2020"
    assert to_reader_digits("13–27 2020", "en") == "13–27 2020"
    assert to_reader_digits("13–27 2020", "ar", digits="arab") == "١٣–٢٧ ٢٠٢٠"
    assert to_reader_digits("۱۳", "fa", digits="latn") == "۱۳"  # only Western digits are replaced
    value = parse_date("13 September 2020")
    assert describe_date_in(value, "ar", alongside="hijri", digits="arab") == "١٣ سبتمبر ٢٠٢٠ (٢٥ محرم ١٤٤٢ هـ)"
    assert describe_date_in(value, "fa", digits="latn") == "13 سپتامبر 2020"


def test_month_names_stand_alone_for_tick_labels() -> None:
    assert [month_name(9, lang) for lang in ("en", "ar", "fa")] == ["September", "سبتمبر", "سپتامبر"]
    assert month_name(5, "fa") == "مه"  # the ezafe only before a year: "مهٔ ۲۰۲۰"
    assert month_name(9, "ar", months="levant") == "أيلول"
    assert month_name(9, "en", months="levant") == "September"
    tables = (MONTHS_AR, MONTHS_AR_LEVANT, MONTHS_FA, HIJRI_MONTHS_AR, HIJRI_MONTHS_FA, JALALI_MONTHS_AR,
              JALALI_MONTHS_FA)
    assert all(len(table) == len(set(table)) == 12 for table in tables)


def test_arabic_and_persian_tables_use_their_own_letters() -> None:
    """Arabic yeh and kaf (ي ك) in Arabic, Persian yeh and keheh (ی ک) in Persian: the other
    language's letters look foreign to a reader and defeat search."""
    for name in (*MONTHS_AR, *MONTHS_AR_LEVANT, *HIJRI_MONTHS_AR, *JALALI_MONTHS_AR):
        assert not set(name) & set("یک\u200c"), name
    for name in (*MONTHS_FA, *HIJRI_MONTHS_FA, *JALALI_MONTHS_FA):
        assert not set(name) & set("يكة"), name


@pytest.mark.parametrize(("call", "message"), [
    (lambda v: describe_date_in(v, "de"), "lang 'de' is not one of: en, ar, fa"),
    (lambda v: describe_date_in(v, "ar", months="gulf"), "months 'gulf' is not one of: standard, levant"),
    (lambda v: describe_date_in(v, "ar", alongside="hebrew"), "alongside 'hebrew' is not one of: hijri, jalali"),
    (lambda v: describe_date_in(v, "fa", digits="roman"), "digits 'roman' is not one of: latn, arab, arabext"),
    (lambda v: month_name(13, "ar"), "month 13 does not exist"),
    (lambda v: to_reader_digits("1", "ku"), "lang 'ku' is not one of"),
])  # fmt: skip
def test_unknown_settings_are_refused_with_the_allowed_values(call, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        call(parse_date("13 September 2020"))


def _cldr_months(locale: str, context: str = "format") -> tuple[str, ...]:
    dates = pytest.importorskip("babel.dates")
    names = dates.get_month_names("wide", context=context, locale=locale)
    return tuple(names[month] for month in range(1, 13))


def test_month_tables_agree_with_cldr() -> None:
    assert MONTHS_AR == _cldr_months("ar") == _cldr_months("ar", "stand-alone")
    assert MONTHS_AR_LEVANT == _cldr_months("ar_IQ") == _cldr_months("ar_SY")
    # CLDR's stand-alone forms for ar_IQ and ar_SY are inherited from ar (يناير): an Iraqi or Syrian
    # tick label standing alone still reads أيلول, so month_name gives the Levant's names alone too.
    assert _cldr_months("ar_IQ", "stand-alone") == MONTHS_AR
    assert MONTHS_FA == _cldr_months("fa", "stand-alone")
    # Persian before a year is CLDR's format form, with the ezafe on a final silent heh (ژانویهٔ).
    before_year = tuple(describe_date_in(DateValue(*period_of(date(2020, month, 1), Precision.MONTH),
                                                   Precision.MONTH), "fa").removesuffix(" ۲۰۲۰")
                        for month in range(1, 13))
    assert before_year == _cldr_months("fa")


def test_eras_and_quarters_agree_with_cldr() -> None:
    dates = pytest.importorskip("babel.dates")
    for lang, before, common in (("ar", "ق.م", "م"), ("fa", "ق.م.", "میلادی")):
        eras = {**dates.get_era_names("abbreviated", locale=lang)}
        assert eras[0] == before and common in (eras[1], dates.get_era_names("wide", locale=lang)[1])
        assert describe_date_in(parse_date("300 BCE"), lang) == to_reader_digits(f"300 {before}", lang)
        assert describe_date_in(parse_date("AD 33"), lang) == to_reader_digits(f"33 {common}", lang)
        quarter = dates.get_quarter_names("wide", locale=lang)[3]
        assert describe_date_in(parse_date("Q3 2020"), lang) == to_reader_digits(f"{quarter} 2020", lang)
