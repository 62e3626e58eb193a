"""The chart spends its width where the events are: long empty stretches are cut out and marked,
and a year-long band does not stretch a narrower view."""

from __future__ import annotations

from datetime import date

import numpy as np

from timeline.chart.figure import build_figure
from timeline.chart.focus import MS_PER_DAY, Focus, break_text, focus_of
from timeline.chart.frame import ms
from timeline.chart.labels import BREAK_NOTE_PX, Box, figure_geometry, label_boxes
from timeline.chart.options import FigureOptions
from timeline.model import DateValue, Event, Precision, Source
from timeline.store.loading import load_timeline

SOURCE = (Source(outlet="Test", published=date(2020, 9, 28)),)


def event(event_id: str, start: date, end: date, precision: Precision = Precision.DAY) -> Event:
    return Event(id=event_id, title=event_id.replace("-", " "), date=DateValue(start, end, precision),
                 date_text=start.isoformat(), category="statement", sources=SOURCE, actors=("A",))


def share(focus: Focus, first: date, last: date) -> float:
    """The share of the drawn axis that the days first..last take."""
    width = focus.squeeze(ms(last) + MS_PER_DAY) - focus.squeeze(ms(first))
    return float(width / focus.drawn_ms)


def test_the_bundled_september_takes_at_least_half_the_width_and_january_stays_in_view() -> None:
    events = load_timeline("data/events.yaml", use_cache=False).events
    starts = np.array([ms(e.start) for e in events])
    ends = np.array([ms(e.end) + MS_PER_DAY for e in events])
    focus = focus_of(starts, ends)
    assert len(focus.breaks) == 2
    assert share(focus, date(2020, 9, 1), date(2020, 9, 30)) >= 0.5
    assert focus.window[0] <= ms(date(2020, 1, 3)) and focus.window[1] >= ms(date(2020, 10, 1))
    for start, end in focus.breaks:  # no event inside a skipped stretch
        assert not ((starts < end) & (ends > start)).any()


def test_an_axis_with_breaks_asks_for_ticks_enough_for_every_stretch() -> None:
    timeline = load_timeline("data/events.yaml", use_cache=False)
    axis = build_figure(timeline.events, FigureOptions(), eras=timeline.eras).layout.xaxis
    assert axis.rangebreaks and axis.nticks >= 24  # ~9 months shown in ~1: eight ticks' worth each


def test_every_break_is_drawn_and_says_how_much_it_leaves_out() -> None:
    timeline = load_timeline("data/events.yaml", use_cache=False)
    figure = build_figure(timeline.events, FigureOptions(lanes="category"), eras=timeline.eras)
    bounds = [tuple(b.bounds) for b in figure.layout.xaxis.rangebreaks]
    assert bounds == [("2020-01-08", "2020-05-04"), ("2020-05-10", "2020-08-30")]
    notes = [a.text for a in figure.layout.annotations if a.name == "break"]
    assert notes == ["≈ 4 months left out", "≈ 4 months left out"]
    assert len([s for s in figure.layout.shapes if s.name == "break"]) == 2


def test_labels_never_sit_on_a_break_note_and_importance_5_near_a_break_is_labelled() -> None:
    timeline = load_timeline("data/events.yaml", use_cache=False)
    figure = build_figure(timeline.events, FigureOptions(lanes="category"), eras=timeline.eras)
    geometry = figure_geometry(figure)
    assert geometry.breaks
    labelled = {a.name.removeprefix("label:") for a in figure.layout.annotations if (a.name or "").startswith("label:")}
    assert "soleimani-and-muhandis-killed" in labelled
    notes = [a for a in figure.layout.annotations if a.name == "break"]
    assert len(notes) == len(geometry.breaks)
    for (start, _), note in zip(geometry.breaks, notes):
        x, top = float(geometry.x_px(start)), geometry.y_px(note.y)
        note_box = Box(x - 8, x + 8, top, top + BREAK_NOTE_PX)
        assert geometry.y_px(-0.5) <= top and note_box.bottom <= geometry.lanes_px + 1
        assert not any(note_box.overlaps(box) for box in label_boxes(figure))


def test_a_year_long_band_does_not_stretch_a_september_view_and_shows_it_runs_on() -> None:
    events = [event("a", date(2020, 9, 13), date(2020, 9, 13)), event("b", date(2020, 9, 25), date(2020, 9, 26)),
              event("whole-year", date(2020, 1, 1), date(2020, 12, 31), Precision.YEAR)]
    figure = build_figure(events, FigureOptions(lanes="none"))
    low, high = figure.layout.xaxis.range
    assert low >= "2020-06-01" and high <= "2020-12-31"
    arrows = {a.text for a in figure.layout.annotations if a.name == "continues"}
    assert arrows == {"◀", "▶"}


def test_only_periods_are_shown_whole() -> None:
    focus = focus_of(np.array([ms(date(2019, 1, 1))]), np.array([ms(date(2021, 1, 1))]))
    assert focus.window[0] < ms(date(2019, 1, 1)) and focus.window[1] > ms(date(2021, 1, 1))


def test_short_gaps_and_webgl_charts_keep_a_continuous_axis() -> None:
    starts = np.array([ms(date(2020, 9, 1)), ms(date(2020, 9, 25))])
    ends = starts + MS_PER_DAY
    assert focus_of(starts, ends).breaks == ()  # 24 days: read fine at scale
    far = np.array([ms(date(2020, 1, 1)), ms(date(2020, 9, 25)), ms(date(2020, 9, 28))])
    assert focus_of(far, far + MS_PER_DAY).breaks
    assert focus_of(far, far + MS_PER_DAY, allow_breaks=False).breaks == ()


def test_the_reference_day_is_kept_in_view() -> None:
    starts = np.array([ms(date(2020, 9, 1))])
    focus = focus_of(starts, starts + MS_PER_DAY, reference_ms=ms(date(2021, 3, 1)))
    assert focus.window[1] > ms(date(2021, 3, 1))


def test_break_text_names_the_rough_length() -> None:
    assert break_text(0, 120 * MS_PER_DAY) == "≈ 4 months left out"
    assert break_text(0, 50 * MS_PER_DAY) == "≈ 7 weeks left out"
    assert break_text(0, 3 * 365 * MS_PER_DAY) == "≈ 3 years left out"


def test_an_export_with_from_and_to_spans_exactly_those_days() -> None:
    from timeline.export.figures import view_figure
    from timeline.view.filters import FilterState

    timeline = load_timeline("data/events.yaml", use_cache=False)
    figure = view_figure(timeline, FilterState(start=date(2020, 9, 15), end=date(2020, 9, 30), every_row=True),
                         source="data/events.yaml")
    assert tuple(figure.layout.xaxis.range) == ("2020-09-15", "2020-10-01")  # through the 30th
    cut = {a.y for a in figure.layout.annotations if a.name == "continues"}
    assert "Hikma" in cut  # 'September 2020' starts before the 15th


def test_a_period_asked_for_on_one_side_only_keeps_the_other_side_free() -> None:
    starts = np.array([ms(date(2020, 9, 1)), ms(date(2020, 9, 20))])
    focus = focus_of(starts, starts + MS_PER_DAY, bounds=(ms(date(2020, 9, 10)), None))
    assert focus.window[0] == ms(date(2020, 9, 10)) and focus.window[1] > ms(date(2020, 9, 21))


def test_every_importance_5_event_in_view_is_labelled_in_the_page_and_the_exports() -> None:
    from timeline.export.figures import view_figure
    from timeline.view.filters import FilterState

    timeline = load_timeline("data/events.yaml", use_cache=False)

    def unlabelled(figure: object, shown: list[Event]) -> set[str]:
        labelled = {a.name.removeprefix("label:") for a in figure.layout.annotations
                    if (a.name or "").startswith("label:")}
        return {e.id for e in shown if e.importance == 5} - labelled

    everything = list(timeline.events)
    september = [e for e in everything if e.end >= date(2020, 9, 1)]
    assert unlabelled(build_figure(everything, FigureOptions(plot_width_px=560), eras=timeline.eras), everything) == set()
    assert unlabelled(view_figure(timeline, FilterState(), source="x"), everything) == set()
    assert unlabelled(view_figure(timeline, FilterState(start=date(2020, 9, 1), end=date(2020, 9, 30)), source="x"),
                      september) == set()
