"""Dates before the common era (issue 13): reading BCE text, writing it back, the ``Day`` type that
holds days before 1 CE, sorting BCE with CE, and exporting expanded ISO years.

Expected values are derived independently of the code under test where possible:
- Julian to proleptic Gregorian: the Gregorian date is the Julian one minus
  (2 - floor(Y/100) + floor(Y/400)) days (astronomical year Y, taking the year before for January
  and February): 2 days in 44 BC, 5 in 331 BC, 6 in 539 BC;
- Julian Day 0 (1 January 4713 BC, Julian) is 24 November 4714 BCE (Gregorian), astronomical year
  -4713, a Monday, 1,721,426 days before 1 January 1 CE;
- 400 Gregorian years are 146,097 days, a whole number of weeks.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import pickle
import random
import re
from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from timeline.dates.days import Day, day_from_ordinal, era_year, make_day, parse_iso_day
from timeline.dates.periods import THIRDS_OF, describe_date, period_of, thirds_of
from timeline.dates.reading import parse_date
from timeline.errors import DateError
from timeline.model import DateValue, Precision

M = make_day  # astronomical years: M(-43, 3, 15) is 15 March 44 BCE (Gregorian)
D = date

READ = [
    # text, start, end, precision, approximate
    ("300 BCE", M(-299, 1, 1), M(-299, 12, 31), Precision.YEAR, False),
    ("300 BC", M(-299, 1, 1), M(-299, 12, 31), Precision.YEAR, False),
    ("300 B.C.", M(-299, 1, 1), M(-299, 12, 31), Precision.YEAR, False),
    ("300 B.C.E.", M(-299, 1, 1), M(-299, 12, 31), Precision.YEAR, False),
    ("1 BCE", M(0, 1, 1), M(0, 12, 31), Precision.YEAR, False),  # ISO year 0
    ("9999 BCE", M(-9998, 1, 1), M(-9998, 12, 31), Precision.YEAR, False),  # the first year kept
    # Days with a month's name are Julian, kept in proleptic Gregorian.
    ("15 March 44 BC", M(-43, 3, 13), M(-43, 3, 13), Precision.DAY, False),  # Julian 2 days ahead
    ("Mar. 15, 44 BC", M(-43, 3, 13), M(-43, 3, 13), Precision.DAY, False),
    ("15 March 44 BC (Julian)", M(-43, 3, 13), M(-43, 3, 13), Precision.DAY, False),
    ("15 March 44 BC (Gregorian)", M(-43, 3, 15), M(-43, 3, 15), Precision.DAY, False),
    ("12 October 539 BC", M(-538, 10, 6), M(-538, 10, 6), Precision.DAY, False),  # 6 days
    ("1 October 331 BC", M(-330, 9, 26), M(-330, 9, 26), Precision.DAY, False),  # 5 days
    ("29 February 45 BC", M(-44, 2, 27), M(-44, 2, 27), Precision.DAY, False),  # a Julian leap day
    ("1 January 4713 BC", M(-4713, 11, 24), M(-4713, 11, 24), Precision.DAY, False),  # Julian Day 0
    ("31 December 1 BC", M(0, 12, 29), M(0, 12, 29), Precision.DAY, False),
    ("week of 15 March 44 BC", M(-43, 3, 11), M(-43, 3, 17), Precision.WEEK, False),  # 13 March was a Wednesday
    ("March 44 BCE", M(-43, 3, 1), M(-43, 3, 31), Precision.MONTH, False),
    ("February 1 BCE", M(0, 2, 1), M(0, 2, 29), Precision.MONTH, False),  # year 0 is a Gregorian leap year
    ("Q2 44 BCE", M(-43, 4, 1), M(-43, 6, 30), Precision.QUARTER, False),
    ("3rd century BCE", M(-299, 1, 1), M(-200, 12, 31), Precision.CENTURY, False),  # 300-201 BCE
    ("the 1st century BCE", M(-99, 1, 1), M(0, 12, 31), Precision.CENTURY, False),  # 100-1 BCE
    ("100th century BCE", M(-9998, 1, 1), M(-9900, 12, 31), Precision.CENTURY, False),  # cut at 9999 BCE
    # Thirds count from the first year in time: 300-268, 267-234, 233-201 BCE.
    ("early 3rd century BCE", M(-299, 1, 1), M(-267, 12, 31), Precision.CENTURY, True),
    ("mid-3rd century BCE", M(-266, 1, 1), M(-233, 12, 31), Precision.CENTURY, True),
    ("late 3rd century BC", M(-232, 1, 1), M(-200, 12, 31), Precision.CENTURY, True),
    ("mid-to-late 3rd century BCE", M(-266, 1, 1), M(-200, 12, 31), Precision.CENTURY, True),
    ("the 40s BC", M(-48, 1, 1), M(-39, 12, 31), Precision.DECADE, False),  # 49-40 BC
    ("early 40s BCE", M(-48, 1, 1), M(-45, 12, 31), Precision.DECADE, True),  # 49-46 BC
    ("decade 309–300 BCE", M(-308, 1, 1), M(-299, 12, 31), Precision.DECADE, False),
    ("decade 9–1 BCE", M(-8, 1, 1), M(0, 12, 31), Precision.DECADE, False),
    ("early 44 BCE", M(-43, 1, 1), M(-43, 4, 30), Precision.YEAR, True),
    ("late March 44 BCE", M(-43, 3, 21), M(-43, 3, 31), Precision.MONTH, True),
    ("c. 300 BCE", M(-299, 1, 1), M(-299, 12, 31), Precision.YEAR, True),
    ("300 BCE?", M(-299, 1, 1), M(-299, 12, 31), Precision.YEAR, True),
    ("3rd century BCE?", M(-299, 1, 1), M(-200, 12, 31), Precision.CENTURY, True),
    ("c. 15 March 44 BC", M(-43, 3, 13), M(-43, 3, 13), Precision.DAY, True),
    # Ranges.
    ("300–250 BCE", M(-299, 1, 1), M(-249, 12, 31), Precision.YEAR, False),
    ("from 300 BC to 250 BC", M(-299, 1, 1), M(-249, 12, 31), Precision.YEAR, False),
    ("between 300 and 250 BC", M(-299, 1, 1), M(-249, 12, 31), Precision.YEAR, False),
    ("c. 1792–1750 BCE", M(-1791, 1, 1), M(-1749, 12, 31), Precision.YEAR, True),
    ("15–17 March 44 BC", M(-43, 3, 13), M(-43, 3, 15), Precision.DAY, False),
    ("March – May 44 BCE", M(-43, 3, 1), M(-43, 5, 31), Precision.MONTH, False),
    ("Q1 44 BCE – Q3 44 BCE", M(-43, 1, 1), M(-43, 9, 30), Precision.QUARTER, False),
    ("5th century BCE – 3rd century BCE", M(-499, 1, 1), M(-200, 12, 31), Precision.CENTURY, False),
    ("44 BCE – 14 CE", M(-43, 1, 1), D(14, 12, 31), Precision.YEAR, False),
    ("44 BC – AD 14", M(-43, 1, 1), D(14, 12, 31), Precision.YEAR, False),
    ("1 BCE – 1 CE", M(0, 1, 1), D(1, 12, 31), Precision.YEAR, False),
    # ISO 8601 expanded years: astronomical and proleptic Gregorian, no Julian conversion.
    ("-0299-03-15", M(-299, 3, 15), M(-299, 3, 15), Precision.DAY, False),
    ("-0043-03", M(-43, 3, 1), M(-43, 3, 31), Precision.MONTH, False),
    ("-0299", M(-299, 1, 1), M(-299, 12, 31), Precision.YEAR, False),
    ("0000", M(0, 1, 1), M(0, 12, 31), Precision.YEAR, False),
    ("0000-12-31", M(0, 12, 31), M(0, 12, 31), Precision.DAY, False),
]
RANGES = {"300–250 BCE", "from 300 BC to 250 BC", "between 300 and 250 BC", "c. 1792–1750 BCE",
          "15–17 March 44 BC", "March – May 44 BCE", "Q1 44 BCE – Q3 44 BCE",
          "5th century BCE – 3rd century BCE", "44 BCE – 14 CE", "44 BC – AD 14", "1 BCE – 1 CE"}


@pytest.mark.parametrize(("text", "start", "end", "precision", "approximate"), READ, ids=[r[0] for r in READ])
def test_bce_forms_are_read(text: str, start: date, end: date, precision: Precision, approximate: bool) -> None:
    value = parse_date(text)
    assert (value.start, value.end, value.precision, value.approximate) == (start, end, precision, approximate)
    assert value.is_range == (text in RANGES)


@pytest.mark.parametrize(("text", "start", "end", "precision", "approximate"), READ, ids=[r[0] for r in READ])
def test_bce_forms_are_written_back_as_read(text: str, start: date, end: date, precision: Precision,
                                            approximate: bool) -> None:
    value = parse_date(text)
    assert parse_date(describe_date(value)) == value


def test_bce_values_are_written_as_people_write_them() -> None:
    written = {
        "15 March 44 BC": "15 March 44 BCE (Julian)",
        "15 March 44 BC (Gregorian)": "17 March 44 BCE (Julian)",  # written back in Julian, 2 days on
        "-0299-03-15": "19 March 300 BCE (Julian)",  # 4 days in 300 BC
        "300 B.C.": "300 BCE",
        "the 40s BC": "40s BCE",
        "decade 9–1 BCE": "decade 9–1 BCE",
        "the 1st century BCE": "1st century BCE",
        "mid-to-late 3rd century BCE": "mid-to-late 3rd century BCE",
        "300 BCE?": "c. 300 BCE",
        "from 300 BC to 250 BC": "300 BCE – 250 BCE",
        "44 BC – AD 14": "44 BCE – 14 CE",
        "0000": "1 BCE",
        "0000-12-31": "0000-12-31",  # 2 January 1 CE in Julian: no BCE Julian text for it
    }
    assert {text: describe_date(parse_date(text)) for text in written} == written


REFUSED = [
    # text, phrase in the message
    ("-300", "'-0299' with four digits"),  # 300 or 301 BCE? Tools disagree
    ("-300-03-15", "four digits"),
    ("the 300s BCE", "'decade 309–300 BCE'"),
    ("the 300s BC", "'4th century BCE'"),
    ("0 BCE", "there is no year 0"),
    ("10000 BC", "from 9999 BCE to 1 BCE"),
    ("-9999", "before 9999 BCE"),
    ("101st century BCE", "from the 1st to the 100th BCE"),
    ("44 BCE – 50 BCE", "runs backwards"),
    ("30 February 44 BC", "not a day of the Julian calendar"),
    ("29 February 44 BC", "February 44 BCE has 28 days"),  # 44 BC is no Julian leap year
    ("31 April 44 BC (Gregorian)", "is not a real day"),
    ("-0299-02-30", "is not a real day"),
    ("1 January 5000 BC", "write the year or the month"),
    ("1 January 4714 BC", "before 4713 BCE"),  # the day before Julian Day 0's year
    ("decade 310–301 BCE", "is not one decade"),
    ("early Q2 44 BCE", "needs a month, year, decade or century"),
    ("Foo 44 BC", "date before the common era"),
]


@pytest.mark.parametrize(("text", "phrase"), REFUSED, ids=[r[0] for r in REFUSED])
def test_bce_guesses_are_refused_with_what_to_write(text: str, phrase: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert phrase in caught.value.message


# "early decade 309–300 BCE" is how describe_date writes a third of such a decade, and it cannot
# be read back (see test_a_third_of_a_bce_decade_written_with_its_years_reads_back); the loops and
# the property test leave out exactly these texts so that they check everything else.


def _reads_back(value: DateValue) -> str | None:
    """Return what went wrong writing ``value`` and reading it back, or None."""
    text = describe_date(value)
    try:
        again = parse_date(text)
    except DateError as err:
        return f"{value} -> {text!r} -> {err.message}"
    return None if again == value else f"{value} -> {text!r} -> {again}"


def test_every_unit_and_third_of_early_and_edge_bce_years_reads_back_as_itself() -> None:
    bce_years = [*range(1, 131), *range(295, 306), *range(995, 1006), *range(9990, 10000)]
    wrong = []
    for year in (1 - bce for bce in bce_years):
        for month in (1, 12):
            for precision in Precision:
                value = DateValue(*period_of(make_day(year, month, 15), precision), precision)
                values = [value, DateValue(value.start, value.end, precision, True)]
                if precision in THIRDS_OF:
                    spans = thirds_of(value.start, value.end, precision)
                    values += [DateValue(*span, precision, True) for span in spans]
                    values += [DateValue(spans[0][0], spans[1][1], precision, True),
                               DateValue(spans[1][0], spans[2][1], precision, True)]
                for each in values:
                    if problem := _reads_back(each):
                        wrong.append(problem)
    assert wrong == []


def test_days_before_the_julian_day_count_are_written_in_iso_and_read_back() -> None:
    """Before 1 January 4713 BC (Julian) no Julian day is counted and the reader refuses Julian
    text, so such a day is written in ISO 8601 (proleptic Gregorian), which reads back."""
    first = M(-4713, 11, 24)  # Julian Day 0
    assert describe_date(DateValue(first, first, Precision.DAY)) == "1 January 4713 BCE (Julian)"
    before = first - timedelta(days=1)
    assert describe_date(DateValue(before, before, Precision.DAY)) == "-4713-11-23"
    assert parse_date("-4713-11-23") == DateValue(before, before, Precision.DAY)
    for offset in range(-60, 60):  # on either side, every day reads back
        day = first + timedelta(days=offset)
        assert _reads_back(DateValue(day, day, Precision.DAY)) is None


def test_every_day_around_the_era_boundary_and_in_a_julian_leap_year_reads_back() -> None:
    days = [M(-44, 1, 1) + timedelta(days=n) for n in range(366 + 365)]  # 45-44 BC; 45 BC is Julian leap
    days += [M(-1, 12, 1) + timedelta(days=n) for n in range(366 + 31 + 31)]  # through January 1 CE
    for day in days:
        value = DateValue(day, day, Precision.DAY)
        assert _reads_back(value) is None
        assert parse_date(day.isoformat()) == value


@pytest.mark.parametrize(("text", "start", "end"), [
    ("early decade 309–300 BCE", M(-308, 1, 1), M(-305, 12, 31)),  # 309-306 BCE
    ("mid-decade 9–1 BCE", M(-4, 1, 1), M(-2, 12, 31)),  # 5-3 BCE
    ("late decade 1009–1000 BCE", M(-1001, 1, 1), M(-999, 12, 31)),  # 1002-1000 BCE
])
def test_a_third_of_a_bce_decade_written_with_its_years_reads_back(text: str, start: date, end: date) -> None:
    value = DateValue(start, end, Precision.DECADE, approximate=True)
    assert describe_date(value) == text  # this is how the value is written ...
    assert parse_date(text) == value  # ... and it should read back


@pytest.mark.parametrize(("text", "like"), [
    ("15-17 March 44 BC", "15–17 March 44 BC"),
    ("decade 309-300 BCE", "decade 309–300 BCE"),
])
def test_bce_spans_with_a_hyphen_read_as_their_ce_counterparts_do(text: str, like: str) -> None:
    assert parse_date(text) == parse_date(like)


@pytest.mark.parametrize(("start", "end"), [
    (M(-408, 1, 1), M(-79, 12, 31)),  # 'decade 409–400 BCE – 80s BCE'
    (M(-308, 1, 1), M(-99, 12, 31)),  # 'decade 309–300 BCE – decade 109–100 BCE'
    (D(1700, 1, 1), D(1729, 12, 31)),  # 'decade 1700–1709 – 1720s'
])
def test_a_range_starting_with_a_spelled_decade_reads_back(start: date, end: date) -> None:
    value = DateValue(start, end, Precision.DECADE, is_range=True)
    assert describe_date(value).startswith("decade ")
    assert parse_date(describe_date(value)) == value


@pytest.mark.parametrize(("start", "end", "written"), [
    (D(70, 1, 1), D(89, 12, 31), "70s CE – 80s CE"),
    (M(-398, 1, 1), D(79, 12, 31), "390s BCE – 70s CE"),
])
def test_a_decade_range_ending_in_the_first_century_ce_is_written_right(start: date, end: date,
                                                                       written: str) -> None:
    value = DateValue(start, end, Precision.DECADE, is_range=True)
    assert describe_date(value) == written
    assert parse_date(written) == value


@pytest.mark.parametrize("year", [56, 622])
def test_a_month_range_within_a_year_before_1000_ce_reads_back(year: int) -> None:
    value = DateValue(D(year, 1, 1), D(year, 5, 31), Precision.MONTH, is_range=True)
    assert parse_date(describe_date(value)) == value


@pytest.mark.parametrize(("text", "start", "end", "precision"), [
    ("January 33 CE – May 34 CE", D(33, 1, 1), D(34, 5, 31), Precision.MONTH),
    ("March 33 CE – May 33 CE", D(33, 3, 1), D(33, 5, 31), Precision.MONTH),
    ("7 CE – 8 CE", D(7, 1, 1), D(8, 12, 31), Precision.YEAR),
])
def test_a_range_within_the_first_century_ce_is_read(text: str, start: date, end: date,
                                                     precision: Precision) -> None:
    assert parse_date(text) == DateValue(start, end, precision, is_range=True)


@pytest.mark.parametrize("text", ["week of 31 December 9999", "week of -9998-01-01"])
def test_the_week_of_an_edge_day_stays_within_the_years_kept(text: str) -> None:
    try:
        value = parse_date(text)
    except DateError:
        return  # refusing it, with what to write, would do
    assert M(-9998, 1, 1) <= value.start and value.end <= D(9999, 12, 31)


@pytest.mark.parametrize("text", ["March 44 BCE – 14 CE", "13 September 2020 – 2021"])
def test_a_range_of_mixed_precision_reads_back_as_itself(text: str) -> None:
    value = parse_date(text)
    assert parse_date(describe_date(value)) == value


# Any era: every day from 1 January 4712 BCE (Julian days are written from 4713 BC on) to the last
# whole week of 9999 CE (the week of 27-31 December 9999 would end in 10000: pinned above).
_FIRST, _LAST = M(-4711, 1, 1).toordinal(), D(9999, 12, 26).toordinal()
_days = st.integers(_FIRST, _LAST).map(day_from_ordinal)


@st.composite
def _units(draw: st.DrawFn, precision: Precision | None = None) -> DateValue:
    precision = precision or draw(st.sampled_from(list(Precision)))
    start, end = period_of(draw(_days), precision)
    return DateValue(start, end, precision, draw(st.booleans()))


@st.composite
def _thirds(draw: st.DrawFn) -> DateValue:
    precision = draw(st.sampled_from(THIRDS_OF))
    spans = thirds_of(*period_of(draw(_days), precision), precision)
    low, high = draw(st.sampled_from([(0, 0), (1, 1), (2, 2), (0, 1), (1, 2)]))
    return DateValue(spans[low][0], spans[high][1], precision, True)


@st.composite
def _ranges(draw: st.DrawFn) -> DateValue:
    """Two whole units of one precision, the first ending before the second starts."""
    precision = draw(st.sampled_from(list(Precision)))
    first, last = sorted((draw(_units(precision)), draw(_units(precision))), key=lambda v: v.start)
    assume(first.end < last.start)
    return DateValue(first.start, last.end, precision, first.approximate or last.approximate, True)


@given(_units() | _thirds() | _ranges())
@settings(max_examples=300, deadline=None)
def test_values_of_any_era_read_back_as_themselves(value: DateValue) -> None:
    assert _reads_back(value) is None


def test_bce_and_ce_events_sort_in_historical_order() -> None:
    ordered = ["1 January 4713 BC", "c. 1792–1750 BCE", "12 October 539 BC", "3rd century BCE",
               "1st century BCE", "the 40s BC", "44 BCE", "15 March 44 BC", "Q2 44 BCE", "decade 9–1 BCE",
               "1 BCE", "31 December 1 BC", "0000-12-30", "AD 1", "AD 33", "622", "14 October 1066", "2020"]
    shuffled = ordered[:]
    random.Random(13).shuffle(shuffled)
    assert sorted(shuffled, key=lambda t: parse_date(t).start) == ordered
    ends = sorted(shuffled, key=lambda t: parse_date(t).end)
    assert ends.index("3rd century BCE") < ends.index("1st century BCE") < ends.index("AD 1")


# -- the Day type ----------------------------------------------------------------------------


def test_make_day_gives_a_date_from_1_ce_and_a_day_before() -> None:
    assert type(M(1, 1, 1)) is date and M(1, 1, 1) == D(1, 1, 1)
    assert type(M(0, 12, 31)) is Day
    assert type(M(0, 12, 31) + timedelta(days=1)) is date  # crossing into the common era gives a date
    assert type(D(1, 1, 1) - M(0, 12, 31)) is timedelta
    assert M(-43, 3, 15).replace(year=1) == D(1, 3, 15)
    assert M(-43, 3, 15).replace(month=2, day=28) == M(-43, 2, 28)


def test_day_compares_with_date_both_ways() -> None:
    last_bce, first_ce = M(0, 12, 31), D(1, 1, 1)
    assert last_bce < first_ce and first_ce > last_bce
    assert last_bce <= first_ce and first_ce >= last_bce
    assert not last_bce > first_ce and not first_ce < last_bce
    assert last_bce != first_ce and first_ce != last_bce
    assert not last_bce == first_ce and not first_ce == last_bce
    assert M(-299, 1, 1) < M(-43, 3, 15) < M(0, 1, 1) < D(2020, 1, 1)
    mixed = [D(2020, 1, 1), M(-43, 3, 15), D(1, 1, 1), M(-299, 1, 1), M(0, 12, 31)]
    assert sorted(mixed) == [M(-299, 1, 1), M(-43, 3, 15), M(0, 12, 31), D(1, 1, 1), D(2020, 1, 1)]
    assert min(mixed) == M(-299, 1, 1) and max(mixed) == D(2020, 1, 1)
    assert M(-43, 3, 15) != "-0043-03-15" and M(-43, 3, 15) != -15997
    with pytest.raises(TypeError):
        M(-43, 3, 15) < "-0043-03-15"  # noqa: B015


def test_equal_days_are_equal_and_hash_alike() -> None:
    made, counted, read = M(-43, 3, 15), day_from_ordinal(M(-43, 3, 15).toordinal()), parse_iso_day("-0043-03-15")
    assert made == counted == read and made is not counted
    assert len({made, counted, read}) == 1 and {made: 1}[read] == 1
    assert hash(made) == hash(copy.deepcopy(made))
    assert len({M(-43, 3, 15), M(-43, 3, 16), D(1, 1, 1), M(0, 12, 31)}) == 4
    with pytest.raises(AttributeError):
        made._ordinal = 5  # type: ignore[misc]


def test_ordinals_continue_the_common_era_count_backwards() -> None:
    assert M(0, 12, 31).toordinal() == 0 and D(1, 1, 1).toordinal() == 1
    assert M(0, 1, 1).toordinal() == -365  # year 0 has 366 days
    assert M(-4713, 11, 24).toordinal() == 1 - 1_721_426  # Julian Day 0
    assert D(2000, 1, 1) - M(0, 1, 1) == timedelta(days=5 * 146_097)  # five 400-year cycles
    assert M(0, 1, 1) - M(-400, 1, 1) == timedelta(days=146_097)
    with pytest.raises(ValueError):
        Day(1)  # the common era is a date's


def test_subtraction_and_addition_cross_the_era_boundary() -> None:
    assert D(1, 1, 1) - M(0, 12, 31) == timedelta(days=1)
    assert M(0, 12, 31) - D(1, 1, 1) == timedelta(days=-1)
    assert D(1, 1, 1) - M(0, 1, 1) == timedelta(days=366)
    assert M(-43, 3, 15) - M(-43, 3, 13) == timedelta(days=2)
    assert M(0, 12, 31) + timedelta(days=1) == D(1, 1, 1)
    assert timedelta(days=1) + M(0, 12, 31) == D(1, 1, 1)
    assert M(0, 12, 31) - timedelta(days=-1) == D(1, 1, 1)
    assert M(0, 12, 31) + timedelta(days=-1) == M(0, 12, 30)
    assert M(0, 12, 31) - timedelta(days=366) == M(-1, 12, 31)
    assert M(-1, 12, 31) + timedelta(days=367) == D(1, 1, 1)
    assert M(0, 2, 28) + timedelta(days=1) == M(0, 2, 29)  # a leap day in year 0
    assert M(-100, 2, 28) + timedelta(days=1) == M(-100, 3, 1)  # none in year -100
    assert M(-43, 3, 15) + timedelta(hours=12) == M(-43, 3, 15)  # whole days only
    picker = random.Random(13)
    for _ in range(500):
        day, days = day_from_ordinal(picker.randint(-3_000_000, 0)), picker.randint(-10_000, 3_000_000)
        later = day + timedelta(days=days)
        assert later - day == timedelta(days=days) and day - later == timedelta(days=-days)
        assert later.toordinal() == day.toordinal() + days
        # A plain date cannot step back over 1 January 1 CE (datetime raises OverflowError); the
        # ordinal can: day_from_ordinal(d.toordinal() - n).
        assert day_from_ordinal(later.toordinal() - days) == day
        if isinstance(later, Day):
            assert later - timedelta(days=days) == day
    assert day_from_ordinal(D(1, 1, 1).toordinal() - 1) == M(0, 12, 31)


def test_weekdays_run_on_across_the_era_boundary() -> None:
    assert M(0, 12, 31).weekday() == (D(1, 1, 1).weekday() - 1) % 7 == 6  # 1 January 1 CE is a Monday
    assert M(-4713, 11, 24).weekday() == 0  # Julian Day 0 was a Monday
    day = M(-3, 1, 1)
    for _ in range(2000):
        nxt = day + timedelta(days=1)
        assert nxt.weekday() == (day.weekday() + 1) % 7
        day = nxt
    picker = random.Random(13)
    for _ in range(300):  # 400 years are whole weeks: a BCE day falls on its day 2400 years on
        day = day_from_ordinal(picker.randint(M(-2000, 1, 1).toordinal(), 0))
        assert day.weekday() == D(day.year + 2400, day.month, day.day).weekday()


def test_isoformat_and_parse_iso_day_round_trip() -> None:
    assert M(-299, 3, 15).isoformat() == "-0299-03-15" == str(M(-299, 3, 15)) == f"{M(-299, 3, 15)}"
    assert M(0, 1, 1).isoformat() == "0000-01-01"
    assert M(-1, 12, 31).isoformat() == "-0001-12-31"
    assert M(-9998, 1, 1).isoformat() == "-9998-01-01"
    assert f"{M(-43, 3, 15):>12}" == " -0043-03-15"
    assert repr(M(-43, 3, 15)) == "Day('-0043-03-15')"
    assert parse_iso_day("2020-09-13") == D(2020, 9, 13)
    first, last = M(-9998, 1, 1).toordinal(), 0
    ordinals = [*range(first, first + 400), *range(first, last, 997), *range(-800, 1)]
    for ordinal in ordinals:
        day = day_from_ordinal(ordinal)
        text = day.isoformat()
        assert re.fullmatch(r"-?\d{4}-\d\d-\d\d", text)
        assert parse_iso_day(text) == day and make_day(day.year, day.month, day.day) == day
        assert day.toordinal() == ordinal
        nxt = day_from_ordinal(ordinal + 1)  # fields follow each other day by day
        assert (nxt.year, nxt.month, nxt.day) > (day.year, day.month, day.day)


def test_days_pickle_and_copy() -> None:
    for day in (M(-43, 3, 15), M(0, 12, 31), M(-9998, 1, 1)):
        again = pickle.loads(pickle.dumps(day))
        assert type(again) is Day and again == day and again.isoformat() == day.isoformat()
        assert copy.copy(day) == day and copy.deepcopy(day) == day
    value = parse_date("15–17 March 44 BC")
    assert pickle.loads(pickle.dumps(value)) == value


def test_leap_years_are_proleptic_gregorian() -> None:
    for leap in (0, -4, -400, -2000, -9996):
        assert M(leap, 2, 29).month == 2
        assert (M(leap + 1, 1, 1) - M(leap, 1, 1)).days == 366
    for common in (-1, -100, -200, -300, -1900, -43):
        with pytest.raises(ValueError):
            M(common, 2, 29)
        assert (M(common + 1, 1, 1) - M(common, 1, 1)).days == 365


def test_make_day_refuses_days_that_do_not_exist() -> None:
    for args in ((-43, 2, 30), (-43, 4, 31), (-43, 13, 1), (-43, 0, 1), (-43, 1, 0), (-9999, 12, 31),
                 (-10_000, 1, 1)):
        with pytest.raises(ValueError):
            M(*args)
    assert M(-9998, 1, 1).year == -9998
    with pytest.raises(ValueError):
        parse_iso_day("-0043-02-30")


def test_era_years_are_written_as_people_write_them() -> None:
    assert [era_year(y) for y in (-299, -43, 0, 1, 33, 999, 2020)] == [
        "300 BCE", "44 BCE", "1 BCE", "1 CE", "33 CE", "999 CE", "2020"]


# -- export ----------------------------------------------------------------------------------


def test_json_and_csv_write_expanded_iso_years_in_date_order(tmp_path) -> None:
    from timeline.export.formats import events_csv, events_json
    from timeline.store.loading import load_timeline

    source = "tests/data/valid/mesopotamia.yaml"
    timeline = load_timeline(source, use_cache=False)
    records = json.loads(events_json(timeline.events))
    babylon = next(r for r in records if r["id"] == "fall-of-babylon")  # 12 October 539 BC, Julian
    assert (babylon["start"], babylon["end"], babylon["precision"]) == ("-0538-10-06", "-0538-10-06", "day")
    assert babylon["date_text"] == "12 October 539 BC"
    seleucids = next(r for r in records if r["id"] == "seleucid-rule")
    assert (seleucids["start"], seleucids["end"]) == ("-0299-01-01", "-0200-12-31")
    rows = list(csv.DictReader(io.StringIO(events_csv(timeline.events))))
    assert [row["id"] for row in rows] == [r["id"] for r in records]
    assert next(row for row in rows if row["id"] == "fall-of-babylon")["start"] == "-0538-10-06"
    assert next(row for row in rows if row["id"] == "gaugamela")["start"] == "-0330-09-26"  # 1 October 331 BC

    starts = [parse_iso_day(r["start"]) for r in records]
    assert starts == sorted(starts) and starts[0] < D(1, 1, 1) < starts[-1]
    assert [r["start"] for r in records][:3] == ["-1791-01-01", "-1753-01-01", "-0538-10-06"]

    # The loader sorts: the same events written in another order come out the same.
    text = open(source, encoding="utf-8").read()
    head, _, body = text.partition("events:\n")
    events = ["  - id:" + chunk for chunk in body.split("  - id:")[1:]]
    random.Random(7).shuffle(events)
    shuffled = tmp_path / "mesopotamia.yaml"
    shuffled.write_text(head + "events:\n" + "".join(e if e.endswith("\n") else e + "\n" for e in events),
                        encoding="utf-8")
    again = load_timeline(shuffled, use_cache=False)
    assert json.loads(events_json(again.events)) == records
