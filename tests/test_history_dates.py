"""Dates of recorded history (issue 13, first part): years below 1000, AD/CE, centuries, decades of
any century, seasons, a trailing '?', and the forms refused because any reading would be a guess."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.dates.periods import describe_date
from timeline.dates.reading import parse_date
from timeline.errors import DateError
from timeline.model import Precision

D = date
REFERENCE = date(2020, 9, 28)

READ = [
    # text, start, end, precision, approximate
    ("622", D(622, 1, 1), D(622, 12, 31), Precision.YEAR, False),
    ("c. 630", D(630, 1, 1), D(630, 12, 31), Precision.YEAR, True),
    ("AD 622", D(622, 1, 1), D(622, 12, 31), Precision.YEAR, False),
    ("622 CE", D(622, 1, 1), D(622, 12, 31), Precision.YEAR, False),
    ("AD 33", D(33, 1, 1), D(33, 12, 31), Precision.YEAR, False),
    ("33 CE", D(33, 1, 1), D(33, 12, 31), Precision.YEAR, False),
    ("622 – 632 CE", D(622, 1, 1), D(632, 12, 31), Precision.YEAR, False),
    ("August 622", D(622, 8, 1), D(622, 8, 31), Precision.MONTH, False),
    ("0622-08-09", D(622, 8, 9), D(622, 8, 9), Precision.DAY, False),
    ("Q3 622", D(622, 7, 1), D(622, 9, 30), Precision.QUARTER, False),
    ("the 640s", D(640, 1, 1), D(649, 12, 31), Precision.DECADE, False),
    ("the 1990s", D(1990, 1, 1), D(1999, 12, 31), Precision.DECADE, False),
    ("7th century", D(600, 1, 1), D(699, 12, 31), Precision.CENTURY, False),
    ("the 19th century", D(1800, 1, 1), D(1899, 12, 31), Precision.CENTURY, False),
    ("1st century", D(1, 1, 1), D(99, 12, 31), Precision.CENTURY, False),
    ("early 19th century", D(1800, 1, 1), D(1832, 12, 31), Precision.CENTURY, True),
    ("the 1700s", D(1700, 1, 1), D(1799, 12, 31), Precision.CENTURY, False),  # the century, not 1700-1709
    ("mid-1700s", D(1733, 1, 1), D(1766, 12, 31), Precision.CENTURY, True),
    ("Spring 1930", D(1930, 3, 1), D(1930, 6, 30), Precision.MONTH, True),
    ("fall 2001", D(2001, 9, 1), D(2001, 12, 31), Precision.MONTH, True),
    ("winter 1930–31", D(1930, 12, 1), D(1931, 3, 31), Precision.MONTH, True),
    ("1930?", D(1930, 1, 1), D(1930, 12, 31), Precision.YEAR, True),  # the mark is kept, not dropped
    ("13/04/2001 10:00", D(2001, 4, 13), D(2001, 4, 13), Precision.DAY, False),
    ("9 August 1600", D(1600, 8, 9), D(1600, 8, 9), Precision.DAY, False),
    # Before 15 October 1582 a day with a month's name is Julian, as historians write it.
    ("9 August 622", D(622, 8, 12), D(622, 8, 12), Precision.DAY, False),
    ("14 October 1066", D(1066, 10, 20), D(1066, 10, 20), Precision.DAY, False),
    ("4 October 1582", D(1582, 10, 14), D(1582, 10, 14), Precision.DAY, False),  # the day before the reform
    ("14 October 1066 (Gregorian)", D(1066, 10, 14), D(1066, 10, 14), Precision.DAY, False),
    ("1 March 1700 (Julian)", D(1700, 3, 12), D(1700, 3, 12), Precision.DAY, False),  # Britain, Old Style
    ("1 March 1700 O.S.", D(1700, 3, 12), D(1700, 3, 12), Precision.DAY, False),
]

AH = [
    # AH in the tabular Islamic calendar: approximate, as sighted months may differ by a day or two.
    ("61 AH", D(680, 10, 4), D(681, 9, 22), Precision.YEAR),
    ("AH 40", D(660, 5, 20), D(661, 5, 9), Precision.YEAR),
    ("Muharram 61 AH", D(680, 10, 4), D(680, 11, 2), Precision.MONTH),
    ("10 Muharram 61 AH", D(680, 10, 13), D(680, 10, 13), Precision.DAY),  # Karbala: 10 October 680, Julian
    ("Ramadan 1441 AH", D(2020, 4, 24), D(2020, 5, 23), Precision.MONTH),  # as Umm al-Qura has it
    ("1442 AH", D(2020, 8, 20), D(2021, 8, 9), Precision.YEAR),
]


@pytest.mark.parametrize(("text", "start", "end", "precision"), AH, ids=[r[0] for r in AH])
def test_ah_dates_are_read_in_the_tabular_islamic_calendar(text: str, start: date, end: date,
                                                          precision: Precision) -> None:
    value = parse_date(text)
    assert (value.start, value.end, value.precision, value.approximate) == (start, end, precision, True)


@pytest.mark.parametrize(("text", "start", "end", "precision", "approximate"), READ, ids=[r[0] for r in READ])
def test_historical_forms_are_read(text: str, start: date, end: date, precision: Precision, approximate: bool) -> None:
    value = parse_date(text, reference=REFERENCE)
    assert (value.start, value.end, value.precision, value.approximate) == (start, end, precision, approximate)
    assert parse_date(describe_date(value)) == value  # written back, it reads the same


REFUSED = [
    ("-300", "four digits"),  # 300 or 301 BCE? Tools disagree; ISO 8601 '-0299' is read
    ("the 300s BCE", "'decade 309–300 BCE'"),
    ("0 BCE", "there is no year 0"),
    ("10000 BC", "from 9999 BCE to 1 BCE"),
    ("44 BCE – 50 BCE", "runs backwards"),
    ("30 February 44 BC", "not a day of the Julian calendar"),
    ("1 January 5000 BC", "write the year or the month"),
    ("Foo 44 BC", "date before the common era"),
    ("29 February 1700", "is not a real day"),  # no leap day in Gregorian 1700 ...
    ("12 ? 1930", "'1930' when the month is unknown"),
    ("12 [?] 1930", "never guessed"),
    ("1930-??-12", "never guessed"),
    ("03/04/2001 10:00", "could be 3 April or 4 March 2001"),
    ("the 2000s", "'2000–2009' or '21st century'"),
    ("winter 1930", "'winter 1930–31' or 'winter 1929–30'"),
    ("spring 1930–31", "only a winter spans two years"),
    ("the 90s", "does not say which century"),
    ("13 Sep 20", "no four-digit year"),
    ("30 Safar 61 AH", "Safar 61 AH has 29 days"),
    ("Foo 61 AH", "unknown Hijri month 'Foo'"),
]


@pytest.mark.parametrize(("text", "phrase"), REFUSED, ids=[r[0] for r in REFUSED])
def test_guesses_are_refused_with_what_to_write(text: str, phrase: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text, reference=REFERENCE)
    assert phrase in caught.value.message


def test_words_ending_like_an_era_are_not_eras() -> None:
    for text in ("Grace", "Abc 2020"):
        with pytest.raises(DateError, match="is not part of a date"):
            parse_date(text)


def test_centuries_and_days_sort_with_the_rest() -> None:
    texts = ["the 1990s", "7th century", "0622-08-09", "AD 33", "the 1700s", "Spring 1930"]
    ordered = sorted(texts, key=lambda t: parse_date(t).start)
    assert ordered == ["AD 33", "7th century", "0622-08-09", "the 1700s", "Spring 1930", "the 1990s"]


def test_every_unit_and_third_of_early_and_edge_years_reads_back_as_itself() -> None:
    from timeline.dates.periods import THIRDS_OF, period_of, thirds_of
    from timeline.model import DateValue

    years = [*range(1, 130), *range(995, 1006), *range(1695, 1706), *range(1995, 2012), 9990, 9999]
    wrong = []
    for year in years:
        for month in (1, 12):
            for precision in Precision:
                value = DateValue(*period_of(date(year, month, 15), precision), precision)
                values = [value, DateValue(value.start, value.end, precision, True)]
                if precision in THIRDS_OF:
                    values += [DateValue(*third, precision, True) for third in thirds_of(value.start, value.end, precision)]
                for each in values:
                    try:
                        if parse_date(describe_date(each)) != each:
                            wrong.append(describe_date(each))
                    except DateError as err:
                        wrong.append(err.message)
    assert wrong == []


def test_julian_days_are_written_back_in_julian_and_marked() -> None:
    value = parse_date("14 October 1066")
    assert describe_date(value) == "14 October 1066 (Julian)"
    assert parse_date("29 February 1700 (Julian)").start == D(1700, 3, 11)  # ... but one in Julian 1700
    with pytest.raises(DateError, match="not a day of the Julian calendar"):
        parse_date("29 February 1001")


def test_julian_conversion_goes_both_ways_for_any_day() -> None:
    import random

    from timeline.dates.julian import gregorian_to_julian, julian_to_gregorian

    picker = random.Random(13)
    for _ in range(10_000):
        day = date.fromordinal(picker.randint(3, date(9999, 12, 31).toordinal()))
        assert julian_to_gregorian(*gregorian_to_julian(day)) == day
    assert julian_to_gregorian(1582, 10, 4) == D(1582, 10, 14)  # the eve of the reform


def test_an_export_of_early_centuries_names_its_years_and_writes_years_unpadded() -> None:
    from timeline.chart.figure import FigureOptions, build_figure
    from timeline.export.figures import date_range_text
    from timeline.store.loading import load_timeline

    timeline = load_timeline("tests/data/valid/ancient.yaml", use_cache=False)
    assert date_range_text(timeline.events) == "622 – 1258"
    axis = build_figure(timeline.events, FigureOptions()).layout.xaxis
    assert [stop.value for stop in axis.tickformatstops] == ["%-d %b %-Y", "%b %-Y", "%-Y"]
