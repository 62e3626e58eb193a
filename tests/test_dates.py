"""Reading dates as people write them: forms, precision, ranges, calendars, errors, round trips."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import reading as dates
from timeline.dates.periods import period_of
from timeline.dates.reading import MONTHS, combine_range, describe_date, parse_date
from timeline.errors import DateError
from timeline.model import Calendar, DateValue, Precision

REF = date(2020, 9, 28)  # a Monday; the publication date relative text is resolved against
D, W, M, Q, Y, X = (Precision.DAY, Precision.WEEK, Precision.MONTH, Precision.QUARTER,
                    Precision.YEAR, Precision.DECADE)  # fmt: skip

# (text, reference, start, end, precision, approximate)
SINGLE = [
    # ISO fast path
    ("2020-09-13", None, "2020-09-13", "2020-09-13", D, False),
    ("2020-09", None, "2020-09-01", "2020-09-30", M, False),
    ("2020", None, "2020-01-01", "2020-12-31", Y, False),
    ("2020-02", None, "2020-02-01", "2020-02-29", M, False),
    # written days and months
    ("13 September 2020", None, "2020-09-13", "2020-09-13", D, False),
    ("September 13, 2020", None, "2020-09-13", "2020-09-13", D, False),
    ("Sept. 13, 2020", None, "2020-09-13", "2020-09-13", D, False),
    ("Sep. 13, 2020", None, "2020-09-13", "2020-09-13", D, False),
    ("Sept 13 2020", None, "2020-09-13", "2020-09-13", D, False),
    ("  13   September\t2020 ", None, "2020-09-13", "2020-09-13", D, False),
    ("the 13th of September 2020", None, "2020-09-13", "2020-09-13", D, False),
    ("Monday, 14 September 2020", None, "2020-09-14", "2020-09-14", D, False),
    ("13/09/2020", None, "2020-09-13", "2020-09-13", D, False),
    ("09/13/2020", None, "2020-09-13", "2020-09-13", D, False),
    ("2020/09/13", None, "2020-09-13", "2020-09-13", D, False),
    ("on 13 September 2020", None, "2020-09-13", "2020-09-13", D, False),
    ("in 2020", None, "2020-01-01", "2020-12-31", Y, False),
    ("September 2020", None, "2020-09-01", "2020-09-30", M, False),
    ("Feb 2021", None, "2021-02-01", "2021-02-28", M, False),
    # year taken from the reference, preferring the past
    ("Sept. 13", REF, "2020-09-13", "2020-09-13", D, False),
    ("Dec. 5", REF, "2019-12-05", "2019-12-05", D, False),
    ("September", REF, "2020-09-01", "2020-09-30", M, False),
    # qualifiers
    ("early September 2020", None, "2020-09-01", "2020-09-10", M, True),
    ("mid September 2020", None, "2020-09-11", "2020-09-20", M, True),
    ("mid-September 2020", None, "2020-09-11", "2020-09-20", M, True),
    ("late September 2020", None, "2020-09-21", "2020-09-30", M, True),
    ("late February 2020", None, "2020-02-21", "2020-02-29", M, True),
    ("late September", REF, "2020-09-21", "2020-09-30", M, True),
    ("early 2020", None, "2020-01-01", "2020-04-30", Y, True),
    ("mid 2020", None, "2020-05-01", "2020-08-31", Y, True),
    ("mid-2020", None, "2020-05-01", "2020-08-31", Y, True),
    ("late 2020", None, "2020-09-01", "2020-12-31", Y, True),
    ("mid-to-late 2020", None, "2020-05-01", "2020-12-31", Y, True),
    ("early to mid September 2020", None, "2020-09-01", "2020-09-20", M, True),
    ("early 1990s", None, "1990-01-01", "1993-12-31", X, True),
    ("around 13 September 2020", None, "2020-09-13", "2020-09-13", D, True),
    ("about September 2020", None, "2020-09-01", "2020-09-30", M, True),
    ("approximately 2020", None, "2020-01-01", "2020-12-31", Y, True),
    ("c. 1979", None, "1979-01-01", "1979-12-31", Y, True),
    ("c.1979", None, "1979-01-01", "1979-12-31", Y, True),
    ("ca. 1979", None, "1979-01-01", "1979-12-31", Y, True),
    ("circa 1979", None, "1979-01-01", "1979-12-31", Y, True),
    ("Q3 2020", None, "2020-07-01", "2020-09-30", Q, False),
    ("q1 2021", None, "2021-01-01", "2021-03-31", Q, False),
    ("third quarter of 2020", None, "2020-07-01", "2020-09-30", Q, False),
    ("4th quarter 2019", None, "2019-10-01", "2019-12-31", Q, False),
    ("the 1990s", None, "1990-01-01", "1999-12-31", X, False),
    ("1990s", None, "1990-01-01", "1999-12-31", X, False),
    ("1990's", None, "1990-01-01", "1999-12-31", X, False),
    ("week of 14 September 2020", None, "2020-09-14", "2020-09-20", W, False),
    ("week of 16 September 2020", None, "2020-09-14", "2020-09-20", W, False),
    # relative, against the reference (Monday 28 September 2020)
    ("last week", REF, "2020-09-21", "2020-09-27", W, False),
    ("last week", date(2020, 9, 30), "2020-09-21", "2020-09-27", W, False),
    ("Friday", REF, "2020-09-25", "2020-09-25", D, False),
    ("two days ago", REF, "2020-09-26", "2020-09-26", D, False),
    ("yesterday", REF, "2020-09-27", "2020-09-27", D, False),
    ("last month", REF, "2020-08-01", "2020-08-31", M, False),
    ("last year", REF, "2019-01-01", "2019-12-31", Y, False),
    # a reference changes nothing for absolute text
    ("13 September 2020", REF, "2020-09-13", "2020-09-13", D, False),
    ("2020", date(1999, 1, 1), "2020-01-01", "2020-12-31", Y, False),
    # Arabic and Persian, Gregorian months
    ("25 سبتمبر 2020", None, "2020-09-25", "2020-09-25", D, False),
    ("13 أيلول 2020", None, "2020-09-13", "2020-09-13", D, False),
    ("1 تشرين الأول 2020", None, "2020-10-01", "2020-10-01", D, False),
    ("كانون الثاني 2020", None, "2020-01-01", "2020-01-31", M, False),
    ("١٣ أيلول ٢٠٢٠", None, "2020-09-13", "2020-09-13", D, False),
    ("۱۳ سپتامبر ۲۰۲۰", None, "2020-09-13", "2020-09-13", D, False),
    ("٢٠٢٠-٠٩-١٣", None, "2020-09-13", "2020-09-13", D, False),
    # Hijri and Jalali, detected from the month name
    ("25 محرم 1442", None, "2020-09-13", "2020-09-13", D, False),
    ("٢٥ محرم ١٤٤٢", None, "2020-09-13", "2020-09-13", D, False),
    ("محرم 1442", None, "2020-08-20", "2020-09-17", M, False),
    ("رمضان 1441", None, "2020-04-24", "2020-05-23", M, False),
    ("1 رمضان 1441", None, "2020-04-24", "2020-04-24", D, False),
    ("ذو الحجة 1441", None, "2020-07-22", "2020-08-19", M, False),
    ("early رمضان 1441", None, "2020-04-24", "2020-05-03", M, True),
    ("۲۳ شهریور ۱۳۹۹", None, "2020-09-13", "2020-09-13", D, False),
    ("شهریور ۱۳۹۹", None, "2020-08-22", "2020-09-21", M, False),
    ("اسفند 1399", None, "2021-02-19", "2021-03-20", M, False),
]


@pytest.mark.parametrize(("text", "reference", "start", "end", "precision", "approximate"), SINGLE)
def test_reads_single_dates(
    text: str, reference: date | None, start: str, end: str, precision: Precision, approximate: bool
) -> None:
    value = parse_date(text, reference=reference)
    assert value == DateValue(date.fromisoformat(start), date.fromisoformat(end), precision, approximate)


RANGES = [
    ("Sept. 26-27, 2020", None, "2020-09-26", "2020-09-27", D, False),
    ("26–27 September 2020", None, "2020-09-26", "2020-09-27", D, False),
    ("26-27 September 2020", None, "2020-09-26", "2020-09-27", D, False),
    ("26 — 27 September 2020", None, "2020-09-26", "2020-09-27", D, False),
    ("Sept. 30 – Oct. 2, 2020", None, "2020-09-30", "2020-10-02", D, False),
    ("30 September – 2 October 2020", None, "2020-09-30", "2020-10-02", D, False),
    ("30 September - 2 October 2020", None, "2020-09-30", "2020-10-02", D, False),
    ("30 December – 2 January 2021", None, "2020-12-30", "2021-01-02", D, False),
    ("13 September 2020 to 2 October 2020", None, "2020-09-13", "2020-10-02", D, False),
    ("from 13 September 2020 to 2 October 2020", None, "2020-09-13", "2020-10-02", D, False),
    ("between 13 September 2020 and 2 October 2020", None, "2020-09-13", "2020-10-02", D, False),
    ("13 September 2020 until 2 October 2020", None, "2020-09-13", "2020-10-02", D, False),
    ("between 26 and 27 September 2020", None, "2020-09-26", "2020-09-27", D, False),
    ("from Sept. 26 to 27, 2020", None, "2020-09-26", "2020-09-27", D, False),
    ("September – October 2020", None, "2020-09-01", "2020-10-31", M, False),
    ("13 September 2020 – October 2020", None, "2020-09-13", "2020-10-31", M, False),
    ("2019–2021", None, "2019-01-01", "2021-12-31", Y, False),
    ("2019-2021", None, "2019-01-01", "2021-12-31", Y, False),
    ("late September – early October 2020", None, "2020-09-21", "2020-10-10", M, True),
    ("c. 26–27 September 2020", None, "2020-09-26", "2020-09-27", D, True),
    ("Friday to yesterday", REF, "2020-09-25", "2020-09-27", D, False),
    ("26–27 أيلول 2020", None, "2020-09-26", "2020-09-27", D, False),
]


@pytest.mark.parametrize(("text", "reference", "start", "end", "precision", "approximate"), RANGES)
def test_reads_ranges(
    text: str, reference: date | None, start: str, end: str, precision: Precision, approximate: bool
) -> None:
    value = parse_date(text, reference=reference)
    assert value == DateValue(date.fromisoformat(start), date.fromisoformat(end), precision, approximate, True)


def test_results_never_depend_on_today() -> None:
    # dateparser's defaults would give today's day and month here.
    assert parse_date("2020") == DateValue(date(2020, 1, 1), date(2020, 12, 31), Precision.YEAR)
    assert parse_date("September 2020") == DateValue(date(2020, 9, 1), date(2020, 9, 30), Precision.MONTH)
    assert parse_date("كانون الثاني 2020").end == date(2020, 1, 31)
    assert parse_date("محرم 1442").start == date(2020, 8, 20)


@pytest.mark.parametrize(
    ("text", "calendar", "start", "end", "precision"),
    [
        ("25 محرم 1442", Calendar.HIJRI, "2020-09-13", "2020-09-13", D),
        ("25 محرم 1442", "hijri", "2020-09-13", "2020-09-13", D),
        ("1442-01-25", Calendar.HIJRI, "2020-09-13", "2020-09-13", D),
        ("1442-01", "Hijri", "2020-08-20", "2020-09-17", M),
        ("1399-06-23", Calendar.JALALI, "2020-09-13", "2020-09-13", D),
        ("13 September 2020", "gregorian", "2020-09-13", "2020-09-13", D),
    ],
)
def test_explicit_calendar_overrides_detection(
    text: str, calendar: Calendar | str, start: str, end: str, precision: Precision
) -> None:
    value = parse_date(text, calendar=calendar)
    assert value == DateValue(date.fromisoformat(start), date.fromisoformat(end), precision)


# (text, reference, calendar, phrases the message must hold)
ERRORS = [
    ("soon", None, None, ["cannot read 'soon' as a date", "write '13 September 2020', 'September 2020' or '2020-09-13'"]),
    ("", None, None, ["the date is empty; write '13 September 2020'"]),
    ("   ", None, None, ["the date is empty; write"]),
    ("2020-02-30", None, None, ["'2020-02-30' is not a real day (February 2020 has 29 days)", "'2020-02-29'"]),
    ("2021-02-29", None, None, ["(February 2021 has 28 days)"]),
    ("2020-13-01", None, None, ["has month 13", "months run from 1 to 12", "'2020-12-01'"]),
    ("2020-13", None, None, ["has month 13"]),
    ("31 June 2020", None, None, ["'31 June 2020' is not a real day (June 2020 has 30 days)", "'30 June 2020'"]),
    ("June 31, 2020", None, None, ["is not a real day (June 2020 has 30 days)"]),
    ("30 February 2021", None, None, ["(February 2021 has 28 days)", "'28 February 2021'"]),
    ("31/04/2020", None, None, ["(April 2020 has 30 days)"]),
    ("last week", None, None, [
        "'last week' is relative and there is no reference date to resolve it against",
        "give the source a 'published' date or write the full date, e.g. '13 September 2020'",
    ]),  # fmt: skip
    ("Friday", None, None, ["'Friday' is relative"]),
    ("Sept. 13", None, None, ["'Sept. 13' is relative"]),
    ("two days ago", None, None, ["is relative"]),
    ("late September", None, None, ["'September' is relative"]),
    ("Sept. 13 or so maybe", REF, None, ["cannot read 'Sept. 13 or so maybe' as a date"]),
    ("13 September 2020 (approx.)", None, None, ["cannot read"]),
    # dateparser skips these words and would return 13 September or 2020 without a word
    ("after 13 September 2020", None, None, ["'after' is not part of a date"]),
    ("by 2020", None, None, ["'by' is not part of a date"]),
    ("13 September 2020 or 14 September 2020", None, None, ["'or' is not part of a date"]),
    ("the 13th", REF, None, ["names no month or year"]),
    ("05/06/2020", None, None, ["could be 5 June or 6 May 2020", "'2020-06-05'"]),
    ("Tuesday, 14 September 2020", None, None, ["is a Monday, not a Tuesday"]),
    ("الخميس 25 سبتمبر 2020", None, None, ["25 September 2020 is a Friday, not a Thursday (الخميس)"]),
    ("الاثنين، 24 أيلول 2020", None, None, ["is a Thursday, not a Monday (الاثنين)"]),
    ("13 Sep 20", None, None, ["no four-digit year"]),
    ("the 90s", None, None, ["does not say which century", "'1990s'"]),
    ("five", REF, None, ["cannot read 'five'"]),
    ("13", REF, None, ["cannot read '13'"]),
    ("now", REF, None, ["cannot read 'now'"]),
    ("Q3", REF, None, ["cannot read 'Q3'"]),
    ("early 13 September 2020", None, None, ["'early' needs a month, year or decade"]),
    ("week of September 2020", None, None, ["'week of' needs a day"]),
    ("27–26 September 2020", None, None, ["end '26 September 2020' is before start '27 September 2020'"]),
    ("2 October 2020 to 13 September 2020", None, None, ["is before start"]),
    ("25 محرم", None, None, ["has no year", "'25 محرم 1442'"]),
    ("30 محرم 1442", None, None, ["Muharram 1442 has 29 days"]),
    ("31 اسفند 1400", None, None, ["Esfand 1400 has 29 days"]),
    ("25 محرم 1300", None, None, ["outside the Hijri years", "1343–1500"]),
    ("13 September 2020", None, "julian", ["unknown calendar 'julian'", "gregorian, hijri, jalali"]),
    ("13 September 2020", None, Calendar.HIJRI, ["as a hijri date"]),
]


@pytest.mark.parametrize(("text", "reference", "calendar", "phrases"), ERRORS)
def test_error_messages_say_what_to_write(
    text: str, reference: date | None, calendar: Calendar | str | None, phrases: list[str]
) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text, reference=reference, calendar=calendar)
    for phrase in phrases:
        assert phrase in caught.value.message
    assert caught.value.source is None and caught.value.line is None  # the store adds those
    assert type(caught.value) is DateError


def test_a_repeated_error_is_a_fresh_exception() -> None:
    errors = []
    for _ in range(3):
        with pytest.raises(DateError) as caught:
            parse_date("soon")
        errors.append(caught.value)
    assert errors[0] is not errors[1]
    assert errors[0].message == errors[2].message


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (parse_date("2020-09-13"), "13 September 2020"),
        (parse_date("September 2020"), "September 2020"),
        (parse_date("2020"), "2020"),
        (parse_date("late September 2020"), "late September 2020"),
        (parse_date("mid 2020"), "mid-2020"),
        (parse_date("around 13 September 2020"), "c. 13 September 2020"),
        (parse_date("Sept. 26-27, 2020"), "26–27 September 2020"),
        (parse_date("Sept. 30 – Oct. 2, 2020"), "30 September – 2 October 2020"),
        (parse_date("30 December 2020 – 2 January 2021"), "30 December 2020 – 2 January 2021"),
        (parse_date("Q3 2020"), "Q3 2020"),
        (parse_date("the 1990s"), "1990s"),
        (parse_date("week of 16 September 2020"), "week of 14 September 2020"),
        (parse_date("September – October 2020"), "September – October 2020"),
        (parse_date("2019–2021"), "2019 – 2021"),
    ],
)
def test_describes_dates_as_people_write_them(value: DateValue, text: str) -> None:
    assert describe_date(value) == text
    assert parse_date(text) == value


def test_combine_range_takes_the_coarser_precision() -> None:
    first, last = parse_date("13 September 2020"), parse_date("late October 2020")
    combined = combine_range(first, last)
    assert combined == DateValue(date(2020, 9, 13), date(2020, 10, 31), Precision.MONTH, True, True)


def test_combine_range_refuses_an_end_before_the_start() -> None:
    with pytest.raises(DateError, match=r"end '12 September 2020' is before start '13 September 2020'; "):
        combine_range(parse_date("13 September 2020"), parse_date("12 September 2020"))


days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
@settings(max_examples=300, deadline=None)
def test_any_day_reads_back_as_itself(day: date) -> None:
    exact = DateValue(day, day, Precision.DAY)
    assert parse_date(day.isoformat()) == exact
    assert parse_date(describe_date(exact)) == exact
    written = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if day >= date(1582, 10, 15):
        assert parse_date(written) == exact
    elif day.year >= 100:  # before the reform a month's name means Julian; "(Gregorian)" says otherwise
        assert parse_date(f"{written} (Gregorian)") == exact
        julian = parse_date(written)
        assert abs((julian.start - day).days) <= 10  # the calendars drift apart by a day a century


def _values() -> st.SearchStrategy[DateValue]:
    def month(day: date) -> DateValue:
        return parse_date(f"{day.year:04d}-{day.month:02d}")  # ISO: any year from 1

    def year(day: date) -> DateValue:
        return parse_date(f"{day.year:04d}")

    def span(pair: tuple[date, int]) -> DateValue:
        start, length = pair
        return DateValue(start, start + timedelta(days=length), Precision.DAY, is_range=True)

    approximate = st.builds(lambda v: DateValue(v.start, v.end, v.precision, True), days.map(month) | days.map(year))
    return (
        days.map(lambda d: DateValue(d, d, Precision.DAY))
        | days.map(month)
        | days.map(year)
        | approximate
        | st.tuples(st.dates(min_value=date(1, 1, 1), max_value=date(9990, 1, 1)), st.integers(1, 400)).map(span)
        | st.tuples(days, st.sampled_from(list(Precision))).map(  # every unit of any era: "7th century", "Q3 622"
            lambda pair: DateValue(*period_of(pair[0], pair[1]), pair[1]))
    )


@given(_values())
@settings(max_examples=200, deadline=None)
def test_described_dates_read_back_the_same(value: DateValue) -> None:
    assert parse_date(describe_date(value)) == value


def test_mixed_texts_are_quick_once_cached() -> None:
    texts = [f"{n % 28 + 1} {MONTHS[n % 12]} {1900 + n % 120}" for n in range(300)]
    for text in texts:
        parse_date(text)
    started = time.perf_counter()
    for text in texts * 10:
        parse_date(text)
    assert (time.perf_counter() - started) / (len(texts) * 10) < 0.0005  # a cached read is a lookup


# The regex fast path (timeline.writtendates) must give exactly what the dateparser path gives.
_SPELLINGS = [s for name in MONTHS for s in sorted({name, name[:3], f"{name[:3]}.", name.upper(), name.lower()})]
_SPELLINGS += ["Sept", "Sept.", "sept.", "SEPT", "Sep."]
_REFERENCES = [REF, date(2020, 1, 1), date(2020, 12, 31), date(2021, 3, 1), date(2020, 2, 29),
               date(2020, 2, 28), date(2100, 3, 1), date(1000, 1, 1)]  # fmt: skip
FAST = sorted(
    {(form, None) for m in _SPELLINGS for form in (
        f"13 {m} 2020", f"{m} 13, 2020", f"{m} 13 2020", f"{m} 2020", f"{m}, 2021", f"1st {m} 2021",
        f"{m} 2nd, 1999", f"22nd {m}, 2001", f"{m} 23rd 1850", f"04 {m} 2020", f"{m} 28, 2024",
    )}
    | {(form, ref) for m in _SPELLINGS[::3] for ref in _REFERENCES for form in (f"{m} 13", f"28 {m}")}
    | {(text, ref) for ref in [*_REFERENCES, None] for text in (
        "Sept. 13", "13 September", "Dec. 5", "Feb 29", "29 February", "Feb. 28", "Sept. 28",
        "Sept 29", "Jan. 1", "Dec. 31", "March 1st",
        "late September 2020", "early Sept. 2020", "mid-Feb. 2021", "around Sept. 13, 2020",
        "c. 13 Sept 2020", "Sept. 26-27, 2020", "Sept. 30 – Oct. 2, 2020", "from Sept. 26 to 27, 2020",
        "30 December – 2 January 2021", "13 September 2020 to 2 October 2020",
        "29 February 2020", "29 February 2000", "Feb 29, 2024", "13 September 0999", "1 January 1000",
        "31 December 9999", "  13   September\t2020 ",
    )},
    key=str,
)  # fmt: skip
# Days a month does not have, near misses, and a reference so early that the year would fall
# before 1: the fast path leaves these to dateparser and must change nothing.
SLOW = [(text, ref) for ref in (None, REF, date(2021, 3, 1), date(1, 6, 1)) for text in (
    "31 June 2020", "June 31, 2020", "31 Sept 2020", "Sept. 31", "31 Sept", "29 Feb 2021",
    "Feb 29, 2100", "Feb 30", "30 February 2020", "0 September 2020", "Sept 0", "32 May 2020",
    "May 32", "13 September 0000", "Dec 31", "Feb 29", "Sept. 13.", "Sept 13 2020.", "13Sept 2020",
    "Sept.13, 2020", "Sept. 13 ,2020", "September", "late September", "Septem 13, 2020", "13 Sep 20",
    "Tuesday, 14 September 2020", "the 13th of September 2020", "13 September 2020 (approx.)",
)]  # fmt: skip


def _outcome(text: str, reference: date | None, *, fast: bool) -> object:
    """parse_date's result or error (type, message), uncached, with or without the fast path."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "_read_cached", dates._read_cached.__wrapped__)
        if not fast:
            patch.setattr(dates, "match_written", lambda text: None)
        try:
            value: object = parse_date(text, reference=reference)
        except DateError as err:
            value = (type(err), err.message)
        try:  # the first, reference-free pass decides whether parse_date retries with one
            first: object = dates._read_cached(text, None, None)
        except DateError as err:
            first = err
        return value, (type(first), getattr(first, "message", first))


def _without_dateparser(text: str, reference: date | None) -> object:
    def refuse(*args: object) -> None:
        raise AssertionError(f"dateparser called for {text!r}")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "_engine_read", refuse)
        return _outcome(text, reference, fast=True)


@pytest.mark.parametrize(("text", "reference"), FAST)
def test_fast_path_reads_as_dateparser_does(text: str, reference: date | None) -> None:
    assert _without_dateparser(text, reference) == _outcome(text, reference, fast=False)


@pytest.mark.parametrize(("text", "reference"), SLOW)
def test_fast_path_leaves_the_rest_to_dateparser(text: str, reference: date | None) -> None:
    assert _outcome(text, reference, fast=True) == _outcome(text, reference, fast=False)


@st.composite
def _written_dates(draw: st.DrawFn) -> tuple[str, date | None]:
    day = draw(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
    number = draw(st.sampled_from([day.day, day.day, day.day + 1, day.day + 3, 31, 29]))
    name = MONTHS[day.month - 1]
    month = draw(st.sampled_from([name, name[:3], f"{name[:3]}.", name.upper(), name.lower()]))
    if day.month == 9:
        month = draw(st.sampled_from([month, "Sept", "Sept.", "sept", "Sep."]))
    numeral = f"{number}{draw(st.sampled_from(['', '', 'st', 'nd', 'rd', 'th', 'TH']))}"
    comma = draw(st.sampled_from(["", ","]))
    year = draw(st.sampled_from([f" {day.year}", f"{comma} {day.year}", ""]))
    form = draw(st.sampled_from([f"{numeral} {month}{year}", f"{month} {numeral}{year}",
                                 f"{month}{comma} {day.year}"]))  # fmt: skip
    reference = draw(st.none() | st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
    return form, reference


@given(_written_dates())
@settings(max_examples=300, deadline=None)
def test_fast_path_matches_dateparser_on_random_days(case: tuple[str, date | None]) -> None:
    text, reference = case
    assert _outcome(text, reference, fast=True) == _outcome(text, reference, fast=False)


@pytest.mark.parametrize("text", ["الجمعة 25 سبتمبر 2020", "الجمعة، 25 سبتمبر 2020", "الخميس 24 أيلول 2020",
                                  "Friday, 25 September 2020"])
def test_a_weekday_that_matches_its_day_is_accepted(text: str) -> None:
    assert parse_date(text).start == date(2020, 9, 24 if "24" in text else 25)


def test_a_short_hijri_year_is_refused_not_read_as_another_century() -> None:
    # dateparser reads '61' as 1461 (4 February 2039): a silent wrong date. Early Islamic years are
    # written with AH, which the tabular calendar reads.
    with pytest.raises(DateError, match=r"the year 61 would be read as 1461; .*'10 Muharram 61 AH'"):
        parse_date("10 محرم 61 هـ")
    assert parse_date("10 Muharram 61 AH").start == date(680, 10, 13)  # 10 October 680 in the Julian calendar
