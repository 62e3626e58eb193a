"""The chart of a store reaching before the common era (issue 13): Plotly's date axis with BCE
days drawn a year early, year 0 cut out, ticks written '44 BCE'."""

from __future__ import annotations

import random
from datetime import date

import numpy as np

from timeline.chart.axisdates import YEAR_ONE_MS, YEAR_ZERO_BREAK, date_ms, era_tick_labels, plotly_dates
from timeline.chart.figure import FigureOptions, build_figure
from timeline.chart.frame import ms
from timeline.chart.labels import figure_geometry
from timeline.dates.days import make_day
from timeline.store.loading import load_timeline

STORE = "tests/data/valid/mesopotamia.yaml"


def test_a_bce_day_is_drawn_in_the_axis_year_that_is_minus_its_bce_year() -> None:
    ides = ms(make_day(-43, 3, 15))  # 15 March 44 BCE (proleptic Gregorian)
    assert plotly_dates(np.array([ides, ides + 43_200_000])).tolist() == ["-0044-03-15", "-0044-03-15 12:00"]
    assert plotly_dates(np.array([ms(make_day(0, 12, 31)), ms(date(1, 1, 1))])).tolist() == ["-0001-12-31", "0001-01-01"]
    # 29 February 5 BCE (a leap year, astronomical -4) has no place in the axis year -5.
    assert plotly_dates(np.array([ms(make_day(-4, 2, 29))])).tolist() == ["-0005-03-01"]


def test_axis_dates_read_back_as_the_days_they_came_from() -> None:
    picker = random.Random(44)
    days = [make_day(picker.randint(-4000, 2100), picker.randint(1, 12), picker.randint(1, 28)) for _ in range(3000)]
    values = np.array([ms(day) + picker.choice((0, 43_200_000)) for day in days], dtype=np.int64)
    assert [date_ms(text) for text in plotly_dates(values)] == values.astype(float).tolist()
    assert date_ms(YEAR_ZERO_BREAK[0]) == date_ms(YEAR_ZERO_BREAK[1]) == YEAR_ONE_MS


def test_the_figure_of_an_ancient_store_cuts_year_0_and_writes_its_ticks_as_people_do() -> None:
    timeline = load_timeline(STORE, use_cache=False)
    figure = build_figure(timeline.events, FigureOptions())
    axis = figure.layout.xaxis
    assert any(tuple(b.bounds) == YEAR_ZERO_BREAK or (b.bounds[0].startswith("-") and not b.bounds[1].startswith("-"))
               for b in axis.rangebreaks)
    assert axis.labelalias["-1800"] == "1800 BCE" and axis.labelalias["200"] == "200 CE"
    assert axis.labelalias["0"] == "1 CE"
    assert axis.labelalias["Oct -539"] == "Oct 539 BCE"  # months of the years holding events
    assert axis.labelalias["6 Oct -539"] == "6 Oct 539 BCE"
    babylon = next(t for t in figure.data if t.customdata is not None and any(
        row[0] == "fall-of-babylon" for row in t.customdata))
    index = [row[0] for row in babylon.customdata].index("fall-of-babylon")
    assert babylon.x[index] == "-0539-10-06 12:00"  # 12 October 539 BC (Julian) at its noon
    # Label geometry read back from the figure ignores the empty cut.
    assert all(end > start for start, end in figure_geometry(figure).breaks)


def test_common_era_figures_get_no_aliases_and_no_cut() -> None:
    assert era_tick_labels((ms(date(2020, 1, 1)), ms(date(2021, 1, 1)))) == {}
    figure = build_figure(load_timeline("data/events.yaml", use_cache=False).events, FigureOptions())
    assert not figure.layout.xaxis.labelalias
    assert not any(tuple(b.bounds) == YEAR_ZERO_BREAK for b in figure.layout.xaxis.rangebreaks or ())
